// The device area's result kinds and their data: probe, port detach/close, mac, the driver and
// probe listings, and the port listings.
import type { ProbeRecord } from '../session/session.js';
import type { DriverInfo } from '../session/drivers.js';
import type { RawPort, RawStats, StoppedCapture } from '../protocol/ops.js';
import type { RawPktPool } from '../protocol/ops-packets.js';
import type { KeyCheck } from '../diagnose/keys.js';
import type { ProbeWarning } from '../diagnose/warnings.js';
import type { Diagnosis } from '../diagnose/types.js';
import type { PreflightResult } from '../recovery/preflight.js';
import type { MacExplanation } from '../mac/explain.js';

export interface ProbeData {
  probeId: number;
  input: string;
  form: string | null;
  name: string | null;
  args: string | null;
  ret: number | null;
  driver: string | null;
  alias: string | null;
  matched: ProbeRecord['matched'];
  port?: number;
  mac?: string;
  acceptedKeys: string[];
  keys: KeyCheck[];
  silentFailure: boolean;
  ms: number;
  /** After a successful probe: where the devargs will not do what they say (src/diagnose/warnings.ts). */
  warnings?: ProbeWarning[];
  /** The pre-flight trial, when the input looked risky (src/recovery/preflight.ts). */
  preflight?: PreflightResult;
  /** Failed probes only: the tun/tap interfaces the probe left held in the EAL, which the shell let go (src/inferior/left-tuns.ts). */
  closedTuns?: string[];
  /** Failed probes only: cause, summary, evidence and fixes proved in a scratch EAL (src/diagnose). */
  diagnosis?: Diagnosis;
}

export interface DetachData {
  /** null: a device without a port (closed earlier) removed by name. */
  port: number | null; name: string; device: string; ret: number; removed: boolean; captureStopped?: StoppedCapture;
  /** Ports the device's remove left (named other than the device); detach closed them. */
  leftPorts?: { driver: string | null; remove: string | null; closed: { port: number; name: string; ret: number }[] };
  /** A persistent tun/tap interface (IFF_PERSIST) the port leaves on the host. */
  ifaceStays?: string;
}
export interface CloseData { port: number; name: string; ret: number; note: string; captureStopped?: StoppedCapture }

export interface MacData { port: number; name: string; driver?: string; ret?: number; explain: MacExplanation | null }

export interface DriversData { drivers: DriverInfo[] }
export interface DriverData { driver: DriverInfo; claimedBy?: string }

export interface ProbeRow {
  id: number; input: string; ok: boolean; ret: number | null; driver: string | null; port: number | null;
  /** 'recorded': kept by the inferior until bt asks; 'loaded': fetched; 'lost': gone with its EAL. */
  chain: 'recorded' | 'loaded' | 'lost' | 'none';
}
export interface ProbesData { probes: ProbeRow[] }

export interface PortsData { ports: RawPort[] }
export interface PortInfoData { ports: RawPort[]; mempool?: RawPktPool }
export interface PortStatsData { stats: (Partial<RawStats> & { port: number; name: string })[] }

/** The device area's result kinds: kind -> data (src/format/areas/devices.ts formats each). */
export interface DeviceKinds {
  probe: ProbeData;
  detach: DetachData;
  close: CloseData;
  mac: MacData;
  drivers: DriversData;
  driver: DriverData;
  probes: ProbesData;
  ports: PortsData;
  'port-info': PortInfoData;
  'port-stats': PortStatsData;
}
