import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isJuminhyoCode, isKojinBango, type KofuDatabase } from '../../registers/index.js';
import { sqliteTestDatabase } from '../../registers/test-db.js';
import { PEOPLE } from './demo-people.js';
import { seedDemoRegisters } from './demo-registers.js';
import { simpleSealJson } from './seal-image.js';

const TABLES = [
  'municipalities',
  'households',
  'residents',
  'resident_events',
  'issuance_restrictions',
  'koseki',
  'koseki_members',
  'fuhyo_addresses',
  'inkan_registrations',
  'tax_records',
] as const;

const dump = async (kdb: KofuDatabase): Promise<string> => {
  const out: unknown[] = [];
  for (const t of TABLES)
    out.push((await kdb.db.selectFrom(t).selectAll().execute()).map((r) => JSON.stringify(r)).sort());
  return JSON.stringify(out);
};

const seeded = async (today: string) => {
  const kdb = await sqliteTestDatabase();
  await seedDemoRegisters(kdb, {
    today,
    sealImage: (s) => JSON.parse(simpleSealJson(s)),
    extras: { '284815': 80, '282081': 20 },
  });
  return kdb;
};

describe('demo registers', () => {
  it('are deterministic: the same demo day gives the same data, another day other data', async () => {
    const [a, b, c] = await Promise.all([seeded('2026-11-25'), seeded('2026-11-25'), seeded('2026-12-01')]);
    try {
      const da = await dump(a);
      assert.equal(da, await dump(b));
      assert.notEqual(da, await dump(c));
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('give every resident a valid 住民票コード and 個人番号, and hold every §10a person', async () => {
    const kdb = await seeded('2026-11-25');
    try {
      const rows = await kdb.db
        .selectFrom('residents')
        .select(['id', 'juminhyo_code', 'kojin_bango', 'name'])
        .execute();
      assert.equal(rows.length, PEOPLE.length + 100);
      for (const r of rows) {
        assert.ok(isJuminhyoCode(r.juminhyo_code), r.juminhyo_code);
        assert.ok(isKojinBango(r.kojin_bango), r.kojin_bango);
      }
      assert.equal(rows.find((r) => r.id === 'res-yoshida')?.name, '\u{20BB7}田 優子');
    } finally {
      await kdb.close();
    }
  });
});
