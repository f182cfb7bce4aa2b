import { createError, isProjError } from '@proj/errors';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { email, requestId } from '../fields/common-fields.js';
import { MAX_CLIENT_ISSUES, MAX_ISSUE_PATH_SEGMENTS, toClientIssues } from './client-issues.js';
import { detailsOf, toMessageErrorReply } from './error-reply.js';
import { defineProtocol } from './protocol.js';

const MARKER = 'MARKER_c0ffee_do_not_echo';

const protocol = defineProtocol({
  signup: z
    .object({
      email: email(),
      password: z.string().min(64),
      role: z.enum(['user', 'guest']),
      age: z.number().int().max(150),
      tags: z.array(z.string().max(3)).max(2),
      settings: z.record(z.string(), z.boolean()),
      nested: z.object({ deep: z.object({ value: z.literal('x') }) }).strict(),
      requestId: requestId().optional(),
    })
    .refine((value) => value.password !== value.email, 'password must differ from the email'),
});

// Every field carries the marker, so any echo of a received value shows up.
const poisoned = {
  type: 'signup',
  email: `${MARKER}@`,
  password: MARKER,
  role: MARKER,
  age: MARKER,
  tags: [MARKER, MARKER, MARKER],
  settings: { flag: MARKER },
  nested: { deep: { value: MARKER }, [`extra_${MARKER}`]: MARKER },
  requestId: `${MARKER} with spaces`,
};

function replyTo(text: string): string {
  try {
    protocol.parse(text);
  } catch (error) {
    return JSON.stringify(toMessageErrorReply(error));
  }
  throw new Error('expected the message to be rejected');
}

describe('toMessageErrorReply', () => {
  it('never echoes a received value in a schema failure', () => {
    const reply = replyTo(JSON.stringify(poisoned));
    expect(reply).toContain('ERR_VALIDATION_SCHEMA');
    expect(reply).not.toContain(MARKER);
    expect(reply).not.toContain('c0ffee');
  });

  it('keeps the received value on cause for the log', () => {
    let cause: unknown;
    try {
      protocol.parse(JSON.stringify(poisoned));
    } catch (error) {
      cause = (error as Error).cause;
    }
    expect(cause).toBeInstanceOf(z.ZodError);
    expect((cause as z.ZodError).issues.length).toBeGreaterThan(MAX_CLIENT_ISSUES);
  });

  it.each([
    ['invalid JSON', `{"type":"signup","email":"${MARKER}`],
    ['a forbidden key', `{"type":"signup","fields":{"__proto__":{"x":"${MARKER}"}}}`],
    ['an unknown type', `{"type":"${MARKER}"}`],
    ['a non-string type', `{"type":["${MARKER}"]}`],
    ['too deep nesting', `${'['.repeat(40)}"${MARKER}"${']'.repeat(40)}`],
    ['a too large message', `"${MARKER}${' '.repeat(70_000)}"`],
  ])('never echoes a received value for %s', (_name, text) => {
    const reply = replyTo(text);
    expect(reply).toMatch(/"code":"ERR_/);
    expect(reply).not.toContain(MARKER);
  });

  it('lists at most five issues with fixed messages', () => {
    const reply = JSON.parse(replyTo(JSON.stringify(poisoned))) as { issues: { path: unknown; code: string }[] };
    expect(reply.issues).toHaveLength(MAX_CLIENT_ISSUES);
    expect(reply.issues[0]).toEqual({ path: ['email'], code: 'invalid_format', message: 'Invalid format' });
  });

  it('echoes a well-formed request id and drops a malformed one', () => {
    const good = JSON.parse(replyTo('{"type":"nope","requestId":"req-42"}')) as { requestId?: string };
    expect(good.requestId).toBe('req-42');
    const bad = JSON.parse(replyTo(`{"type":"nope","requestId":"${MARKER} x"}`)) as { requestId?: string };
    expect(bad.requestId).toBeUndefined();
  });

  it('prefers the request id argument', () => {
    const error = createError('ERR_VALIDATION_SCHEMA', 'bad');
    expect(toMessageErrorReply(error, 'given-1').requestId).toBe('given-1');
  });

  it('returns the generic reply for errors of other origins', () => {
    expect(toMessageErrorReply(new Error(`db says ${MARKER}`))).toEqual({
      type: 'error',
      code: 'ERR_INTERNAL',
      message: 'Internal error',
    });
    expect(detailsOf(new Error('x'))).toBeUndefined();
    expect(detailsOf(null)).toBeUndefined();
  });
});

describe('toClientIssues', () => {
  it('truncates long keys and deep paths', () => {
    const longKey = 'k'.repeat(1_000);
    const issues = toClientIssues([
      { code: 'custom', message: `got ${MARKER}`, path: [longKey, 0, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], input: MARKER },
    ]);
    const [issue] = issues;
    expect(issue?.path).toHaveLength(MAX_ISSUE_PATH_SEGMENTS);
    expect(String(issue?.path[0]).length).toBeLessThanOrEqual(33);
    expect(issue?.path[1]).toBe(0);
    expect(JSON.stringify(issues)).not.toContain(MARKER);
  });

  it('does not split a surrogate pair when truncating', () => {
    const key = `${'k'.repeat(31)}😀`;
    const [issue] = toClientIssues([{ code: 'custom', message: 'x', path: [key] }]);
    expect(issue?.path[0]).toBe(`${'k'.repeat(31)}…`);
  });

  it('maps every zod issue code to a fixed message', () => {
    const schema = z.object({
      a: z.string(),
      b: z.number().multipleOf(5),
      c: z.string().regex(/^a$/),
      d: z.enum(['x']),
      e: z.union([z.string(), z.number()]),
      f: z.object({}).strict(),
      g: z.map(z.string().max(1), z.string()),
    });
    const result = schema.safeParse({ a: 1, b: 3, c: 'b', d: 'y', e: null, f: { z: 1 }, g: new Map([['long', 'v']]) });
    expect(result.success).toBe(false);
    const codes = (result.error?.issues ?? []).map((issue) => issue.code);
    const messages = new Set(toClientIssues(result.error?.issues ?? []).map((issue) => issue.message));
    expect(codes.length).toBeGreaterThan(MAX_CLIENT_ISSUES);
    expect(messages.size).toBeGreaterThan(1);
    for (const message of messages) expect(message).toMatch(/^[A-Z][a-z ]+$/);
  });
});

describe('protocol errors', () => {
  it('are toolkit errors with details only for message content', () => {
    try {
      protocol.parse('{}', true);
    } catch (error) {
      expect(isProjError(error, 'ERR_VALIDATION_BINARY_UNSUPPORTED')).toBe(true);
      expect(detailsOf(error)).toBeUndefined();
    }
  });
});
