// The one map from result kind to the type of its data. A command returns ok(kind, data) with
// this type; the formatter of that kind (src/format) receives it typed; toJson prints it as is.
//
// Each area declares its kinds beside their data types, in src/results/<area>.ts (DeviceKinds,
// TraceKinds, ...); this map only joins them (the compiler refuses one kind with two data types).
// A new result kind touches three files: src/results/<area>.ts (its data type and its line in
// the area's kind map), src/format/areas/<area>.ts (its formatter and its line in the area's
// formatter table; the compiler refuses a kind left without one, unless it is in PlainKinds)
// and the command that returns it (src/commands).
import type { DeviceKinds } from './devices.js';
import type { InferiorKinds } from './inferior.js';
import type { TraceKinds } from './trace.js';
import type { PacketsKinds } from './packets.js';
import type { RecoveryKinds } from './recovery.js';
import type { DiagnoseKinds } from './diagnose.js';
import type { AttachKinds } from './attach.js';
import type { TeachKinds } from './teach.js';
import type { SupportKinds, PlainKinds } from './support.js';

export interface ResultKinds
  extends DeviceKinds, InferiorKinds, TraceKinds, PacketsKinds, RecoveryKinds, DiagnoseKinds, AttachKinds, TeachKinds, SupportKinds, PlainKinds {}
