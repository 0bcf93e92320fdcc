// "1" names a port by id, anything else by its ethdev or device name. One rule for the shell
// (findPort) and the inferior (detachPort).
export function matchesPortRef(p: { port: number; name: string; device?: string }, ref: string): boolean {
  return /^\d+$/.test(ref) ? p.port === Number(ref) : p.name === ref || p.device === ref;
}
