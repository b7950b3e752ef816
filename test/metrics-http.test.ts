import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CenterContext } from '../src/center/context.js';
import { openCenterCa } from '../src/center/terminal-ca.js';
import { fixedClock, parseJapanIso } from '../src/domain/japan-time.js';
import { openDatabase } from '../src/registers/database.js';
import { buildServer } from '../src/server/build-server.js';

// /metrics as mounted in the real HTTPS server: public like /healthz, counting the /v1 routes.

const get = (url: string, ca: string, method = 'GET') =>
  new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const req = request(url, { method, ca }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }),
      );
    });
    req.on('error', reject);
    req.end();
  });

test('the server serves /metrics in the Prometheus text format and counts refused /v1 calls', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kofu-metrics-'));
  const ca = await openCenterCa(dir, fixedClock(parseJapanIso('2026-11-25T10:00')!));
  const kdb = await openDatabase({ dataDir: dir });
  // No request here reaches a handler: /v1 refuses a missing client certificate first.
  const app = await buildServer({
    ctx: { kdb } as unknown as CenterContext,
    tls: { key: ca.serverKeyPem, cert: ca.serverCertPem, ca: ca.caPem },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const base = `https://localhost:${(app.server.address() as AddressInfo).port}`;
    assert.equal((await get(`${base}/healthz`, ca.caPem)).status, 200);
    assert.equal((await get(`${base}/v1/sessions`, ca.caPem, 'POST')).status, 401);
    const m = await get(`${base}/metrics`, ca.caPem);
    assert.equal(m.status, 200);
    assert.match(m.type, /^text\/plain; version=0\.0\.4/);
    assert.match(
      m.body,
      /^kofu_http_requests_total\{method="POST",route="\/v1\/sessions",status="401"\} 1$/m,
    );
    assert.match(m.body, /^kofu_http_requests_total\{method="GET",route="\/healthz",status="200"\} 1$/m);
    assert.match(m.body, /^kofu_refusals_total\{code="INVALID_REQUEST"\} 1$/m);
    assert.match(
      m.body,
      /^kofu_http_request_duration_seconds_count\{method="POST",route="\/v1\/sessions"\} 1$/m,
    );
  } finally {
    await app.close();
    await kdb.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
