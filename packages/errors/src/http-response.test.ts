import { type IncomingMessage, get } from 'node:http';
import { type AddressInfo, type Server, createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { errorRegistry } from './codes.js';
import { createError } from './errors.js';
import { type HttpResponseOptions, toHttpResponse } from './http-response.js';
import { errorCodes } from './lookup.js';

interface ParsedResponse {
  status: number;
  statusMessage: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

// Writes the raw response from a TCP server on loopback and reads it with
// Node's HTTP client, whose parser rejects malformed responses.
async function fetchRaw(raw: string): Promise<ParsedResponse> {
  server = createServer((socket) => {
    socket.once('data', () => socket.end(raw));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, statusMessage: res.statusMessage ?? '', headers: res.headers, body }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('toHttpResponse', () => {
  it.each(errorCodes)('writes a response for %s that a real HTTP client parses', async (code) => {
    const response = await fetchRaw(toHttpResponse(createError(code)));
    const spec = errorRegistry[code];
    expect(response.status).toBe(spec.httpStatus);
    expect(response.statusMessage.length).toBeGreaterThan(0);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.body));
    expect(JSON.parse(response.body)).toEqual({ code, message: spec.publicMessage });
  });

  it('counts Content-Length in bytes for a non-ASCII message', async () => {
    const response = await fetchRaw(toHttpResponse(createError('ERR_SERVER_OVERLOADED', 'Überlastet – bitte später 😀')));
    expect(JSON.parse(response.body)).toEqual({ code: 'ERR_SERVER_OVERLOADED', message: 'Überlastet – bitte später 😀' });
  });

  it('challenges with WWW-Authenticate on 401', async () => {
    const response = await fetchRaw(toHttpResponse(createError('ERR_AUTH_TOKEN_INVALID')));
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it('names the protocol in Upgrade on 426', async () => {
    const response = await fetchRaw(toHttpResponse(createError('ERR_PROTOCOL_UPGRADE_REQUIRED')));
    expect(response.status).toBe(426);
    expect(response.headers.upgrade).toBe('websocket');
  });

  it.each<[HttpResponseOptions, string | undefined]>([
    [{ retryAfterSeconds: 30 }, '30'],
    [{ retryAfterSeconds: 0 }, '0'],
    [{ retryAfterSeconds: -1 }, undefined],
    [{ retryAfterSeconds: 1.5 }, undefined],
    [{ retryAfterSeconds: 1e300 }, undefined],
    [{ retryAfterSeconds: Number.NaN }, undefined],
    [{}, undefined],
  ])('sets Retry-After for %j to %s', async (options, expected) => {
    const response = await fetchRaw(toHttpResponse(createError('ERR_SERVER_OVERLOADED'), options));
    expect(response.headers['retry-after']).toBe(expected);
  });

  it('sends no Retry-After outside 429 and 503', () => {
    expect(toHttpResponse(createError('ERR_AUTH_TOKEN_INVALID'), { retryAfterSeconds: 30 })).not.toContain('Retry-After');
  });

  it('hides the message of an unsafe error', async () => {
    const response = await fetchRaw(toHttpResponse(createError('ERR_ACCESS_ORIGIN_FORBIDDEN', 'origin https://evil.example not allowed')));
    expect(response.status).toBe(403);
    expect(response.body).toBe('{"code":"ERR_ACCESS_ORIGIN_FORBIDDEN","message":"Forbidden"}');
  });
});
