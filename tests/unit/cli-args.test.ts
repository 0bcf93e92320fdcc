// The command line's EAL arguments, read by the shell and by the EAL bin/vdev-shell starts beside
// it through one function (ealArgsOf): both must agree on when an EAL starts, and with what.
import { describe, expect, it } from 'vitest';
import { DEFAULT_EAL_ARGS, ealArgsOf } from '../../src/cli/args.js';

describe('ealArgsOf', () => {
  it('takes everything after --, or the defaults', () => {
    expect(ealArgsOf(['-batch', '-ex', 'probe net_null0', '--', '-l', '0-1', '--no-huge'])).toEqual(['-l', '0-1', '--no-huge']);
    expect(ealArgsOf(['-q'])).toEqual(DEFAULT_EAL_ARGS);
    expect(ealArgsOf(['-ex', '--', '--', '-l', '1'])).toEqual(['-l', '1']); // `-ex --` is a command, the second -- the separator
  });
  it('starts no EAL for --help, --version or a usage error', () => {
    for (const argv of [['--help'], ['-h'], ['--version'], ['--bogus'], ['-ex'], ['--timeout', 'x']]) expect(ealArgsOf(argv), argv.join(' ')).toBeNull();
  });
});
