import { type TestClient, connect } from '@proj/testkit';
import type { ClientOptions } from 'ws';

/** Subprotocol entries a browser offers: the application protocol and the token. */
export function browserProtocols(token: string): string[] {
  return ['proj.v1', `proj.token.${token}`];
}

/** Tries an upgrade and returns the HTTP status of a refusal, or 101 with the open client. */
export async function tryUpgrade(
  url: string,
  options: ClientOptions & { protocols?: string | string[] } = {},
): Promise<{ status: number; client?: TestClient }> {
  try {
    const client = await connect(url, options);
    return { status: 101, client };
  } catch (err) {
    const status = (err as { statusCode?: unknown }).statusCode;
    if (typeof status !== 'number') throw err;
    return { status };
  }
}

/** Connects and sends a raw token as the first message; returns the client and the reply. */
export async function authenticateWithText(url: string, token: string): Promise<{ client: TestClient; reply: string }> {
  const client = await connect(url);
  const reply = await client.request(token);
  return { client, reply };
}

/** Connects and sends `{"type":"auth","token":…}` first; returns the client and the parsed reply. */
export async function authenticateWithJson(url: string, token: string): Promise<{ client: TestClient; reply: Record<string, unknown> }> {
  const client = await connect(url);
  const reply = JSON.parse(await client.request(JSON.stringify({ type: 'auth', token }))) as Record<string, unknown>;
  return { client, reply };
}

/** Sends a JSON message and parses the next reply. */
export async function requestJson(client: TestClient, message: Record<string, unknown>, timeoutMs?: number): Promise<Record<string, unknown>> {
  return JSON.parse(await client.request(JSON.stringify(message), timeoutMs)) as Record<string, unknown>;
}

/** Posts a revocation to the secure server's admin endpoint and returns the status and body. */
export async function postRevocation(adminPort: number, adminToken: string, body: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${adminPort}/revocations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}
