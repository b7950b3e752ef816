import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseJapanIso } from '../domain/japan-time.js';
import { type KofuDatabase, openDatabase } from '../registers/database.js';
import { type CenterDb, centerView } from './schema.js';
import { revokeTerminal, TERMINAL_RECHECK_MS, TerminalCache } from './terminals.js';

// The per-connection terminal cache on a real (SQLite) register database, with a hand-moved
// monotonic time: a cached terminal is used for at most recheckMs, and a revocation in this
// process makes every cached entry stale at once.

describe('terminal cache', () => {
  let dir: string;
  let kdb: KofuDatabase;
  let db: CenterDb;
  const clock = { now: () => parseJapanIso('2026-11-25T10:00')! };

  const addTerminal = (id: string, fingerprint: string) =>
    db
      .insertInto('center_terminals')
      .values({
        id,
        kind: 'store',
        operator: 'ローソン',
        store_name: 'ローソン 上郡店',
        fingerprint,
        cert_serial: id,
        created_at: clock.now().toISOString(),
        revoked_at: null,
      })
      .execute();
  // What another center instance does: its revocation is not seen by this process's counter.
  const revokeElsewhere = (id: string) =>
    db
      .updateTable('center_terminals')
      .set({ revoked_at: clock.now().toISOString() })
      .where('id', '=', id)
      .execute();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kofu-termcache-'));
    kdb = await openDatabase({ dataDir: dir, url: '' });
    db = centerView(kdb.db);
  });
  after(async () => {
    await kdb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps a connection's terminal for recheckMs, then reads its record again", async () => {
    await addTerminal('T-1', 'a'.repeat(64));
    let t = 0;
    const cache = new TerminalCache<object>(db, { now: () => t, recheckMs: 1000 });
    const conn = {};
    assert.equal(cache.fresh(conn), undefined);
    assert.equal((await cache.find(conn, 'a'.repeat(64)))?.id, 'T-1');
    t = 999;
    assert.equal(cache.fresh(conn)?.id, 'T-1');
    assert.equal(cache.fresh({}), undefined, 'another connection is looked up');
    await revokeElsewhere('T-1');
    assert.equal(cache.fresh(conn)?.id, 'T-1', 'within the bound the record is not read');
    t = 1000;
    assert.equal(cache.fresh(conn), undefined, 'at the bound it must be read again');
    assert.equal(await cache.find(conn, 'a'.repeat(64)), undefined, 'and the revocation is seen');
    assert.equal(cache.fresh(conn), undefined);
  });

  it('drops every cached terminal when this process revokes one', async () => {
    await addTerminal('T-2', 'b'.repeat(64));
    await addTerminal('T-3', 'c'.repeat(64));
    const cache = new TerminalCache<object>(db, { now: () => 0 });
    const c2 = {};
    const c3 = {};
    await cache.find(c2, 'b'.repeat(64));
    await cache.find(c3, 'c'.repeat(64));
    assert.equal(cache.fresh(c2)?.id, 'T-2');
    assert.equal(await revokeTerminal(db, 'T-2', clock), true);
    assert.equal(cache.fresh(c2), undefined);
    assert.equal(cache.fresh(c3), undefined, 'stale too, but still valid when read again');
    assert.equal(await cache.find(c2, 'b'.repeat(64)), undefined);
    assert.equal((await cache.find(c3, 'c'.repeat(64)))?.id, 'T-3');
    assert.equal(cache.fresh(c3)?.id, 'T-3');
  });

  it('uses a bound of a few seconds by default', () => {
    assert.ok(TERMINAL_RECHECK_MS > 0 && TERMINAL_RECHECK_MS <= 5000);
  });
});
