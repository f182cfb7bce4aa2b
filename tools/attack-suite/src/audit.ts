import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AppProcess } from '@proj/testkit';

/** An app whose every output line the audit scans. */
export interface AuditedApp {
  readonly label: string;
  readonly app: AppProcess;
  readonly errorLogFile: string;
}

/** A secret found in captured output. */
export interface Leak {
  readonly app: string;
  readonly secret: string;
}

// Every HS256, RS256 or ES256 JWT header starts with `{"` and so with `eyJ` in base64url.
const JWT_PREFIX = 'eyJ';

/**
 * Collects the apps a test file starts and the secrets it uses (tokens, their
 * signature segments, signing secrets, message-body markers), then searches
 * every captured stdout, stderr and error-log line for them.
 */
export class LogAudit {
  readonly #apps: AuditedApp[] = [];
  readonly #secrets = new Map<string, string>();

  /** Adds an app whose output is searched. */
  track(entry: AuditedApp): void {
    this.#apps.push(entry);
  }

  /** Adds a value that must never appear in any output; values under 8 characters are too common to search. */
  secret(value: string, label: string): void {
    if (value.length >= 8) this.#secrets.set(value, label);
  }

  /** Adds a JWT: the whole token, its claims segment and its signature segment. */
  token(token: string, label: string): void {
    const [, claims = '', signature = ''] = token.split('.');
    this.secret(token, `${label} token`);
    this.secret(claims, `${label} claims segment`);
    this.secret(signature, `${label} signature segment`);
  }

  /** Returns a fresh unique string to put in a message body, and searches for it later. */
  marker(label: string): string {
    const value = `body-${label}-${randomBytes(6).toString('hex')}`;
    this.secret(value, `${label} message body`);
    return value;
  }

  /** Number of secrets registered so far. */
  get secretCount(): number {
    return this.#secrets.size;
  }

  /** Number of lines captured so far across every tracked app. */
  capturedLineCount(): number {
    return this.#apps.reduce((total, entry) => total + captured(entry).split('\n').length, 0);
  }

  /** Searches every tracked app's output for every secret and for the JWT prefix. */
  findLeaks(): Leak[] {
    const leaks: Leak[] = [];
    for (const entry of this.#apps) {
      const text = captured(entry);
      if (text.includes(JWT_PREFIX)) leaks.push({ app: entry.label, secret: `the JWT prefix ${JWT_PREFIX}` });
      for (const [value, label] of this.#secrets) {
        if (text.includes(value)) leaks.push({ app: entry.label, secret: label });
      }
    }
    return leaks;
  }
}

function captured(entry: AuditedApp): string {
  let errorLog = '';
  try {
    errorLog = readFileSync(entry.errorLogFile, 'utf8');
  } catch (err) {
    // The file only exists once something logged at error level.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return `${entry.app.output.stdout}\n${entry.app.output.stderr}\n${errorLog}`;
}
