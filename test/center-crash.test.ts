import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { centerView } from '../src/center/schema.js';
import { parseJapanIso } from '../src/domain/japan-time.js';
import { verifyAuditChain } from '../src/registers/audit.js';
import { openDatabase } from '../src/registers/database.js';
import { terminalClient, terminalCredentials } from './center-client.js';
import { type Outcome, runTransaction } from './center-driver.js';
import { demoDir, spawnCenter } from './center-harness.js';

// Crash safety: the center process is SIGKILLed at random moments while kiosks run
// transactions and restarted on the same data; every payment must end printed exactly once
// or refunded, no document is printed twice, and the audit chain verifies.
// KOFU_CRASH_TRANSACTIONS (default 12; the issue's full run is 300) sets the scale.

const TRANSACTIONS = Number(process.env.KOFU_CRASH_TRANSACTIONS ?? 12);
const KIOSKS = 3;
const NOW = '2026-11-25T10:00';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const PEOPLE = [
  ['taro', '1234', [{ cert: 'juminhyo', scope: 'household' }]],
  ['hanako', '2345', [{ cert: 'juminhyo', copies: 2 }]],
  ['taro', '1234', [{ cert: 'inkan' }, { cert: 'koseki' }]],
  ['jiro', '8888', [{ cert: 'koseki' }, { cert: 'juminhyo' }]],
] as const;

describe('center crash safety (SIGKILL during transactions)', () => {
  let dir: string;
  let port: number;
  let child: ChildProcess | undefined;
  const started = Date.now();
  // Each restarted process continues the same timeline (a clock never runs backwards across a restart).
  const env = () => ({
    KOFU_DATA: dir,
    KOFU_NOW: new Date(parseJapanIso(NOW)!.getTime() + Date.now() - started).toISOString(),
    KOFU_PORT: String(port),
    KOFU_SETTINGS: JSON.stringify({ issueLeaseMs: 1500 }),
    KOFU_DATABASE_URL: '',
  });
  before(async () => {
    dir = await demoDir('2026-11-24T09:00');
    port = await freePort();
    child = (await spawnCenter(env())).child;
  });
  after(() => {
    child?.kill('SIGKILL');
  });

  it('ends every payment printed exactly once or refunded, with no document printed twice', async () => {
    let running = true;
    let kills = 0;
    const outcomes: Outcome[] = [];
    const killer = (async () => {
      while (running) {
        await new Promise((r) => setTimeout(r, 400 + Math.random() * 1600));
        if (!running) break;
        child?.kill('SIGKILL');
        kills++;
        await new Promise((r) => setTimeout(r, 100));
        child = (await spawnCenter(env())).child;
        if (process.env.KOFU_DEBUG) console.error(`# kill ${kills}, ${outcomes.length} done`);
      }
    })();
    let next = 0;
    const kiosk = async () => {
      const client = terminalClient(`https://localhost:${port}`, terminalCredentials(dir, 'store'));
      try {
        while (next < TRANSACTIONS) {
          const [card, pin, requests] = PEOPLE[next++ % PEOPLE.length]!;
          outcomes.push(
            await runTransaction(client, dir, {
              card,
              pin,
              requests: [...requests],
              reprint: next % 5 === 0,
            }),
          );
        }
      } finally {
        client.close();
      }
    };
    await Promise.all(Array.from({ length: KIOSKS }, kiosk));
    running = false;
    await killer;
    child?.kill('SIGKILL');
    child = undefined;

    const kdb = await openDatabase({ dataDir: dir, url: '' });
    try {
      const db = centerView(kdb.db);
      const printedSerials = outcomes.flatMap((o) => o.printed.map((p) => p.serial));
      assert.equal(new Set(printedSerials).size, printedSerials.length, 'a document printed twice');
      let completed = 0;
      let refunded = 0;
      for (const o of outcomes) {
        assert.ok(o.paid, `${o.card}: not paid (${o.result} ${o.code ?? ''})`);
        const order = await db
          .selectFrom('center_orders')
          .selectAll()
          .where('id', '=', o.orderId!)
          .executeTakeFirstOrThrow();
        if (o.result === 'completed') {
          completed++;
          assert.equal(order.state, 'completed');
          const docs = await db
            .selectFrom('center_documents')
            .selectAll()
            .where('order_id', '=', order.id)
            .execute();
          assert.deepEqual(o.printed.map((p) => p.serial).sort(), docs.map((d) => d.serial).sort());
          assert.ok(docs.every((d) => d.content === null));
        } else {
          assert.equal(o.result, 'refunded');
          refunded++;
          assert.equal(order.state, 'refunded');
          assert.equal(order.refund_yen, order.paid_yen);
          assert.equal(o.printed.length, 0);
        }
      }
      const paidEntries = (
        await kdb.db.selectFrom('audit_log').select('refs').where('action', '=', 'order.paid').execute()
      ).map((r) => JSON.parse(r.refs).order as string);
      for (const o of outcomes)
        assert.equal(paidEntries.filter((x) => x === o.orderId).length, 1, 'one payment per order');
      const chain = await verifyAuditChain(kdb);
      assert.deepEqual(chain.ok, true, JSON.stringify(chain));
      const orderIds = outcomes.map((o) => o.orderId!);
      const records = await kdb.db
        .selectFrom('issuance_records')
        .select(['number', 'order_id'])
        .where('order_id', 'in', orderIds)
        .execute();
      const delivered = new Set(printedSerials);
      const orphans = records.filter((r) => !delivered.has(r.number)).length;
      console.log(
        `# crash: ${outcomes.length} transactions, ${kills} SIGKILLs, ${completed} completed, ${refunded} refunded, ` +
          `${outcomes.reduce((s, o) => s + o.reprints, 0)} reprints, ${orphans} issuance records of lost attempts (never delivered)`,
      );
      assert.ok(kills > 0);
    } finally {
      await kdb.close();
    }
  });
});
