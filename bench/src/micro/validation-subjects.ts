import * as validation from '@proj/validation';
import { type MicroSubject, exported } from './subject.js';

/** Parsing and validating one JSON echo message, as the secure server does per message. */
export function validationSubjects(): MicroSubject[] {
  const subjects: MicroSubject[] = [];
  const defineProtocol = exported(validation, 'defineProtocol');
  if (defineProtocol === undefined) {
    process.stderr.write('micro: @proj/validation has no defineProtocol, so message validation is not timed\n');
  }
  const { z } = validation;
  const shapes = () => ({ echo: z.object({ text: z.string().max(60_000), requestId: z.string().max(64).optional() }) });
  const protocol = defineProtocol?.(shapes()) as { parse(data: Buffer | string): unknown } | undefined;

  for (const bytes of [32, 4096]) {
    const size = bytes === 32 ? '32 B' : '4 KiB';
    const text = 'x'.repeat(bytes);
    const frame = Buffer.from(JSON.stringify({ type: 'echo', text, requestId: 'req-1' }));
    const frameText = frame.toString('utf8');
    subjects.push({ group: 'validation', name: `JSON.parse, ${size} echo message (reference)`, run: () => JSON.parse(frameText) });
    const parseJsonMessage = exported(validation, 'parseJsonMessage');
    if (parseJsonMessage) {
      subjects.push({ group: 'validation', name: `parseJsonMessage, ${size} echo message`, run: () => parseJsonMessage(frameText) });
    }
    if (protocol) {
      subjects.push({ group: 'validation', name: `protocol.parse, ${size} echo message`, run: () => protocol.parse(frameText) });
    }
    subjects.push({
      group: 'validation',
      name: `JSON.stringify of the ${size} echo reply`,
      note: 'secure-server skips it for request text without a backslash',
      run: () => JSON.stringify({ type: 'echo', text, requestId: 'req-1' }),
    });
  }
  if (defineProtocol) {
    const frameText = JSON.stringify({ type: 'echo', text: 'x'.repeat(32) });
    subjects.push({
      group: 'validation',
      name: 'defineProtocol + parse per message, 32 B',
      note: 'what compiling the schema on every message would cost',
      run: () => (defineProtocol(shapes()) as { parse(data: string): unknown }).parse(frameText),
    });
  }
  return subjects;
}
