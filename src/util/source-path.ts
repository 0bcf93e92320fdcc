// Source paths as a DPDK developer reads them: drivers/net/pcap/pcap_ethdev.c, not
// ../dpdk-src-22.11.11/drivers/...; the addon's own files as native/NAME. Used for frames from
// libdwfl (bt, ops) and from eu-stack (hang samples) alike.
export function normalizeSourcePath(file: string | undefined): string | null {
  if (!file) return null;
  const m = /dpdk-src-[^/]+\/(.*)$/.exec(file);
  if (m) return m[1];
  if (/(^|\/)\.\.\/(\w+\.(cc|h))$/.test(file) && !file.includes('node_modules')) return 'native/' + file.replace(/^.*\//, '');
  return file.replace(/^(\.\.\/)+/, '');
}
