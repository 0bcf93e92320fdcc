// Imported first by both processes (the shell, src/shell.ts; the EAL's, src/inferior/start.ts and
// main.ts): V8 runs their code as baseline (Sparkplug) code from a function's first call on, and
// never starts its optimizing compiler. Each command is tens of microseconds of JavaScript on each
// side of the request channel, and each side polls for the other:
// - TurboFan compiles hot functions in background threads, for milliseconds each; on a 2-CPU
//   machine such a thread takes the CPU of the side that is waiting, which then answers a time
//   slice late. In 1000 attach+detach cycles (25.11.2) the shell's compiler threads used ~230 ms
//   of CPU, and ~2% of replies and 1-2% of requests were picked up ~1.5 ms late; without
//   TurboFan the mean cycle fell by about a third while the median cycle stayed.
// - Left to themselves, functions run in the interpreter until they have run a while; a command's
//   code runs a few times per command, so most of it stayed interpreted for the first hundreds of
//   commands. Compiled at their first call, 200 attach+detach cycles took 15-30% less time; the
//   run-once code of start-up costs ~6 ms more to compile, which the EAL's start hides.
// Set at run time: V8 reads both at each compile and tier-up. The EAL's code cache is made and
// taken under these flags (V8 checks them), which is why they are set before it is read.
import v8 from 'node:v8';

v8.setFlagsFromString('--max-opt=1');
v8.setFlagsFromString('--always-sparkplug');
