/**
 * Zod check parameters carrying a fixed description of the expected value.
 * loadConfig prints this text instead of zod's message, which could quote
 * the received value.
 */
export function expecting(expected: string): { params: { expected: string } } {
  return { params: { expected } };
}
