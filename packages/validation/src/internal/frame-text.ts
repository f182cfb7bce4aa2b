import { reject } from './reject.js';
import type { RawMessage } from '../message/raw-message.js';

// UTF-8 never takes fewer bytes than UTF-16 code units, nor more than three per unit.
const MAX_UTF8_BYTES_PER_UNIT = 3;

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns a text frame into a string after checking its byte length, without
 * decoding anything that is too large.
 *
 * @throws `ERR_VALIDATION_BINARY_UNSUPPORTED`, `ERR_PAYLOAD_TOO_LARGE`, `ERR_VALIDATION_INVALID_UTF8`
 */
export function frameToText(data: RawMessage, isBinary: boolean, maxBytes: number): string {
  if (isBinary) {
    throw reject('ERR_VALIDATION_BINARY_UNSUPPORTED', 'binary messages are not supported');
  }
  if (typeof data === 'string') {
    checkTextLength(data, maxBytes);
    return data;
  }
  const byteLength = byteLengthOf(data);
  if (byteLength > maxBytes) throw tooLarge(maxBytes);
  const bytes = Array.isArray(data) ? Buffer.concat(data) : (data as Uint8Array | ArrayBuffer);
  try {
    return decoder.decode(bytes);
  } catch (error) {
    throw reject('ERR_VALIDATION_INVALID_UTF8', 'message is not valid UTF-8', { cause: error });
  }
}

// Buffer.byteLength walks the string, so the bounds that follow from the
// UTF-16 length settle most messages without it.
function checkTextLength(text: string, maxBytes: number): void {
  if (text.length > maxBytes) throw tooLarge(maxBytes);
  if (text.length * MAX_UTF8_BYTES_PER_UNIT <= maxBytes) return;
  if (Buffer.byteLength(text, 'utf8') > maxBytes) throw tooLarge(maxBytes);
}

function byteLengthOf(data: Exclude<RawMessage, string>): number {
  if (!Array.isArray(data)) return (data as Uint8Array | ArrayBuffer).byteLength;
  let total = 0;
  for (const fragment of data) total += fragment.byteLength;
  return total;
}

function tooLarge(maxBytes: number) {
  return reject('ERR_PAYLOAD_TOO_LARGE', `message is larger than ${maxBytes} bytes`);
}
