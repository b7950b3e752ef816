import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { centerView } from '../src/center/schema.js';
import { openCenterCa } from '../src/center/terminal-ca.js';
import { ensureDemoTerminals } from '../src/center/terminals.js';
import { initDemo } from '../src/municipality/demo/demo-setup.js';
import { type KofuDatabase, openDatabase } from '../src/registers/database.js';
import { type TerminalClient, terminalClient, terminalCredentials } from './center-client.js';
import { key, login, movableClock, orderAndPay, spawnCenter } from './center-harness.js';

// Stateless handling: two center processes on one PostgreSQL serve the same kiosks; any
// step may land on either instance (KOFU_TEST_DATABASE_URL must be set; CI sets it).

const url = process.env.KOFU_TEST_DATABASE_URL;
const NOW = '2026-11-25T10:00';

describe('two center processes on one PostgreSQL', {
  skip: url ? false : 'KOFU_TEST_DATABASE_URL is not set',
}, () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let dir: string;
  let kdb: KofuDatabase;
  const children: ChildProcess[] = [];
  let a: TerminalClient;
  let b: TerminalClient;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kofu-multi-'));
    kdb = await openDatabase({ url: url!, schema });
    const clock = movableClock('2026-11-24T09:00');
    await initDemo({ dataDir: dir, clock, kdb });
    await ensureDemoTerminals({ db: centerView(kdb.db), ca: await openCenterCa(dir, clock), clock }, dir);
    const env = { KOFU_DATA: dir, KOFU_NOW: NOW, KOFU_PG_URL: url!, KOFU_PG_SCHEMA: schema };
    const [x, y] = await Promise.all([spawnCenter(env), spawnCenter(env)]);
    children.push(x.child, y.child);
    a = terminalClient(x.url, terminalCredentials(dir, 'store'));
    b = terminalClient(y.url, terminalCredentials(dir, 'store'));
  });
  after(async () => {
    a?.close();
    b?.close();
    for (const c of children) {
      c.kill('SIGTERM');
      setTimeout(() => c.kill('SIGKILL'), 3000).unref();
    }
    await kdb?.close();
    const admin = new pg.Client({ connectionString: url! });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it('runs one transaction with every step on the other instance', async () => {
    const s = await a.call('POST', '/v1/sessions', {});
    const { sessionId, challengeId, challenge } = s.json();
    const { openVirtualCard } = await import('../src/pki/card-admin.js');
    const { authenticateWithCard } = await import('../src/pki/kiosk-auth.js');
    const sig = await authenticateWithCard(
      openVirtualCard(dir, 'taro'),
      '1234',
      Buffer.from(challenge, 'base64'),
    );
    assert.ok(sig.ok);
    const auth = await b.call('POST', `/v1/sessions/${sessionId}/authenticate`, {
      challengeId,
      certificate: Buffer.from(sig.value.certificateDer).toString('base64'),
      signature: Buffer.from(sig.value.signature).toString('base64'),
    });
    assert.equal(auth.status, 200);
    // The challenge was consumed on B: a replay on A is refused.
    const replay = await a.call('POST', `/v1/sessions/${sessionId}/authenticate`, {
      challengeId,
      certificate: Buffer.from(sig.value.certificateDer).toString('base64'),
      signature: Buffer.from(sig.value.signature).toString('base64'),
    });
    assert.equal(replay.status, 400);
    assert.equal((await a.call('GET', `/v1/sessions/${sessionId}/choices`)).status, 200);
    const { orderId, headers } = await orderAndPay(b, sessionId, [{ cert: 'juminhyo' }], 200);
    const issued = (await a.call('POST', `/v1/orders/${orderId}/issue`, {}, headers)).json();
    assert.equal(issued.state, 'issued');
    const ids = [...issued.documents, issued.receipt].map((d: { documentId: string }) => d.documentId);
    for (const [i, id] of ids.entries()) {
      const r = await (i % 2 ? a : b).call(
        'GET',
        `/v1/orders/${orderId}/documents/${id}`,
        undefined,
        headers,
      );
      assert.equal(r.status, 200);
    }
    const done = await b.call('POST', `/v1/orders/${orderId}/printed`, { documentIds: ids }, headers);
    assert.equal(done.json().state, 'completed');
  });

  it('issues exactly once when both instances are asked at the same moment, and never mixes holders', async () => {
    const people = [
      ['taro', '1234', '上郡 太郎'],
      ['hanako', '2345', '上郡 花子'],
      ['ichiro', '3456', '上郡 一郎'],
      ['sakura', '4567', '上郡 さくら'],
    ] as const;
    await Promise.all(
      people.map(async ([card, pin, name], i) => {
        const first = i % 2 ? a : b;
        const { sessionId, serial } = await login(first, dir, card, pin);
        const { orderId, headers } = await orderAndPay(
          first,
          sessionId,
          [{ cert: 'juminhyo', copies: 2 }],
          400,
        );
        const answers = await Promise.all(
          [a, b].map((c) => c.call('POST', `/v1/orders/${orderId}/issue`, {}, headers)),
        );
        for (const r of answers) assert.ok(r.status === 200 || r.status === 202, `${r.status} ${r.body}`);
        let issued = answers.find((r) => r.status === 200)?.json();
        while (!issued) {
          await new Promise((r) => setTimeout(r, 200));
          const r = await a.call('POST', `/v1/orders/${orderId}/issue`, {}, headers);
          if (r.status === 200) issued = r.json();
        }
        const records = await kdb.db
          .selectFrom('issuance_records')
          .selectAll()
          .where('order_id', '=', orderId)
          .execute();
        assert.equal(records.length, 2, `${card}: one set of certificates`);
        for (const d of issued.documents) {
          const r = await (Math.random() < 0.5 ? a : b).call(
            'GET',
            `/v1/orders/${orderId}/documents/${d.documentId}`,
            undefined,
            headers,
          );
          assert.equal(r.headers['x-kofu-holder-serial'], serial);
          const path = join(dir, `${key('pdf')}.pdf`);
          writeFileSync(path, r.body);
          const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
          assert.ok(text.replace(/\s/g, '').includes(name.replace(/\s/g, '')), `${card}'s own 住民票`);
          for (const [, , other] of people)
            if (other !== name)
              assert.ok(!text.replace(/\s/g, '').includes(other.replace(/\s/g, '')), `${card} sees ${other}`);
        }
      }),
    );
  });
});
