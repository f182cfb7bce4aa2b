import { Bench } from 'tinybench';
import { authSubjects } from './auth-subjects.js';
import { serverSubjects } from './server-subjects.js';
import type { MicroSubject } from './subject.js';
import { validationSubjects } from './validation-subjects.js';

// Entry point of one micro-benchmark process: times every subject and prints
// one JSON line per subject with its median nanoseconds per operation.

const subjects: MicroSubject[] = [...validationSubjects(), ...authSubjects(), ...serverSubjects()];
const bench = new Bench({ time: 400, warmupTime: 150, subtractTimerOverhead: true, throws: true });
for (const subject of subjects) bench.add(subject.name, timedOperation(subject));
await bench.run();

const notes = new Map(subjects.map((subject) => [subject.name, subject]));
for (const task of bench.tasks) {
  const result = task.result;
  const subject = notes.get(task.name);
  if (result.state !== 'completed' || subject === undefined) {
    process.stderr.write(`micro: ${task.name} did not complete (${result.state})\n`);
    continue;
  }
  const line = { group: subject.group, name: task.name, nanoseconds: (result.latency.p50 * 1e6) / (subject.batch ?? 1), note: subject.note };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

// One timed iteration: a single call, or `batch` calls in a loop.
function timedOperation(subject: MicroSubject): () => unknown {
  const { batch, run } = subject;
  if (batch === undefined) return run;
  return () => {
    let last: unknown;
    for (let call = 0; call < batch; call += 1) last = run();
    return last;
  };
}
