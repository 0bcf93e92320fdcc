// Source paths as a DPDK developer reads them: drivers/net/pcap/pcap_ethdev.c, not
// ../dpdk-src-22.11.11/drivers/... or src-<hash>/drivers/... (set-up's tree); the addon's own files as native/NAME. Used for frames from
// libdwfl (bt, ops) and from eu-stack (hang samples) alike.
/** The source tree's directory in a DWARF path: dpdk-src-VERSION (older set-ups) or src-HASH. */
export const SOURCE_TREE = /(?:^|\/)(?:dpdk-src-[^/]+|src-[0-9a-f]{6,})\/(.*)$/;

export function normalizeSourcePath(file: string | undefined): string | null {
  if (!file) return null;
  const m = SOURCE_TREE.exec(file);
  if (m) return m[1];
  if (/(^|\/)\.\.\/(\w+\.(cc|h))$/.test(file) && !file.includes('node_modules')) return 'native/' + file.replace(/^.*\//, '');
  return file.replace(/^(\.\.\/)+/, '');
}
