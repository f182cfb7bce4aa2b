/** Turns a spaced hex dump such as `81 80 00 00 00 00` into bytes. */
export function hex(dump: string): Buffer {
  return Buffer.from(dump.replace(/\s+/g, ''), 'hex');
}
