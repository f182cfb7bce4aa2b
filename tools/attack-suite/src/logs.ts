import type { AppProcess, LogLine } from '@proj/testkit';

/** Lines an app logged from index `from` on, for checks scoped to one step of a test. */
export function linesSince(app: AppProcess, from: number): LogLine[] {
  return app.logs.slice(from);
}

/** Waits up to `timeoutMs` for a line after index `from` that matches, polling every 10 ms. */
export async function waitForLineSince(
  app: AppProcess,
  from: number,
  predicate: (line: LogLine) => boolean,
  timeoutMs = 3_000,
): Promise<LogLine> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = linesSince(app, from).find(predicate);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching log line within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Tells whether a log line mentions a string anywhere, fields and nested errors included. */
export function mentions(line: LogLine, text: string): boolean {
  return JSON.stringify(line).includes(text);
}

/** Lines at `error` or `fatal`, which a client fault must never cause. */
export function serverFaultLines(lines: readonly LogLine[]): LogLine[] {
  return lines.filter((line) => line.level === 'error' || line.level === 'fatal');
}

/** Waits until the app has logged nothing for `quietMs`, so a step's lines are not mixed with the previous step's. */
export async function waitForQuiet(app: AppProcess, quietMs = 150, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let count = app.logs.length;
  let since = Date.now();
  while (Date.now() - since < quietMs && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    if (app.logs.length !== count) {
      count = app.logs.length;
      since = Date.now();
    }
  }
}
