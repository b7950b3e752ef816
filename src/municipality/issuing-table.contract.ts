import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CATALOGUE, CERTIFICATE_CODES, type CertificateCode } from '../domain/catalogue.js';
import { addDays, japanInstant } from '../domain/japan-time.js';
import type { KofuDatabase } from '../registers/index.js';
import type { TestDatabaseFactory } from '../registers/test-db.js';
import { PEOPLE } from './demo/demo-people.js';
import { type DemoFixture, setupDemoFixture } from './test-fixture.js';

// Every demo person × every certificate × five moments → the expected outcome (SPEC §10a).
// Card states (locked, expired, revoked) are the PKI's to judge: here those holders pass.

export const DEMO_DAY = '2026-11-25'; // a Wednesday; 11-26 Thursday, 11-29 Sunday
const A = ['juminhyo', 'kisai', 'inkan', 'shotoku', 'kazei'] as const;
const B = ['koseki', 'fuhyo'] as const;

/** Outcome on an ordinary open day for both groups (the day after demo day, 10:00). */
const base = (key: string, cert: CertificateCode): string => {
  const group = CATALOGUE[cert].group;
  switch (key) {
    case 'hanako':
      return cert === 'inkan' ? 'SEAL_NOT_REGISTERED' : 'ok';
    case 'ichiro':
      return cert === 'shotoku' || cert === 'kazei' ? 'TAX_NOT_DECLARED' : 'ok';
    case 'sakura':
      return group === 'B' ? 'KOSEKI_PENDING' : 'ok';
    case 'shizuka':
      return cert === 'juminhyo' || cert === 'kisai' ? 'ISSUANCE_RESTRICTED' : 'ok';
    case 'tenshutsu':
      return group === 'A' ? 'MOVED_OUT' : 'ok';
    case 'shibou':
      return group === 'A' ? 'DECEASED' : 'NOT_IN_KOSEKI';
    case 'yoso':
      return group === 'B' ? 'HONSEKI_NOT_PARTICIPATING' : 'ok';
    case 'misaki':
      return group === 'B' ? 'REGISTRATION_REQUIRED' : 'ok';
    case 'kenta':
      return group === 'B' ? 'REGISTRATION_PENDING' : 'ok';
    case 'koushin':
      return group === 'B' ? 'REGISTRATION_INVALIDATED' : 'ok';
    default:
      return 'ok';
  }
};

interface Slot {
  label: string;
  at: Date;
  terminal: 'store' | 'townhall';
  expected(key: string, cert: CertificateCode): string;
}

export const SLOTS: Slot[] = [
  {
    label: 'demo day, store, Wednesday 10:00',
    at: japanInstant(DEMO_DAY, 600),
    terminal: 'store',
    expected: (k, c) =>
      k === 'shinki' ? 'CARD_ISSUED_TODAY' : k === 'tenkyo' ? 'ADDRESS_CHANGED_TODAY' : base(k, c),
  },
  {
    label: 'demo day, town hall, Wednesday 10:00',
    at: japanInstant(DEMO_DAY, 600),
    terminal: 'townhall',
    expected: (k, c) =>
      k === 'shinki' ? 'CARD_ISSUED_TODAY' : k === 'tenkyo' ? 'ADDRESS_CHANGED_TODAY' : base(k, c),
  },
  {
    label: 'day after, store, Thursday 10:00',
    at: japanInstant(addDays(DEMO_DAY, 1), 600),
    terminal: 'store',
    expected: base,
  },
  {
    label: 'Sunday, store, 10:00',
    at: japanInstant(addDays(DEMO_DAY, 4), 600),
    terminal: 'store',
    expected: (k, c) => (CATALOGUE[c].group === 'B' ? 'OUT_OF_HOURS' : base(k, c)),
  },
  {
    label: 'Sunday, town hall, 10:00',
    at: japanInstant(addDays(DEMO_DAY, 4), 600),
    terminal: 'townhall',
    expected: () => 'TERMINAL_CLOSED',
  },
  {
    label: 'day after, store, 23:30',
    at: japanInstant(addDays(DEMO_DAY, 1), 23 * 60 + 30),
    terminal: 'store',
    expected: () => 'OUT_OF_HOURS',
  },
];

export const issuingTableContract = (label: string, factory: TestDatabaseFactory, skip?: string): void => {
  describe(`issuing server: demo table (${label})`, { skip: skip ?? false }, () => {
    let kdb: KofuDatabase;
    let fx: DemoFixture;
    before(async () => {
      kdb = await factory();
      fx = await setupDemoFixture(kdb, DEMO_DAY);
    });
    after(async () => {
      await kdb?.close();
    });

    for (const slot of SLOTS) {
      it(`gives the expected outcome for every person × certificate: ${slot.label}`, async () => {
        const mismatches: string[] = [];
        let checked = 0;
        for (const p of PEOPLE) {
          for (const cert of CERTIFICATE_CODES) {
            const port = await fx.portFor(p.key, cert);
            const r = await port.check({
              ...fx.call(p.key, slot.at, slot.terminal),
              request: { cert, copies: 1 },
            });
            const got = r.ok ? 'ok' : r.error.code;
            const want = slot.expected(p.key, cert);
            checked++;
            if (got !== want) mismatches.push(`${p.key} × ${cert}: got ${got}, want ${want}`);
          }
        }
        assert.equal(checked, PEOPLE.length * CERTIFICATE_CODES.length);
        assert.deepEqual(mismatches, []);
      });
    }

    it('issues exactly what check allowed, on the open weekday (documents per copy, numbered)', async () => {
      const at = japanInstant(addDays(DEMO_DAY, 1), 600);
      let issued = 0;
      for (const p of PEOPLE) {
        for (const cert of [...A, ...B]) {
          const port = await fx.portFor(p.key, cert);
          const r = await port.issue({
            ...fx.call(p.key, at),
            request: { cert, copies: 2 },
            orderId: `o-${p.key}-${cert}`,
          });
          const want = base(p.key, cert);
          assert.equal(r.ok ? 'ok' : r.error.code, want, `${p.key} × ${cert}`);
          if (r.ok) {
            issued++;
            assert.equal(r.value.length, 2);
            assert.notEqual(r.value[0]!.serial, r.value[1]!.serial);
            assert.deepEqual(
              r.value.map((d) => d.copy),
              [1, 2],
            );
          }
        }
      }
      const rows = await kdb.db.selectFrom('issuance_records').select(['number', 'fee']).execute();
      assert.equal(rows.length, issued * 2);
      assert.equal(new Set(rows.map((r) => r.number)).size, rows.length);
    });

    it("honours a municipality's maintenance window, and only that municipality's", async () => {
      const day = addDays(DEMO_DAY, 2);
      await kdb.db
        .insertInto('maintenance_windows')
        .values({
          id: 'mw1',
          scope: '284815',
          start_at: `${day}T00:00:00+09:00`,
          end_at: `${day}T12:00:00+09:00`,
          note: null,
        })
        .execute();
      const at = japanInstant(day, 600);
      const taro = await fx.ports
        .get('284815')!
        .check({ ...fx.call('taro', at), request: { cert: 'juminhyo' } });
      assert.equal(!taro.ok && taro.error.code, 'MAINTENANCE');
      assert.equal(!taro.ok && taro.error.nextOpen, `${day}T12:00:00+09:00`);
      const jiro = await fx.ports
        .get('282081')!
        .check({ ...fx.call('jiro', at), request: { cert: 'juminhyo' } });
      assert.ok(jiro.ok);
      await kdb.db.deleteFrom('maintenance_windows').where('id', '=', 'mw1').execute();
    });

    it('lists choices: availability, household and 戸籍 members', async () => {
      const at = japanInstant(addDays(DEMO_DAY, 1), 600);
      const r = await fx.ports.get('284815')!.choices(fx.call('taro', at));
      assert.ok(r.ok);
      assert.deepEqual(
        r.value.household.map((m) => [m.name, m.relationship]),
        [
          ['上郡 太郎', '世帯主'],
          ['上郡 花子', '妻'],
          ['上郡 さくら', '子'],
          ['上郡 一郎', '子'],
        ],
      );
      assert.deepEqual(
        r.value.koseki.map((m) => m.name),
        ['上郡 太郎', '上郡 花子', '上郡 一郎'],
      );
      assert.ok(r.value.certificates.every((c) => c.available));
      const h = await fx.ports.get('284815')!.choices(fx.call('hanako', at));
      assert.ok(h.ok);
      assert.equal(h.value.certificates.find((c) => c.cert === 'inkan')?.reason?.code, 'SEAL_NOT_REGISTERED');
      const sunday = await fx.ports
        .get('284815')!
        .choices(fx.call('taro', japanInstant(addDays(DEMO_DAY, 4), 600)));
      assert.ok(sunday.ok);
      const koseki = sunday.value.certificates.find((c) => c.cert === 'koseki');
      assert.equal(koseki?.reason?.code, 'OUT_OF_HOURS');
      assert.equal(koseki?.reason?.nextOpen, '2026-11-30T08:30:00+09:00');
    });

    it('issues an order once: a retry (crash, fenced-out attempt, racing instances) reuses its numbers and records', async () => {
      const port = fx.ports.get('284815')!;
      const at = japanInstant(addDays(DEMO_DAY, 1), 600);
      const records = (orderId: string) =>
        kdb.db.selectFrom('issuance_records').selectAll().where('order_id', '=', orderId).execute();
      const ask = (orderId: string, copies: number, now = at) =>
        port.issue({ ...fx.call('taro', now), request: { cert: 'juminhyo', copies }, orderId });
      const first = await ask('o-retry', 2);
      assert.ok(first.ok);
      const before = await records('o-retry');
      assert.equal(before.length, 2);
      // Retried a minute later (the center's next attempt): the same documents, numbers and digests.
      const again = await ask('o-retry', 2, new Date(at.getTime() + 60_000));
      assert.ok(again.ok);
      assert.deepEqual(again.value, first.value);
      assert.deepEqual(await records('o-retry'), before);
      // The same order asked for other copies is a conflict, not a second set.
      const other = await ask('o-retry', 3);
      assert.equal(!other.ok && other.error.code, 'INVALID_REQUEST');
      assert.equal((await records('o-retry')).length, 2);
      // Eight attempts at once (two center instances after a lease take-over): one set.
      const racing = await Promise.all(Array.from({ length: 8 }, () => ask('o-race', 1)));
      const serials = new Set(racing.map((r) => (r.ok ? r.value[0]!.serial : r.error.code)));
      assert.equal(serials.size, 1);
      assert.equal((await records('o-race')).length, 1);
      assert.ok(!serials.has(first.value[0]!.serial));
      // Another certificate of the same order is its own set.
      const inkan = await port.issue({
        ...fx.call('taro', at),
        request: { cert: 'inkan' },
        orderId: 'o-retry',
      });
      assert.ok(inkan.ok);
      assert.equal((await records('o-retry')).length, 3);
    });
  });
};
