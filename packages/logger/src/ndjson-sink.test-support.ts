import { Writable } from 'node:stream';

/** A stream that collects what a logger writes and parses it as NDJSON. */
export interface NdjsonSink {
  readonly stream: Writable;
  /** Everything written so far. */
  text(): string;
  /** Every line so far, parsed; throws on a line that is not JSON. */
  lines(): Array<Record<string, unknown>>;
}

// Writable calls write() synchronously while nothing is pending, so the text
// is complete as soon as the log call returns.
export function createSink(): NdjsonSink {
  let text = '';
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return {
    stream,
    text: () => text,
    lines: () =>
      text
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
