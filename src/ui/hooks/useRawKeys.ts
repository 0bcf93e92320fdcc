// Raw key input: Ink splits stdin into events (one per escape sequence or run of text); the
// binding table in keys.ts decodes them. Raw mode is requested while the component is mounted.
import { useEffect, useStdin } from '../vendor.js';
import { decodeInput, type KeyEvent } from '../keys.js';

export function useRawKeys(onEvent: (e: KeyEvent) => void): void {
  const { internal_eventEmitter: events, setRawMode, isRawModeSupported } = useStdin();
  useEffect(() => {
    if (!isRawModeSupported) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isRawModeSupported, setRawMode]);
  useEffect(() => {
    const onInput = (raw: string): void => { for (const e of decodeInput(raw)) onEvent(e); };
    events.on('input', onInput);
    return () => { events.off('input', onInput); };
  }, [events, onEvent]);
}
