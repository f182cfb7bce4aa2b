import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as connectTls } from 'node:tls';
import { errorRegistry } from '@proj/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestServer, metricValue, nextMessage, openClient, startTestServer } from './server.test-support.js';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Generates a throwaway self-signed certificate for 127.0.0.1 with openssl. */
function selfSignedCertificate(): { cert: Buffer; key: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'server-tls-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  return { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) };
}

describe('plain HTTP routes', () => {
  it('serves health, readiness and metrics, and refuses other requests', async () => {
    server = await startTestServer({});
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).not.toContain('nodejs_gc_duration_seconds');
    expect((await fetch(`${base}/`)).status).toBe(426);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(426);
  });

  it('refuses plain HTTP with the registry body of 426', async () => {
    server = await startTestServer({});
    const response = await fetch(`http://127.0.0.1:${server.port}/`);
    const spec = errorRegistry.ERR_PROTOCOL_UPGRADE_REQUIRED;
    expect(response.status).toBe(spec.httpStatus);
    expect(response.headers.get('upgrade')).toBe('websocket');
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ code: 'ERR_PROTOCOL_UPGRADE_REQUIRED', message: spec.publicMessage });
  });

  it('serves metrics on a separate port when configured', async () => {
    server = await startTestServer({ metricsPort: 0 });
    const metricsPort = server.service.metricsAddress?.port;
    expect(metricsPort).toBeGreaterThan(0);
    const client = await openClient(server.url);
    client.send('count me');
    await nextMessage(client);
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metricValue(text, 'ws_messages_received_total')).toBe(1);
    expect(metricValue(text, 'ws_messages_sent_total')).toBe(1);
    expect(metricValue(text, 'ws_received_bytes_total')).toBe(8);
    expect(metricValue(text, 'ws_sent_bytes_total')).toBe(14);
    expect(metricValue(text, 'ws_connections_open')).toBe(1);
    expect(metricValue(text, 'ws_upgrades_total', { outcome: 'accepted' })).toBe(1);
    expect((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/other`)).status).toBe(404);
    client.close();
  });

  it('serves the GC histogram with gcMetrics', async () => {
    server = await startTestServer({ gcMetrics: true });
    const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
    expect(text).toContain('# TYPE nodejs_gc_duration_seconds histogram');
  });

  it('keeps a registry per server', async () => {
    server = await startTestServer({});
    const other = await startTestServer({});
    const client = await openClient(other.url);
    client.send('only the other one');
    await nextMessage(client);
    expect(metricValue(await server.metrics(), 'ws_messages_received_total')).toBe(0);
    expect(metricValue(await other.metrics(), 'ws_messages_received_total')).toBe(1);
    client.close();
    await other.close();
  });
});

describe('TLS', () => {
  it('serves wss:// with TLS 1.2 or newer', async () => {
    const tls = selfSignedCertificate();
    server = await startTestServer({ tls });
    const url = `wss://127.0.0.1:${server.port}`;
    const client = await openClient(url, { ca: tls.cert });
    client.send('secret hello');
    expect(await nextMessage(client)).toBe('echo: secret hello');
    client.close();

    const health = await new Promise<number>((resolve, reject) => {
      httpsRequest(`https://127.0.0.1:${server?.port}/healthz`, { ca: tls.cert }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject).end();
    });
    expect(health).toBe(200);

    const legacy = connectTls({ host: '127.0.0.1', port: server.port, ca: tls.cert, maxVersion: 'TLSv1.1', minVersion: 'TLSv1' });
    const outcome = await new Promise<string>((resolve) => {
      legacy.once('secureConnect', () => resolve('connected'));
      legacy.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    });
    legacy.destroy();
    expect(outcome).not.toBe('connected');
  });
});
