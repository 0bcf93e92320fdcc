// The result kinds of help, source and expect and their data; and the kinds with no formatter of
// their own (quit, and 'error', a failure whose error says it all).
import type { CmdError } from './result.js';
import type { AbandonedData } from './recovery.js';
import type { Death } from '../session/inferior.js';

export interface HelpRow { usage: string; summary: string; section: string; aliases: string[] }
export interface HelpData {
  commands: HelpRow[];
  /** `help info`: the first words asked about; only the commands under them are listed. */
  under?: string;
}
export interface HelpCommandData {
  path: string; usage: string; summary: string; details: string | null; aliases: string[]; section: string;
  /** The options it declares (CommandSpec.options). */
  options: { name: string; summary: string }[];
  /** Its arguments and keys (CommandSpec.args, .keys). */
  arguments: { name: string; summary: string }[];
}

export interface SourceData { file: string; commands: number; failed: number; firstFailure: { cmd: string; error?: CmdError } | null }
export interface ExpectData { assertion: string; detail?: string }
/** A script stopped by Ctrl-C before this line (kind 'error'). */
export interface ScriptInterrupted { file: string; line: number }

/** help's, source's and expect's result kinds: kind -> data (src/format/areas/support.ts formats each). */
export interface SupportKinds {
  help: HelpData;
  'help-command': HelpCommandData;
  source: SourceData;
  expect: ExpectData;
}

/**
 * Kinds with no formatter: the generic path prints DPDK's lines and the error (src/format/index.ts).
 * 'error' is a failure with no kind of its own; its data, when any, is for JSON.
 */
export interface PlainKinds {
  quit: Record<string, never>;
  error: { death: Death } | AbandonedData | ScriptInterrupted | { ealArgs: string[]; state: string };
}
