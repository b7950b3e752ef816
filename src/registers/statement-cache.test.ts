import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { cachingStatements, openDatabase } from './database.js';

// The SQLite statement cache of database.ts: same SQL text → same statement, bounded,
// safe with a statement still iterating, and closed with the connection.

describe('SQLite statement cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kofu-stmt-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('returns the same statement for the same SQL and evicts the least recently used', () => {
    const raw = new SqliteDatabase(':memory:');
    const c = cachingStatements(raw, 2);
    const a = c.prepare('select 1');
    assert.equal(c.prepare('select 1'), a);
    const b = c.prepare('select 2');
    assert.equal(c.prepare('select 1'), a); // 'select 1' is now the most recently used
    c.prepare('select 3'); // evicts 'select 2'
    assert.equal(c.prepare('select 1'), a);
    assert.notEqual(c.prepare('select 2'), b);
    c.close();
    assert.equal(raw.open, false);
  });

  it('gives a fresh statement while the cached one is iterating', () => {
    const raw = new SqliteDatabase(':memory:');
    const c = cachingStatements(raw);
    raw.exec('create table t (x integer); insert into t values (1), (2), (3)');
    const q = 'select x from t order by x';
    const outer = c.prepare(q);
    const seen: number[][] = [];
    for (const row of outer.iterate() as Iterable<{ x: number }>) {
      const inner = c.prepare(q);
      assert.notEqual(inner, outer);
      seen.push((inner.all() as { x: number }[]).map((r) => r.x).concat(row.x));
    }
    assert.deepEqual(seen, [
      [1, 2, 3, 1],
      [1, 2, 3, 2],
      [1, 2, 3, 3],
    ]);
    assert.equal(c.prepare(q), outer); // done iterating: cached again
    c.close();
  });

  it('runs a query again after a kysely stream of the same SQL stopped early', async () => {
    const raw = new SqliteDatabase(':memory:');
    const db = new Kysely<{ t: { x: number } }>({
      dialect: new SqliteDialect({ database: cachingStatements(raw) }),
    });
    await db.schema.createTable('t').addColumn('x', 'integer').execute();
    await db
      .insertInto('t')
      .values([{ x: 1 }, { x: 2 }, { x: 3 }])
      .execute();
    const query = () => db.selectFrom('t').select('x').orderBy('x');
    for await (const row of query().stream()) {
      assert.equal(row.x, 1);
      break;
    }
    assert.deepEqual(
      (await query().execute()).map((r) => r.x),
      [1, 2, 3],
    );
    await db.destroy();
    assert.equal(raw.open, false);
  });

  it('serves openDatabase: writes, reads and a second query of the same text see current data', async () => {
    const kdb = await openDatabase({ dataDir: join(dir, 'db'), url: '' });
    const seq = async () =>
      Number(
        (await kdb.db.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirstOrThrow())
          .seq,
      );
    const before = await seq();
    await kdb.db
      .updateTable('audit_head')
      .set({ seq: before + 5 })
      .where('id', '=', 1)
      .execute();
    assert.equal(await seq(), before + 5);
    await kdb.close();
    assert.equal(kdb.sqlite?.open, false);
  });
});
