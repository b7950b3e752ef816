import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CATALOGUE, CERTIFICATE_CODES } from '../domain/catalogue.js';
import { addDays, japanInstant } from '../domain/japan-time.js';
import type { CertificateRequest } from '../domain/request.js';
import {
  abolishInkan,
  type KofuDatabase,
  recordStatusChange,
  setRestriction,
  withTransaction,
} from '../registers/index.js';
import type { TestDatabaseFactory } from '../registers/test-db.js';
import { Prng } from './demo/prng.js';
import { DEMO_DAY } from './issuing-table.contract.js';
import { type DemoFixture, setupDemoFixture } from './test-fixture.js';

// 2,000 issue requests, 64 at a time, while seals are abolished, restrictions set and people
// move out: no document leaves the holder's scope, and none ignores a change that committed
// before its request started (the request's transaction began after that instant).

const TOTAL = 2000;
const PARALLEL = 64;

interface Holder {
  key: string;
  residentId: string;
  memberId?: string;
  household: string[];
  koseki: string[];
}

type Change = {
  kind: 'seal' | 'restrict-j' | 'restrict-k' | 'moved_out';
  residentId: string;
  memberId?: string;
  at: number;
};

export const issuingConcurrencyContract = (
  label: string,
  factory: TestDatabaseFactory,
  skip?: string,
): void => {
  describe(`issuing server under concurrency (${label})`, { skip: skip ?? false }, () => {
    let kdb: KofuDatabase;
    let fx: DemoFixture;
    const holders: Holder[] = [];
    before(async () => {
      kdb = await factory();
      fx = await setupDemoFixture(kdb, DEMO_DAY, { extras: { '284815': 150 } });
      const synthetic = await kdb.db
        .selectFrom('residents')
        .select('id')
        .where('id', 'like', 'd%')
        .where('municipality_code', '=', '284815')
        .orderBy('id')
        .limit(40)
        .execute();
      await kdb.db
        .insertInto('card_links')
        .values(
          synthetic.map((r, i) => ({
            serial: `S-syn${i}`,
            resident_id: r.id,
            municipality_code: '284815',
            issued_on: '2025-01-01',
            previous_serial: null,
            replaced_by: null,
          })),
        )
        .execute();
      const keys = [
        'taro',
        'hanako',
        'ichiro',
        'sakura',
        'shizuka',
        'yoshida',
        ...synthetic.map((_, i) => `syn${i}`),
      ];
      for (const key of keys) {
        const link = await kdb.db
          .selectFrom('card_links')
          .selectAll()
          .where('serial', '=', `S-${key}`)
          .executeTakeFirstOrThrow();
        const me = await kdb.db
          .selectFrom('residents')
          .selectAll()
          .where('id', '=', link.resident_id)
          .executeTakeFirstOrThrow();
        const household = (
          await kdb.db
            .selectFrom('residents')
            .select('id')
            .where('household_id', '=', me.household_id)
            .execute()
        ).map((r) => r.id);
        const member = await kdb.db
          .selectFrom('koseki_members')
          .selectAll()
          .where('resident_id', '=', me.id)
          .where('removed', '=', 0)
          .executeTakeFirst();
        const koseki = member
          ? (
              await kdb.db
                .selectFrom('koseki_members')
                .select('id')
                .where('koseki_id', '=', member.koseki_id)
                .execute()
            ).map((r) => r.id)
          : [];
        holders.push({
          key,
          residentId: me.id,
          ...(member ? { memberId: member.id } : {}),
          household,
          koseki,
        });
      }
    });
    after(async () => {
      await kdb?.close();
    });

    it(`keeps every document in scope and honours every committed change (${TOTAL} requests, ${PARALLEL} at a time)`, async (t) => {
      const rng = new Prng(42);
      const at = japanInstant(addDays(DEMO_DAY, 1), 600);
      const changes: Change[] = [];
      const problems: string[] = [];
      let ok = 0;
      let refusedAfterChange = 0;
      const requests = Array.from({ length: TOTAL }, () => {
        const h = rng.pick(holders);
        const cert = rng.pick(CERTIFICATE_CODES);
        const req: CertificateRequest = { cert, copies: rng.int(1, 2) };
        if (cert === 'juminhyo' || cert === 'kisai') {
          req.scope = rng.pick(['self', 'household', 'members'] as const);
          if (req.scope === 'members') req.members = h.household.filter(() => rng.chance(0.6)).slice(0, 3);
          if (req.members?.length === 0) req.members = [h.residentId];
        }
        if ((cert === 'koseki' || cert === 'fuhyo') && h.koseki.length > 0 && rng.chance(0.5)) {
          req.kind = 'individual';
          req.members = [h.memberId ?? h.koseki[0]!];
        }
        return { h, req };
      });
      let next = 0;
      let issuedSinceChange = 0;
      const change = async () => {
        const h = rng.pick(holders);
        const kind = rng.pick(['seal', 'restrict-j', 'restrict-k', 'moved_out'] as const);
        await withTransaction(kdb, async (trx) => {
          if (kind === 'seal') await abolishInkan(trx, h.residentId, DEMO_DAY);
          else if (kind === 'restrict-j')
            await setRestriction(trx, { target: 'juminhyo', subjectId: h.residentId, startsOn: DEMO_DAY });
          else if (kind === 'restrict-k' && h.memberId)
            await setRestriction(trx, { target: 'koseki', subjectId: h.memberId, startsOn: DEMO_DAY });
          else if (kind === 'moved_out')
            await recordStatusChange(trx, h.residentId, {
              status: 'moved_out',
              occurredOn: DEMO_DAY,
              processedOn: DEMO_DAY,
            });
        });
        changes.push({
          kind,
          residentId: h.residentId,
          ...(h.memberId ? { memberId: h.memberId } : {}),
          at: performance.now(),
        });
      };
      const worker = async () => {
        while (next < requests.length) {
          const { h, req } = requests[next++]!;
          if (++issuedSinceChange >= 40) {
            issuedSinceChange = 0;
            await change();
          }
          const startedAt = performance.now();
          const port = await fx.portFor(h.key, req.cert);
          const r = await port.issue({ ...fx.call(h.key, at), request: req, orderId: `o${next}` });
          const before = changes.filter((c) => c.at < startedAt);
          const groupA = CATALOGUE[req.cert].group === 'A';
          if (!r.ok) {
            if (before.some((c) => c.residentId === h.residentId)) refusedAfterChange++;
            continue;
          }
          ok++;
          for (const d of r.value) {
            const scope =
              req.cert === 'juminhyo' || req.cert === 'kisai'
                ? h.household
                : groupA
                  ? [h.residentId]
                  : h.koseki;
            if (!d.subjectIds.every((s) => scope.includes(s)))
              problems.push(`${h.key} ${req.cert}: subject outside scope`);
            for (const c of before) {
              const mine = c.residentId === h.residentId;
              if (c.kind === 'seal' && mine && req.cert === 'inkan')
                problems.push(`${h.key}: inkan after abolition`);
              if (c.kind === 'restrict-j' && mine && (req.cert === 'juminhyo' || req.cert === 'kisai'))
                problems.push(`${h.key}: 住民票 after restriction`);
              if (c.kind === 'restrict-k' && mine && !groupA)
                problems.push(`${h.key}: 戸籍 after restriction`);
              if (c.kind === 'moved_out' && groupA && (mine || d.subjectIds.includes(c.residentId)))
                problems.push(`${h.key} ${req.cert}: moved-out person after 転出`);
            }
          }
        }
      };
      const t0 = performance.now();
      await Promise.all(Array.from({ length: PARALLEL }, worker));
      const seconds = (performance.now() - t0) / 1000;
      t.diagnostic(
        `${label}: ${TOTAL} requests in ${seconds.toFixed(1)} s, ${ok} issued, ${changes.length} changes, ${refusedAfterChange} refused after a change`,
      );
      assert.deepEqual(problems, []);
      assert.ok(ok > TOTAL / 4, `enough issued (${ok})`);
      assert.ok(refusedAfterChange > 0, 'some requests met a change');
      const numbers = await kdb.db.selectFrom('issuance_records').select('number').execute();
      assert.equal(new Set(numbers.map((n) => n.number)).size, numbers.length);
    });
  });
};
