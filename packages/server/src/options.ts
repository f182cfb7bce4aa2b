/** Settings of a server made by `createServer`; every field has a safe default. */
export interface ServerOptions {
  /** Interface to listen on; `127.0.0.1` by default. */
  host?: string;
  /** TCP port; 0 picks a free one. */
  port?: number;
  /** Largest accepted message in bytes; 64 KiB by default (ws would allow 100 MiB). */
  maxPayloadBytes?: number;
  /** Milliseconds between pings; a peer that misses one pong is terminated. */
  heartbeatIntervalMs?: number;
  /** Milliseconds a shutdown waits for clients to close before terminating them. */
  shutdownTimeoutMs?: number;
}

/** {@link ServerOptions} with every default applied. */
export type ResolvedServerOptions = Required<ServerOptions>;

/** Defaults used for options left unset. */
export const defaultServerOptions: Readonly<ResolvedServerOptions> = Object.freeze({
  host: '127.0.0.1',
  port: 0,
  maxPayloadBytes: 64 * 1024,
  heartbeatIntervalMs: 30_000,
  shutdownTimeoutMs: 10_000,
});

/** Fills unset options with {@link defaultServerOptions}. */
export function resolveServerOptions(options: ServerOptions): ResolvedServerOptions {
  const resolved = { ...defaultServerOptions };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) Object.assign(resolved, { [key]: value });
  }
  return resolved;
}
