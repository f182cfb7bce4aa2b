export type { Connection } from './connection.js';
export { createServer } from './create-server.js';
export type { ConnectionHandler, ServerDeps, WebSocketService } from './create-server.js';
export { defaultServerOptions } from './options.js';
export type { ResolvedServerOptions, ServerOptions } from './options.js';
export { installProcessHooks } from './process-hooks.js';
export type { ProcessHookOptions } from './process-hooks.js';
