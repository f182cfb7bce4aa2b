import { type ServerOptions, defaultServerOptions } from '@proj/server';

/**
 * Bounds of the per-connection queue of messages that wait while
 * first-message authentication or `auth.refresh` is in flight.
 */
export interface QueueLimit {
  /** Messages in flight or waiting. */
  readonly maxMessages: number;
  /** UTF-8 bytes of the waiting messages. */
  readonly maxBytes: number;
}

/** The queue bound on message count when `RATE_LIMIT_CONNECTION` is 0 (off), equal to its default. */
export const DEFAULT_MAX_QUEUED_MESSAGES = 100;

/**
 * Derives the queue bounds from the server settings: as many messages as the
 * per-connection rate limit allows in one window, since the server counts
 * every message against that limit on arrival, and at most one maximum-size
 * message of bytes.
 *
 * @example
 * const limit = queueLimitOf({ rateLimitPerConnection: { points: 100, durationMs: 1_000 }, maxPayloadBytes: 65_536 });
 */
export function queueLimitOf(server: Pick<ServerOptions, 'rateLimitPerConnection' | 'maxPayloadBytes'>): QueueLimit {
  const points = (server.rateLimitPerConnection ?? defaultServerOptions.rateLimitPerConnection).points;
  const maxBytes = server.maxPayloadBytes ?? defaultServerOptions.maxPayloadBytes;
  return { maxMessages: points > 0 ? points : DEFAULT_MAX_QUEUED_MESSAGES, maxBytes };
}

/**
 * A connection's chain of messages: each runs after the one before it has
 * settled, so a client may pipeline messages behind its token.
 */
export class MessageQueue {
  readonly #limit: QueueLimit;
  /** Settles after the last message still in flight; undefined while none is. */
  #tail: Promise<void> | undefined;
  #count = 0;
  #bytes = 0;
  /** Whether the last message that did not fit got a warning; the next one that does not fit closes. */
  overflowWarned = false;

  constructor(limit: QueueLimit) {
    this.#limit = limit;
  }

  /** Whether no message is in flight, so the next one may run at once. */
  get idle(): boolean {
    return this.#tail === undefined;
  }

  /** Whether a message of `bytes` fits behind the ones in flight. */
  fits(bytes: number): boolean {
    return this.#count < this.#limit.maxMessages && this.#bytes + bytes <= this.#limit.maxBytes;
  }

  /** Tracks a message that started at once and returned a promise. */
  track(run: Promise<void>): Promise<void> {
    return this.#chain(run);
  }

  /** Runs `handle` after every message in flight settles; call only when not {@link idle}. */
  enqueue(bytes: number, handle: () => void | Promise<void>): Promise<void> {
    const previous = this.#tail ?? Promise.resolve();
    this.#bytes += bytes;
    const run = previous.then(() => {
      this.#bytes -= bytes;
      return handle();
    });
    return this.#chain(run);
  }

  // Makes `run` the tail until it settles; the caller still gets `run` and its rejection.
  #chain(run: Promise<void>): Promise<void> {
    const settle = (): void => {
      this.#count -= 1;
      if (this.#tail === tail) this.#tail = undefined;
    };
    const tail: Promise<void> = run.then(settle, settle);
    this.#count += 1;
    this.#tail = tail;
    return run;
  }
}
