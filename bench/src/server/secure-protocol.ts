import type WebSocket from 'ws';
import { mintToken, openSession } from '../load/clients.js';
import type { ReplyCheck, SessionSpec } from '../load/jobs.js';

/** Secure-server protocol features found by {@link probeSecureProtocol}, which the harness uses. */
export interface SecureProtocol {
  /** `json` when the server replies to `{"type":"echo",...}` messages, else the text protocol. */
  messages: 'json' | 'text';
  /** Whether the server verifies an `Authorization: Bearer` token at the upgrade. */
  upgradeAuth: boolean;
  /** What the probe saw, for the report. */
  notes: string[];
}

const PROBE_TEXT = 'bench-probe';
/** Start of the JSON protocol's success reply; an error reply such as ERR_RATE_LIMITED must not count as a ready session. */
const AUTH_OK_PREFIX = '{"type":"auth.ok"';
const REPLY_TIMEOUT_MS = 3_000;

/**
 * Finds out which of the secure server's protocols are in place by talking to
 * it, so scenarios do not depend on the app's source: upgrade-time JWT
 * verification (an invalid Bearer token must get an HTTP error) and the JSON
 * protocol (an auth message, then an echo message).
 */
export async function probeSecureProtocol(url: string, secret: string): Promise<SecureProtocol> {
  const notes: string[] = [];
  const token = mintToken(secret, 0);

  let upgradeAuth = false;
  try {
    const socket = await openSession(url, { bearer: true }, 'not-a-token');
    socket.terminate();
    notes.push('an invalid Bearer token was accepted at the upgrade, so JWT verification happens only in the first message');
  } catch (err) {
    upgradeAuth = /Unexpected server response: 40[13]/.test((err as Error).message);
    notes.push(
      upgradeAuth
        ? 'an invalid Bearer token is rejected at the upgrade, so upgrade-time JWT verification is measured'
        : `the Bearer probe failed in an unexpected way (${(err as Error).message})`,
    );
  }

  let messages: SecureProtocol['messages'] = 'text';
  try {
    const session: SessionSpec = upgradeAuth
      ? { jwtSecret: secret, bearer: true }
      : { jwtSecret: secret, firstMessage: JSON.stringify({ type: 'auth', token: '{token}' }), readyReply: AUTH_OK_PREFIX };
    const socket = await openSession(url, session, token);
    const reply = await exchange(socket, jsonEcho(PROBE_TEXT));
    socket.terminate();
    if (reply.startsWith('{') && reply.includes(PROBE_TEXT)) {
      messages = 'json';
      notes.push(`the JSON protocol answers {"type":"echo"}; sample reply: ${reply.slice(0, 120)}`);
    } else {
      notes.push(`no JSON echo (reply ${JSON.stringify(reply.slice(0, 80))}), so the text protocol is measured`);
    }
  } catch (err) {
    notes.push(`no JSON protocol (${(err as Error).message}), so the text protocol is measured`);
  }
  return { messages, upgradeAuth, notes };
}

/** Returns the session an authenticated echo client opens: Bearer at the upgrade when supported. */
export function authenticatedSession(protocol: SecureProtocol, secret: string, via: 'upgrade' | 'first-message'): SessionSpec {
  if (via === 'upgrade' && protocol.upgradeAuth) return { jwtSecret: secret, bearer: true };
  if (protocol.messages === 'json') {
    return { jwtSecret: secret, firstMessage: JSON.stringify({ type: 'auth', token: '{token}' }), readyReply: AUTH_OK_PREFIX };
  }
  return { jwtSecret: secret, firstMessage: '{token}', readyReply: 'Authenticated!' };
}

/** The message an authenticated client sends for `payload`, and what its reply must look like. */
export function secureEchoMessage(protocol: SecureProtocol, payload: string): { message: string; reply: ReplyCheck } {
  if (protocol.messages === 'json') return { message: jsonEcho(payload), reply: { contains: payload } };
  return { message: payload, reply: { exact: `Server received: ${payload}` } };
}

function jsonEcho(text: string): string {
  return JSON.stringify({ type: 'echo', text });
}

function exchange(socket: WebSocket, message: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no reply within ${REPLY_TIMEOUT_MS} ms`)), REPLY_TIMEOUT_MS);
    socket.once('message', (data) => {
      clearTimeout(timer);
      resolve(String(data));
    });
    socket.once('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`closed with code ${code}`));
    });
    socket.send(message);
  });
}
