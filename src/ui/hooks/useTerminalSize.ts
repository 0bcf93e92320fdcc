// The terminal's size, updated on resize so the whole screen re-lays out (tables included).
import { useEffect, useState, useStdout } from '../vendor.js';

export interface Size { columns: number; rows: number }

export function useTerminalSize(fixed?: Partial<Size>): Size {
  const { stdout } = useStdout();
  const read = (): Size => ({ columns: fixed?.columns ?? (stdout.columns || 80), rows: fixed?.rows ?? (stdout.rows || 24) });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = (): void => setSize(read());
    stdout.on('resize', onResize);
    return () => { stdout.off('resize', onResize); };
  }, [stdout, fixed?.columns, fixed?.rows]); // eslint-disable-line react-hooks/exhaustive-deps
  return size;
}
