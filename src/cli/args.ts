// Command-line options, modelled on gdb: -ex CMD (repeatable), -batch, -x FILE, -q, plus --json.
export interface CliOptions {
  ex: { kind: 'ex' | 'script'; value: string }[];
  scripts: string[];
  batch: boolean;
  quiet: boolean;
  json: boolean;
  noColor: boolean;
  plain: boolean;
  help: boolean;
  version: boolean;
  ealArgs?: string[];
  timeoutMs?: number;
}

export const USAGE = `usage: vdev-shell [options] [FILE.vsh ...] [-- EAL ARGS...]
  -ex CMD        run CMD (repeatable; -ex and scripts run in the order given)
  -x FILE        run the commands in FILE (same as a FILE.vsh argument)
  -batch         run the -ex commands and scripts, then exit (status 1 if a command failed)
  -q, --quiet    no banner
  --json         one JSON object per command on stdout: {cmd, ok, data, error?, log}
  --plain        line prompt instead of the full-screen UI
  --no-color     no colour (NO_COLOR and TERM=dumb also turn it off)
  -p, --pid PID  attach to a running DPDK application (a secondary process of the same build)
  --timeout MS   cancel a command that has not returned after MS ms (restarts the EAL, restores
                 the session; 0 = never; default 10000 or VDEV_SHELL_TIMEOUT_MS)
  --version, --help
  -- ARGS       EAL arguments (default: --no-huge -m 64 --no-pci --no-shconf -l 0 --no-telemetry)
Commands are also read from stdin when it is not a terminal:  printf 'probe net_null0\\n' | vdev-shell
`;

/** The EAL arguments when the command line names none. */
export const DEFAULT_EAL_ARGS = ['--no-huge', '-m', '64', '--no-pci', '--no-shconf', '-l', '0', '--no-telemetry'];

/**
 * The EAL arguments this command line starts the shell's EAL with; null when it starts none
 * (a usage error, --help, --version). The shell and the EAL bin/vdev-shell starts beside it read
 * the same command line through this one function.
 */
export function ealArgsOf(argv: string[]): string[] | null {
  const o = parseCliArgs(argv);
  return 'error' in o || o.help || o.version ? null : o.ealArgs ?? DEFAULT_EAL_ARGS;
}

export function parseCliArgs(argv: string[]): CliOptions | { error: string } {
  const o: CliOptions = { ex: [], scripts: [], batch: false, quiet: false, json: false, noColor: false, plain: false, help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const need = (): string | undefined => argv[++i];
    switch (a) {
      case '-ex': case '--ex': case '-eval-command': case '--eval-command': {
        const v = need();
        if (v === undefined) return { error: `${a} needs a command` };
        o.ex.push({ kind: 'ex', value: v });
        break;
      }
      case '-x': case '--command': {
        const v = need();
        if (v === undefined) return { error: `${a} needs a file` };
        o.ex.push({ kind: 'script', value: v });
        o.scripts.push(v);
        break;
      }
      case '-batch': case '--batch': o.batch = true; o.quiet = true; break;
      case '-q': case '-quiet': case '--quiet': case '-silent': o.quiet = true; break;
      case '--json': o.json = true; break;
      case '--no-color': case '--no-colour': o.noColor = true; break;
      case '--plain': o.plain = true; break;
      case '-h': case '--help': o.help = true; break;
      case '--version': case '-v': o.version = true; break;
      case '--timeout': {
        const v = need();
        if (v === undefined || !/^\d+$/.test(v)) return { error: `${a} needs a number of milliseconds (0 = no timeout)` };
        o.timeoutMs = Number(v);
        break;
      }
      case '-p': case '--pid': {
        // gdb -p PID: attach to a running application first, before any -ex command or script.
        const v = need();
        if (v === undefined || !/^\d+$/.test(v)) return { error: `${a} needs the pid of a running DPDK application` };
        o.ex.unshift({ kind: 'ex', value: `attach ${v}` });
        break;
      }
      case '--': o.ealArgs = argv.slice(i + 1); i = argv.length; break;
      default:
        if (a.startsWith('-')) return { error: `unknown option ${a}` };
        o.ex.push({ kind: 'script', value: a });
        o.scripts.push(a);
    }
  }
  return o;
}
