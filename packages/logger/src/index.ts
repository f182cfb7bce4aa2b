export { createLogger } from './create-logger.js';
export type { LoggerOptions } from './create-logger.js';
export { REDACTED, REDACT_PATHS } from './redact.js';
export type { Logger } from 'pino';
