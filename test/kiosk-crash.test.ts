import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { centerView } from '../src/center/schema.js';
import { main } from '../src/cli/main.js';
import { runTransaction, type TransactionOutcome } from '../src/kiosk/kiosk-client.js';
import type { RecoveredOrder } from '../src/kiosk/kiosk-recovery.js';
import { openDatabase } from '../src/registers/database.js';
import { demoInstallation, demoKiosk, demoResident, movableClock } from './kiosk-support.js';

// Crash safety (SPEC §10): the server is SIGKILLed at random moments while kiosks run
// transactions, and restarted; at the end each kiosk runs its escrow recovery against the live
// center. Every payment must end printed exactly once or refunded (or stay reprintable with
// the fee kept), no cash stays in escrow, nothing is printed twice, and the audit chain verifies.
// KOFU_CRASH_TRANSACTIONS=300 for the full run (KOFU_CRASH_MINUTES caps its length).

const TRANSACTIONS = Number(process.env.KOFU_CRASH_TRANSACTIONS ?? 30);
// On a loaded machine: start no new transaction after this many minutes, then recover and check.
const STOP_AT = Date.now() + Number(process.env.KOFU_CRASH_MINUTES ?? Number.POSITIVE_INFINITY) * 60_000;
const KIOSKS = 4;
const NOW = '2026-11-25T10:00';
const root = new URL('..', import.meta.url).pathname;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

// The server in a child process (startServer, as `kofu serve` runs it) with a short issuing
// lease, so that an attempt cut by a kill is taken over in seconds rather than 30 s.
const CHILD = `
const [dataDir, port, now] = process.argv.slice(1);
const { startServer } = await import(${JSON.stringify(join(root, 'src/server/start-server.ts'))});
const { offsetClock, parseJapanIso } = await import(${JSON.stringify(join(root, 'src/domain/japan-time.ts'))});
const s = await startServer({ dataDir, port: Number(port), clock: offsetClock(parseJapanIso(now)), sweepMs: 0, settings: { issueLeaseMs: 1500 } });
console.log('READY ' + s.url);
`;

const startChild = (dir: string, port: number): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', CHILD, dir, String(port), NOW],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('READY')) resolve(child);
    });
    child.stderr!.on('data', () => {});
    child.on('exit', (code) => {
      if (!out.includes('READY')) reject(new Error(`server child exited ${code}`));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test(`crash safety: SIGKILL the server during ${TRANSACTIONS} transactions`, async () => {
  const dir = await demoInstallation('2026-11-24T09:00');
  const port = await freePort();
  const url = `https://localhost:${port}`;
  let child = await startChild(dir, port);
  const clock = movableClock(NOW);
  const outcomes: TransactionOutcome[] = [];
  /** Which kiosk ran each outcome's transaction (its cash box holds that order's money). */
  const kioskOf = new Map<TransactionOutcome, number>();
  let kills = 0;
  let running = true;
  const killer = (async () => {
    // The first kill comes early: on an idle machine the whole run takes only a few seconds.
    for (let first = true; running; first = false) {
      await sleep(first ? 200 + Math.random() * 600 : 500 + Math.random() * 2000);
      if (!running) break;
      child.kill('SIGKILL');
      kills++;
      await new Promise((r) => child.once('exit', r));
      await sleep(Math.random() * 500);
      child = await startChild(dir, port);
    }
  })();
  const kiosks = Array.from({ length: KIOSKS }, () =>
    demoKiosk(dir, url, clock, { retry: { deadlineMs: 90_000, firstDelayMs: 50, maxDelayMs: 500 } }),
  );
  const cards = [
    ['taro', '1234', 'juminhyo'],
    ['hanako', '2345', 'kisai'],
    ['jiro', '8888', 'koseki'],
    ['yoshida', '3434', 'shotoku'],
  ] as const;
  let next = 0;
  try {
    await Promise.all(
      kiosks.map(async (k, i) => {
        while (next < TRANSACTIONS && Date.now() < STOP_AT) {
          next++;
          if (next % 7 === 0) k.printer.failNext(1);
          const [card, pin, cert] = cards[i % cards.length]!;
          const o = await runTransaction(
            k.deps,
            demoResident(dir, card, { pins: [pin], choose: () => [{ cert, copies: 1 }], cash: 1000 }),
          );
          outcomes.push(o);
          kioskOf.set(o, i);
          if (outcomes.length % 10 === 0)
            console.log(
              `# progress: ${outcomes.length}/${TRANSACTIONS} transactions, ${kills} kills, ` +
                `${outcomes.filter((x) => x.ok).length} printed`,
            );
        }
      }),
    );
  } finally {
    running = false;
    await killer;
  }

  // Each kiosk restarts against the live center and settles what its cash box still holds
  // (an order cut in 'issuing' is answered "retry" until its lease ends, then refunded).
  const recovered = new Map<string, RecoveredOrder>();
  try {
    const until = Date.now() + 30_000;
    for (;;) {
      for (const k of kiosks) for (const r of (await k.recover()).orders) recovered.set(r.orderId, r);
      if (kiosks.every((k) => k.cashBox.pending().length === 0) || Date.now() > until) break;
      await sleep(300);
    }
  } finally {
    for (const k of kiosks) k.close();
    child.kill('SIGKILL');
  }

  // Nothing printed twice; every tray file belongs to a transaction that reported it.
  const printed = new Map<string, number>();
  for (const k of kiosks)
    for (const f of readdirSync(k.outDir)) {
      const serial = f.replace(/^[a-z]+-/, '').replace(/\.pdf$/, '');
      printed.set(serial, (printed.get(serial) ?? 0) + 1);
    }
  for (const [serial, n] of printed) assert.equal(n, 1, `${serial} printed ${n} times`);
  const held = new Set<string>();
  for (const k of kiosks) {
    assert.deepEqual(k.printer.spooled(), []);
    for (const h of k.cashBox.pending()) held.add(h.orderId);
  }
  assert.deepEqual([...held], [], 'cash still held in escrow after recovery');

  const kdb = await openDatabase({ dataDir: dir });
  const problems: string[] = [];
  try {
    const db = centerView(kdb.db);
    for (const o of outcomes) {
      if (!o.orderId) continue;
      const order = await db
        .selectFrom('center_orders')
        .selectAll()
        .where('id', '=', o.orderId)
        .executeTakeFirst();
      if (!order) {
        problems.push(`${o.orderId}: no order at the center`);
        continue;
      }
      const docs = await db
        .selectFrom('center_documents')
        .selectAll()
        .where('order_id', '=', o.orderId)
        .execute();
      // The kiosk's cash box is the truth about the resident's money for this order.
      const cash = kiosks[kioskOf.get(o)!]!.cashBox.holding(o.orderId).state;
      if (o.ok) {
        // Paid and printed: the center agrees, each document is in a tray exactly once.
        if (order.state !== 'completed')
          problems.push(`${o.orderId}: printed but ${order.state} at the center`);
        if (cash !== 'settled') problems.push(`${o.orderId}: printed but the cash is ${cash}`);
        for (const d of docs)
          if (printed.get(d.serial) !== 1) problems.push(`${d.serial} not printed exactly once`);
      } else if (order.paid_yen > 0) {
        // Paid, not printed: refunded at the center and the cash handed back (by the
        // transaction or by recovery), or issued and still reprintable with the fee kept.
        const ok =
          (['refunded', 'cancelled'].includes(order.state) && cash === 'refunded') ||
          (order.state === 'issued' && cash === 'settled');
        if (!ok)
          problems.push(
            `${o.orderId}: ${o.error.code}, center ${order.state}, cash ${cash}, kiosk refunded ${o.refunded.join('+')}`,
          );
        for (const d of docs)
          if (printed.has(d.serial)) problems.push(`${d.serial} printed for a failed order`);
      } else if (cash === 'settled') problems.push(`${o.orderId}: unpaid at the center but the fee kept`);
    }
  } finally {
    await kdb.close();
  }
  assert.deepEqual(problems, []);

  const audit: string[] = [];
  const exit = await main(['audit', 'verify', '--data', dir, '--json'], {
    out: (t) => audit.push(t),
    err: () => {},
  });
  assert.equal(exit, 0, audit.join('\n'));
  assert.equal(JSON.parse(audit[0]!).ok, true);

  for (const o of outcomes) if (!o.ok) console.log(`# not printed: ${o.orderId} ${JSON.stringify(o.error)}`);
  for (const r of recovered.values()) console.log(`# recovered: ${JSON.stringify(r)}`);
  const completed = outcomes.filter((o) => o.ok).length;
  const byRecovery = [...recovered.values()];
  console.log(
    `# crash: ${outcomes.length} transactions, ${kills} kills, ${completed} printed, ` +
      `${outcomes.length - completed} refused/refunded, ` +
      `${byRecovery.filter((r) => r.action === 'refunded').length} refunded and ` +
      `${byRecovery.filter((r) => r.action === 'kept').length} kept (issued) by recovery, ` +
      `${held.size} held in escrow, ${printed.size} documents each printed once`,
  );
  if (next >= TRANSACTIONS) assert.equal(outcomes.length, TRANSACTIONS);
  else console.log(`# stopped by KOFU_CRASH_MINUTES: ${outcomes.length} of ${TRANSACTIONS} transactions`);
  assert.ok(kills > 0);
  assert.ok(existsSync(dir));
});
