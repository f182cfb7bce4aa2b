export { loadConfig } from './config/load-config.js';
export type { Env } from './config/load-config.js';
export { boolean, bytes, duration, integer, list, port } from './config/fields.js';
export type { IntegerOptions } from './config/fields.js';
export { z } from 'zod';
