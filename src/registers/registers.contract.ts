import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { appendAudit, appendAuditEntry, auditHash, verifyAuditChain } from './audit.js';
import { BulkWriter, withBulkLoad } from './bulk.js';
import { abolishInkan, recordStatusChange, setRestriction } from './changes.js';
import type { KofuDatabase } from './database.js';
import { currentSchema, migrate } from './database.js';
import { CounterBlocks } from './numbers.js';
import { findLatestInkan, findResident, isRestricted, listHouseholdResidents } from './queries.js';
import type { TestDatabaseFactory } from './test-db.js';
import { withTransaction } from './transaction.js';

const seed = async (kdb: KofuDatabase) => {
  await kdb.db
    .insertInto('municipalities')
    .values({
      code: '284815',
      prefecture: '兵庫県',
      name: '上郡町',
      print_name: '赤穂郡上郡町',
      participating: 1,
      mayor_title: '上郡町長',
      mayor_name: '町長 名前',
      tax_switchover_end: '06-30',
    })
    .execute();
  await kdb.db
    .insertInto('households')
    .values({
      id: 'h1',
      municipality_code: '284815',
      address: '兵庫県赤穂郡上郡町大持278番地',
      setainushi_id: 'r1',
    })
    .execute();
  const person = (id: string, name: string, jc: string, kb: string) => ({
    id,
    municipality_code: '284815',
    household_id: 'h1',
    name,
    kana: 'カミゴオリ',
    birth_date: '1970-04-01',
    sex: '男' as const,
    relationship: '世帯主',
    address: '兵庫県赤穂郡上郡町大持278番地',
    juminhyo_code: jc,
    kojin_bango: kb,
    honseki: '兵庫県赤穂郡上郡町大持278番地',
    hittosha: '上郡 太郎',
    honseki_code: '284815',
    status: 'active' as const,
    became_resident_on: '1970-04-01',
    address_since: '1970-04-01',
    previous_address: null,
    notified_on: null,
    address_changed_on: null,
  });
  await kdb.db
    .insertInto('residents')
    .values([
      person('r1', '上郡 太郎', '10000000011', '123456789018'),
      person('r2', '𠮷田 優子', '10000000022', '123456789026'),
    ])
    .execute();
  await kdb.db
    .insertInto('inkan_registrations')
    .values({
      id: 'i1',
      resident_id: 'r1',
      registration_number: '0001',
      seal_image: '{"format":"svg-path","paths":[],"widthMm":15}',
      registered_on: '2000-01-01',
      abolished_on: null,
    })
    .execute();
};

/** The register contract: every test runs on a fresh database from `factory`. */
export const registersContract = (label: string, factory: TestDatabaseFactory, skip?: string): void => {
  describe(`registers contract (${label})`, { skip: skip ?? false }, () => {
    let kdb: KofuDatabase;
    before(async () => {
      kdb = await factory();
      await seed(kdb);
    });
    after(async () => {
      await kdb?.close();
    });

    it('migrates idempotently', async () => {
      await migrate(kdb.db, kdb.dialect === 'postgres' ? await currentSchema(kdb.db) : undefined);
      const n = await kdb.db.selectFrom('municipalities').select('code').execute();
      assert.equal(n.length, 1);
    });

    it('returns identical values on both dialects (numbers, flags, astral characters)', async () => {
      const r = await findResident(kdb.db, 'r2');
      assert.equal(r?.name, '𠮷田 優子');
      assert.equal(r?.honseki_code, '284815');
      assert.equal(r?.previous_address, null);
      const m = await kdb.db.selectFrom('municipalities').selectAll().executeTakeFirstOrThrow();
      assert.equal(m.participating, 1);
      assert.equal(typeof m.participating, 'number');
      assert.deepEqual(
        (await listHouseholdResidents(kdb.db, 'h1')).map((x) => x.id),
        ['r1', 'r2'],
      );
    });

    it('rolls a transaction back when its function throws', async () => {
      await assert.rejects(
        withTransaction(kdb, async (trx) => {
          await abolishInkan(trx, 'r1', '2026-01-01');
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal((await findLatestInkan(kdb.db, 'r1'))?.abolished_on, null);
    });

    it('gives a transaction a snapshot: a change committed later is not seen inside it', async () => {
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      const seen: string[] = [];
      const reader = withTransaction(kdb, async (trx) => {
        seen.push((await findResident(trx, 'r2'))!.status);
        await Promise.race([gate, new Promise((r) => setTimeout(r, 200))]);
        seen.push((await findResident(trx, 'r2'))!.status);
      });
      const writer = withTransaction(kdb, (trx) =>
        recordStatusChange(trx, 'r2', {
          status: 'moving_out',
          occurredOn: '2026-12-01',
          processedOn: '2026-11-25',
        }),
      ).then(release);
      await Promise.all([reader, writer]);
      assert.deepEqual(seen, ['active', 'active']);
      assert.equal((await findResident(kdb.db, 'r2'))?.status, 'moving_out');
    });

    it('finds restrictions in force by date', async () => {
      await withTransaction(kdb, (trx) =>
        setRestriction(trx, {
          target: 'juminhyo',
          subjectId: 'r1',
          startsOn: '2026-01-01',
          endsOn: '2026-12-31',
        }),
      );
      assert.equal(await isRestricted(kdb.db, 'juminhyo', ['r1'], '2026-06-01'), true);
      assert.equal(await isRestricted(kdb.db, 'juminhyo', ['r1'], '2027-01-01'), false);
      assert.equal(await isRestricted(kdb.db, 'koseki', ['r1'], '2026-06-01'), false);
    });

    it('keeps the audit chain whole under 40 concurrent appends, and detects tampering', async () => {
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          appendAuditEntry(kdb, { at: '2026-11-25T10:00:00+09:00', actor: 'test', action: 'x', refs: { i } }),
        ),
      );
      await withTransaction(kdb, (trx) =>
        appendAudit(trx, {
          at: '2026-11-25T10:00:01+09:00',
          actor: 'test',
          action: 'y',
          refs: { n: 'last' },
        }),
      );
      assert.deepEqual(await verifyAuditChain(kdb), { ok: true, entries: 41 });
      await kdb.db.updateTable('audit_log').set({ refs: '{"i":999}' }).where('seq', '=', 7).execute();
      const v = await verifyAuditChain(kdb);
      assert.equal(v.ok, false);
      assert.equal(!v.ok && v.firstBrokenSeq, 7);
    });

    it('commits 30 concurrent audited transactions, waiting for the chain instead of aborting', async () => {
      // (The test before tampered with an early entry: check the part written here.)
      const head = async () =>
        kdb.db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
      const start = await head();
      // Each transaction reads, writes a row of its own and appends to the audit chain, like
      // the center's order, payment and delivery steps. `runs` counts attempts per transaction.
      const runs = new Array<number>(30).fill(0);
      const audited = (i: number, lockAuditChain: boolean) =>
        withTransaction(
          kdb,
          async (trx) => {
            runs[i] = (runs[i] ?? 0) + 1;
            await findResident(trx, 'r2');
            await trx
              .insertInto('resident_events')
              .values({
                id: `chain-${i}`,
                resident_id: 'r2',
                kind: '転居',
                occurred_on: '2020-01-01',
                processed_on: '2020-01-02',
                detail: null,
              })
              .execute();
            await appendAudit(trx, {
              at: '2026-11-25T10:00:02+09:00',
              actor: 'test',
              action: 'z',
              refs: { i },
            });
          },
          { lockAuditChain },
        );
      await Promise.all(Array.from({ length: 30 }, (_, i) => audited(i, i % 2 === 0)));
      // Locked up front: one run each. Optimistic: at most one retry, which takes the lock.
      assert.deepEqual(
        runs.filter((_, i) => i % 2 === 0),
        new Array(15).fill(1),
      );
      assert.ok(
        runs.every((n) => n <= 2),
        `attempts per transaction: ${runs.join(',')}`,
      );
      const rows = await kdb.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>', Number(start.seq))
        .orderBy('seq')
        .execute();
      let prev = start.hash;
      rows.forEach((r, k) => {
        assert.equal(Number(r.seq), Number(start.seq) + k + 1);
        assert.equal(r.prev_hash, prev);
        const refs = JSON.parse(r.refs) as Record<string, unknown>;
        assert.equal(
          r.hash,
          auditHash({ seq: Number(r.seq), at: r.at, actor: r.actor, action: r.action, refs }, prev),
        );
        prev = r.hash;
      });
      assert.equal(rows.length, 30);
      assert.deepEqual(await head(), { seq: rows.at(-1)?.seq, hash: prev });
    });

    it('hands out unique counter values from several allocators at once', async () => {
      const a = new CounterBlocks(kdb, 8);
      const b = new CounterBlocks(kdb, 8);
      const values = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).next('n')));
      assert.equal(new Set(values).size, 100);
    });

    it('bulk-loads rows with multi-row inserts', async () => {
      const w = new BulkWriter(kdb, 50);
      for (let i = 0; i < 230; i++)
        w.add('resident_events', {
          id: `e${i}`,
          resident_id: 'r1',
          kind: '転居',
          occurred_on: '2020-01-01',
          processed_on: '2020-01-02',
          detail: i % 2 ? null : 'x',
        });
      await w.flush();
      const rows = await kdb.db
        .selectFrom('resident_events')
        .select('id')
        .where('resident_id', '=', 'r1')
        .execute();
      assert.equal(rows.length, 230);
      assert.equal(w.written, 230);
    });

    it('bulk-loads in parallel (SQLite writer thread) and reports a failed batch', async () => {
      const event = (id: string) => ({
        id,
        resident_id: 'r2',
        kind: '転居',
        occurred_on: '2020-01-01',
        processed_on: '2020-01-02',
        detail: null,
      });
      await withBulkLoad(
        kdb,
        async (w) => {
          for (let i = 0; i < 1000; i++) {
            w.add('resident_events', event(`p${i}`));
            if (i % 300 === 299) await w.flush();
          }
        },
        { parallel: true },
      );
      const n = await kdb.db.selectFrom('resident_events').select('id').where('id', 'like', 'p%').execute();
      assert.equal(n.length, 1000);
      await assert.rejects(
        withBulkLoad(kdb, async (w) => w.add('resident_events', event('p1')), { parallel: true }),
        /UNIQUE|duplicate/i,
      );
    });
  });
};
