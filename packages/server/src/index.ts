export type { Connection } from './connection.js';
export { createServer } from './create-server.js';
export type { WebSocketService } from './create-server.js';
export type { AuthenticateUpgrade, ConnectionHandler, ServerDeps, UpgradeContext } from './handler.js';
export { defaultServerOptions } from './options.js';
export type { CompressionOptions, RateLimitOptions, ResolvedServerOptions, ServerOptions, TlsOptions } from './options.js';
export { installProcessHooks } from './process-hooks.js';
export type { ProcessHookOptions } from './process-hooks.js';
