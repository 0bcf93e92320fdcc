// Imported first by both processes (the shell, src/shell.ts; the EAL's, src/inferior/start.ts and
// main.ts): V8 runs their code as baseline (Sparkplug) code and never starts its optimizing
// compiler. Each command is tens of microseconds of JavaScript on each side of the request
// channel, and each side polls for the other; TurboFan compiles the hot functions in background
// threads, for milliseconds each, and on a 2-CPU machine such a thread takes the CPU of the side
// that is waiting, which then answers a time slice late. Measured on 1000 attach+detach cycles
// (25.11.2): the shell's compiler threads used ~230 ms of CPU and ~4% of the replies were picked
// up ~1.5 ms late; with baseline code only, the mean cycle fell by about a third while the
// median cycle stayed the same. Set at run time: V8 reads this limit at each tier-up.
import v8 from 'node:v8';

v8.setFlagsFromString('--max-opt=1');
