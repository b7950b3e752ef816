import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Choices } from '../src/center/api-types.js';
import type { CertificateRequest } from '../src/domain/request.js';
import { runTransaction, type TransactionOutcome } from '../src/kiosk/kiosk-client.js';
import type { ScriptStep } from '../src/kiosk/scripted-resident.js';
import { PEOPLE } from '../src/municipality/demo/demo-people.js';
import { demoMemberId, demoResidentId } from '../src/municipality/demo/demo-registers.js';
import { openDatabase } from '../src/registers/database.js';
import {
  demoInstallation,
  demoKiosk,
  demoResident,
  movableClock,
  pdfText,
  startCenter,
} from './kiosk-support.js';

// Isolation under load (SPEC §10): many virtual kiosks at once, random persons, scopes, jams,
// time-outs, cancellations and foreign member IDs. Every printed certificate must be the
// authenticated holder's: checked from the PDF text and from the issuance records.
// KOFU_ISOLATION_KIOSKS=200 KOFU_ISOLATION_TRANSACTIONS=5000 for the full run.

const KIOSKS = Number(process.env.KOFU_ISOLATION_KIOSKS ?? 16);
const TRANSACTIONS = Number(process.env.KOFU_ISOLATION_TRANSACTIONS ?? 80);
const SEED = Number(process.env.KOFU_ISOLATION_SEED ?? 20261125);

const mulberry32 = (seed: number) => () => {
  seed += 0x6d2b79f5;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const random = mulberry32(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const subset = <T>(xs: readonly T[]): T[] => {
  const s = xs.filter(() => random() < 0.5);
  return s.length ? s : [xs[0]!];
};

const CARDS = ['taro', 'hanako', 'ichiro', 'sakura', 'shizuka', 'yoshida', 'jiro', 'tenshutsu', 'misaki'];
const person = (key: string) => PEOPLE.find((p) => p.key === key)!;
const householdOf = (key: string) => PEOPLE.filter((p) => p.household === person(key).household);
const kosekiOf = (key: string) =>
  PEOPLE.filter((p) => p.koseki !== undefined && p.koseki === person(key).koseki);

interface Plan {
  card: string;
  cert: CertificateRequest['cert'];
  /** A member ID from another household or 戸籍, slipped into the request. */
  foreign: boolean;
  cancelAt?: ScriptStep;
  silentAt?: ScriptStep;
  jams: number;
}

const plan = (): Plan => {
  const r = random();
  const steps: ScriptStep[] = ['card', 'pin', 'choose', 'confirm', 'cash'];
  return {
    card: pick(CARDS),
    cert: pick(['juminhyo', 'juminhyo', 'kisai', 'inkan', 'shotoku', 'koseki', 'fuhyo'] as const),
    foreign: random() < 0.05,
    ...(r < 0.06
      ? { cancelAt: pick(steps) }
      : r < 0.1
        ? { silentAt: pick([...steps, 'remove' as const]) }
        : {}),
    jams: random() < 0.1 ? 1 + Math.floor(random() * 2) : 0,
  };
};

const choose =
  (p: Plan) =>
  (choices: Choices): CertificateRequest[] => {
    const copies = 1 + Math.floor(random() * 2);
    if (p.cert === 'juminhyo' || p.cert === 'kisai') {
      const scope = pick(['self', 'household', 'members'] as const);
      if (scope !== 'members' && !p.foreign) return [{ cert: p.cert, copies, scope }];
      const members = subset(choices.household.map((m) => m.id));
      if (p.foreign) members.push(demoResidentId(p.card === 'shizuka' ? 'taro' : 'shizuka'));
      return [{ cert: p.cert, copies, scope: 'members', members }];
    }
    if (p.cert === 'koseki' || p.cert === 'fuhyo') {
      if (random() < 0.5 && !p.foreign) return [{ cert: p.cert, copies, kind: 'all' }];
      const members = choices.koseki.length ? subset(choices.koseki.map((m) => m.id)) : [];
      if (p.foreign || members.length === 0) members.push(demoMemberId(p.card === 'jiro' ? 'taro' : 'jiro'));
      return [{ cert: p.cert, copies, kind: 'individual', members }];
    }
    return [{ cert: p.cert, copies }];
  };

interface Done {
  plan: Plan;
  outcome: TransactionOutcome;
  outDir: string;
}

test(`isolation under load: ${KIOSKS} kiosks, ${TRANSACTIONS} transactions, seed ${SEED}`, async () => {
  const dir = await demoInstallation('2026-11-24T09:00');
  const clock = movableClock('2026-11-25T10:00');
  const center = await startCenter(dir, clock);
  const done: Done[] = [];
  const exceptions: unknown[] = [];
  const started = performance.now();
  try {
    // A fresh center's first CRL load races concurrent logins (see test/issue-cli.test.ts): warm it.
    const warm = demoKiosk(dir, center.url, clock);
    await runTransaction(
      warm.deps,
      demoResident(dir, 'taro', {
        pins: ['1234'],
        choose: () => [{ cert: 'inkan', copies: 1 }],
        cash: 'exact',
      }),
    );
    warm.close();
    let next = 0;
    await Promise.all(
      Array.from({ length: KIOSKS }, async (_, i) => {
        const k = demoKiosk(dir, center.url, clock, {
          terminal: i % 4 === 3 ? 'townhall' : 'store',
          idleTimeoutMs: 300,
        });
        try {
          while (next < TRANSACTIONS) {
            next++;
            const p = plan();
            if (p.jams) k.printer.failNext(p.jams);
            try {
              const outcome = await runTransaction(
                k.deps,
                demoResident(dir, p.card, {
                  pins: [person(p.card).pin],
                  choose: choose(p),
                  cash: random() < 0.5 ? 'exact' : 10000,
                  ...(p.cancelAt ? { cancelAt: p.cancelAt } : {}),
                  ...(p.silentAt ? { silentAt: p.silentAt } : {}),
                }),
              );
              done.push({ plan: p, outcome, outDir: k.outDir });
            } catch (e) {
              exceptions.push(e);
            }
            k.printer.failNext(0);
          }
          assert.deepEqual(k.printer.spooled(), [], 'the kiosk keeps nothing');
          assert.deepEqual(k.cashBox.pending(), [], 'no cash left in escrow');
        } finally {
          k.close();
        }
      }),
    );
  } finally {
    await center.close();
  }
  const seconds = (performance.now() - started) / 1000;
  assert.deepEqual(exceptions, []);

  // Every file in every tray is one that a successful transaction of that kiosk reported.
  const reported = new Map<string, { d: Done; serial: string }>();
  for (const d of done) {
    if (!d.outcome.ok) {
      assert.deepEqual(d.outcome.printed, [], 'a failed transaction printed nothing');
      continue;
    }
    for (const c of [...d.outcome.certificates, d.outcome.receipt])
      reported.set(c.file, { d, serial: c.serial });
  }
  const trays = new Set(done.map((d) => d.outDir));
  for (const tray of trays)
    for (const f of readdirSync(tray)) assert.ok(reported.has(join(tray, f)), `unreported print ${f}`);

  const kdb = await openDatabase({ dataDir: dir });
  const serials = new Set<string>();
  let certificates = 0;
  const violations: string[] = [];
  try {
    for (const d of done) {
      const o = d.outcome;
      if (!o.ok) continue;
      const holder = d.plan.card;
      const groupA = !['koseki', 'fuhyo'].includes(d.plan.cert);
      const allowed = groupA ? householdOf(holder) : kosekiOf(holder);
      const allowedIds = new Set(allowed.flatMap((p) => [demoResidentId(p.key), demoMemberId(p.key)]));
      const foreignNames = PEOPLE.filter(
        (p) => !allowed.includes(p) && p.name !== person(holder).hittosha,
      ).map((p) => p.name);
      for (const c of o.certificates) {
        certificates++;
        assert.ok(existsSync(c.file));
        assert.ok(!serials.has(c.serial), `固有番号 ${c.serial} printed twice`);
        serials.add(c.serial);
        const text = pdfText(c.file).replace(/[ \t]+/g, ' ');
        if (!text.includes(c.serial)) violations.push(`${c.file}: its 固有番号 is not printed`);
        for (const n of foreignNames)
          if (text.includes(n)) violations.push(`${holder}'s ${c.cert} names ${n}`);
        if (
          groupA &&
          !text.includes(person(holder).name) &&
          d.plan.cert !== 'juminhyo' &&
          d.plan.cert !== 'kisai'
        )
          violations.push(`${holder}'s ${c.cert} does not name the holder`);
        const rec = await kdb.db
          .selectFrom('issuance_records')
          .selectAll()
          .where('number', '=', c.serial)
          .executeTakeFirst();
        if (!rec) {
          violations.push(`${c.serial}: no issuance record`);
          continue;
        }
        if (rec.order_id !== o.orderId)
          violations.push(`${c.serial}: record of order ${rec.order_id}, printed for ${o.orderId}`);
        const subjects = JSON.parse(rec.subject_ids) as string[];
        const known = new Set(PEOPLE.flatMap((p) => [demoResidentId(p.key), demoMemberId(p.key)]));
        for (const s of subjects)
          if (known.has(s) && !allowedIds.has(s))
            violations.push(`${holder}'s ${c.cert} ${c.serial} holds ${s}`);
      }
    }
  } finally {
    await kdb.close();
  }
  assert.deepEqual(violations, []);
  const codes = new Map<string, number>();
  for (const d of done) {
    const key = d.outcome.ok ? 'printed' : d.outcome.error.code;
    codes.set(key, (codes.get(key) ?? 0) + 1);
  }
  const foreign = done.filter((d) => d.plan.foreign && !['inkan', 'shotoku'].includes(d.plan.cert));
  for (const d of foreign)
    assert.equal(d.outcome.ok, false, `a foreign member ID was issued for ${d.plan.card}`);
  console.log(
    `# isolation: ${done.length} transactions by ${KIOSKS} kiosks in ${seconds.toFixed(1)} s ` +
      `(${(done.length / seconds).toFixed(1)}/s), ${certificates} certificates checked, ` +
      `${done.reduce((s, d) => s + (d.outcome.ok ? d.outcome.reprints : 0), 0)} reprints, outcomes ${JSON.stringify(Object.fromEntries(codes))}`,
  );
  assert.equal(done.length, TRANSACTIONS);
  assert.ok((codes.get('printed') ?? 0) > 0);
});
