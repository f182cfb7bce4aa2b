/** The server under load: where to connect and which process to account. */
export interface ServerRef {
  url: string;
  pid: number;
  /** File receiving the server's stdout, to measure log bytes written per message. */
  logFile?: string;
}

/** How a client connection becomes ready for traffic. */
export interface SessionSpec {
  /** HS256 secret used to mint one token per connection (sub `bench-user-<n>`). */
  jwtSecret?: string;
  /** Send the token in an `Authorization: Bearer` header on the upgrade request. */
  bearer?: boolean;
  /** Text sent right after the upgrade; `{token}` is replaced with the connection's token. */
  firstMessage?: string;
  /** Prefix of the reply that marks the session ready; waits for one reply when set. */
  readyReply?: string;
}

/** What each echo reply must look like. */
export interface ReplyCheck {
  /** The exact reply: every reply's length is checked, the first one per connection in full. */
  exact?: string;
  /** Text the first reply per connection must contain, when the exact reply is not known. */
  contains?: string;
}

/** Echo traffic: a closed loop with `inFlight` messages per connection, or an open loop at a fixed rate. */
export interface EchoJob {
  kind: 'echo';
  server: ServerRef;
  session: SessionSpec;
  connections: number;
  /** Messages outstanding per connection in the closed loop. */
  inFlight: number;
  /** Total messages per second across all connections; switches to the open loop. */
  ratePerSecond?: number;
  /** The text frame every client sends. */
  message: string;
  reply: ReplyCheck;
  warmupMs: number;
  windowMs: number;
}

/** Connection setup: `concurrency` clients each open, become ready and close, in a loop. */
export interface SetupJob {
  kind: 'setup';
  server: ServerRef;
  session: SessionSpec;
  concurrency: number;
  warmupMs: number;
  windowMs: number;
}

/** Idle connections: open `connections` sessions, hold them and sample the server's memory. */
export interface IdleJob {
  kind: 'idle';
  server: ServerRef;
  session: SessionSpec;
  connections: number;
  concurrency: number;
  settleMs: number;
}

/** Any job the load process runs. */
export type LoadJob = EchoJob | SetupJob | IdleJob;

/** Latency percentiles in microseconds. */
export interface LatencySummary {
  p50: number;
  p99: number;
  p999: number;
  max: number;
}

/** Server resources over a measurement window, read from `/proc` by the load process. */
export interface ServerUsage {
  cpuMs: number;
  rssBytes: number;
  peakRssBytes: number;
  /** Bytes the server wrote to stdout during the window; undefined without a log file. */
  logBytes: number | undefined;
}

/** Outcome of an {@link EchoJob}. */
export interface EchoResult {
  kind: 'echo';
  messages: number;
  windowMs: number;
  latencyUs: LatencySummary;
  server: ServerUsage;
  /** Share of one CPU the load process used during the window; near 100 means the client was the limit. */
  clientCpuPercent: number;
  /** Open loop only: sends skipped because a connection already had the maximum outstanding. */
  skippedSends: number;
  /** Replies whose size or text did not match the expected reply. */
  badReplies: number;
  /** Connections that closed or failed before the window ended. */
  lostConnections: number;
  firstFailure: string | undefined;
}

/** Outcome of a {@link SetupJob}. */
export interface SetupResult {
  kind: 'setup';
  setups: number;
  windowMs: number;
  latencyUs: LatencySummary;
  server: ServerUsage;
  clientCpuPercent: number;
  failures: number;
  firstFailure: string | undefined;
}

/** Outcome of an {@link IdleJob}. */
export interface IdleResult {
  kind: 'idle';
  requested: number;
  opened: number;
  failures: number;
  firstFailure: string | undefined;
  openMs: number;
  rssBeforeBytes: number;
  rssAfterBytes: number;
}

/** Any result the load process reports. */
export type LoadResult = EchoResult | SetupResult | IdleResult;

/** The message the load process sends back over IPC. */
export type LoadReply = { ok: true; result: LoadResult } | { ok: false; error: string };
