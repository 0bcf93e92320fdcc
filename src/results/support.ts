// Data of the results of help, source, expect and quit.
import type { CmdError } from './result.js';

export interface HelpRow { usage: string; summary: string; section: string; aliases: string[] }
export interface HelpData { commands: HelpRow[] }
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
