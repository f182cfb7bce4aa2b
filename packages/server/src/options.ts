/** A certificate and private key in PEM, which switch the server to `wss://`. */
export interface TlsOptions {
  /** Certificate chain in PEM. */
  cert: string | Buffer;
  /** Private key in PEM. */
  key: string | Buffer;
}

/** Per-message compression settings; compression stays off unless this is set. */
export interface CompressionOptions {
  /** Messages smaller than this many bytes are sent uncompressed. */
  thresholdBytes: number;
}

/** A message rate: at most `points` messages per `durationMs`; 0 points disables the limit. */
export interface RateLimitOptions {
  /** Messages allowed per window. */
  points: number;
  /** Window length in milliseconds, rounded up to whole seconds. */
  durationMs: number;
}

/** Settings of a server made by `createServer`; every field has a safe default. */
export interface ServerOptions {
  /** Interface to listen on; `127.0.0.1` by default. */
  host?: string;
  /** TCP port; 0 picks a free one. */
  port?: number;
  /** Serves `wss://` with TLS 1.2 or newer when set. */
  tls?: TlsOptions;
  /** Port of a separate plain-HTTP listener for `/metrics`; unset serves metrics on the main port. */
  metricsPort?: number;
  /**
   * Adds prom-client's `nodejs_gc_duration_seconds` histogram; off by default.
   * Its observer makes scavenge pauses longer (see the README's Metrics section).
   */
  gcMetrics?: boolean;
  /** Largest accepted message in bytes; 64 KiB by default (ws would allow 100 MiB). */
  maxPayloadBytes?: number;
  /** Largest accepted message before a connection authenticates, in bytes; 8 KiB by default. */
  preAuthMaxPayloadBytes?: number;
  /** Most fragments one message may arrive in. */
  maxFragments?: number;
  /** Most network chunks ws buffers while it waits for a frame to complete. */
  maxBufferedChunks?: number;
  /** Per-message deflate; off by default. ws applies `maxPayloadBytes` to the inflated size. */
  compression?: CompressionOptions | false;
  /** Milliseconds between pings; a peer that misses one pong is terminated. */
  heartbeatIntervalMs?: number;
  /** Milliseconds a peer has to return a close frame before its socket is destroyed. */
  closeTimeoutMs?: number;
  /** Milliseconds an upgrade request may take from its first byte to the 101 response. */
  handshakeTimeoutMs?: number;
  /** Milliseconds a shutdown waits for clients to close before terminating them. */
  shutdownTimeoutMs?: number;
  /** Most open and pending connections in total; past it upgrades get 503. */
  maxConnections?: number;
  /** Most open and pending connections per client address; past it upgrades get 429. */
  maxConnectionsPerAddress?: number;
  /** Whether connections start unauthenticated and are held to the pre-authentication limits. */
  requireAuthentication?: boolean;
  /** Most unauthenticated connections in total; past it upgrades get 503. */
  maxUnauthenticatedConnections?: number;
  /** Most unauthenticated connections per client address; past it upgrades get 429. */
  maxUnauthenticatedPerAddress?: number;
  /** Proxies whose `X-Forwarded-For` is believed: addresses, CIDR ranges or proxy-addr names such as `loopback`. */
  trustedProxies?: readonly string[];
  /** When not empty, only these addresses or CIDR ranges may connect. */
  allowedAddresses?: readonly string[];
  /** Addresses or CIDR ranges that may never connect; checked before the allow list. */
  deniedAddresses?: readonly string[];
  /** Origins allowed to connect, such as `https://app.example.com`. */
  allowedOrigins?: readonly string[];
  /**
   * Accepts any `Origin`, which lets any web page open connections with the
   * user's cookies.
   *
   * > [!WARNING]
   * > Only for development or for services that authenticate every connection without cookies.
   */
  dangerouslyAllowAnyOrigin?: boolean;
  /** Policy for an upgrade without an `Origin` header, as sent by non-browser clients. */
  missingOrigin?: 'allow' | 'reject';
  /** Subprotocols the server may select; a protocol the client offers outside this list is never echoed. */
  subprotocols?: readonly string[];
  /** Message rate per connection. */
  rateLimitPerConnection?: RateLimitOptions;
  /** Message rate per client address, over all its connections. */
  rateLimitPerAddress?: RateLimitOptions;
  /** Message rate per authenticated user, over all their connections. */
  rateLimitPerUser?: RateLimitOptions;
  /** Invalid messages a connection may send before it is closed with 1008. */
  invalidMessageBudget?: number;
  /** Bytes queued for a client past which it is closed with 1013 as a slow consumer. */
  sendHighWaterMarkBytes?: number;
}

/** {@link ServerOptions} with every default applied. */
export type ResolvedServerOptions = Required<Omit<ServerOptions, 'tls' | 'metricsPort'>> &
  Pick<ServerOptions, 'tls' | 'metricsPort'>;

/**
 * Defaults used for options left unset.
 *
 * @example
 * createServer({ maxPayloadBytes: defaultServerOptions.maxPayloadBytes * 2 }, deps);
 */
export const defaultServerOptions: Readonly<ResolvedServerOptions> = Object.freeze({
  host: '127.0.0.1',
  port: 0,
  gcMetrics: false,
  maxPayloadBytes: 64 * 1024,
  preAuthMaxPayloadBytes: 8 * 1024,
  maxFragments: 128,
  maxBufferedChunks: 1024,
  compression: false,
  heartbeatIntervalMs: 30_000,
  closeTimeoutMs: 1_500,
  handshakeTimeoutMs: 10_000,
  shutdownTimeoutMs: 10_000,
  maxConnections: 10_000,
  maxConnectionsPerAddress: 256,
  requireAuthentication: false,
  maxUnauthenticatedConnections: 1_000,
  maxUnauthenticatedPerAddress: 64,
  trustedProxies: [],
  allowedAddresses: [],
  deniedAddresses: [],
  allowedOrigins: [],
  dangerouslyAllowAnyOrigin: false,
  missingOrigin: 'allow',
  subprotocols: [],
  rateLimitPerConnection: { points: 100, durationMs: 1_000 },
  rateLimitPerAddress: { points: 1_000, durationMs: 1_000 },
  rateLimitPerUser: { points: 200, durationMs: 1_000 },
  invalidMessageBudget: 10,
  sendHighWaterMarkBytes: 1024 * 1024,
});

/** Fills unset options with {@link defaultServerOptions}. */
export function resolveServerOptions(options: ServerOptions): ResolvedServerOptions {
  const resolved: ResolvedServerOptions = { ...defaultServerOptions };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) Object.assign(resolved, { [key]: value });
  }
  return resolved;
}
