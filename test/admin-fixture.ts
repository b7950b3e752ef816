import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { adminRoutes, adminStatic, createDemoStaff } from '../src/admin/index.js';
import { type Clock, parseJapanIso } from '../src/domain/japan-time.js';
import { initDemo } from '../src/municipality/demo/demo-setup.js';
import { type KofuDatabase, openDatabase } from '../src/registers/database.js';

// A demo installation with the console mounted on a plain fastify app (inject or listen).

/** A clock the test can move. */
export const movableClock = (iso: string): Clock & { set(iso: string): void; advance(ms: number): void } => {
  let t = parseJapanIso(iso)!.getTime();
  return {
    now: () => new Date(t),
    set: (s) => {
      t = parseJapanIso(s)!.getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
};

export interface AdminFixture {
  dataDir: string;
  kdb: KofuDatabase;
  clock: ReturnType<typeof movableClock>;
  app: FastifyInstance;
  passwords: Record<string, string>;
  close(): Promise<void>;
}

/** Demo day: Wednesday 2026-11-25 10:00 Japan time (group B open). */
export const DEMO_NOW = '2026-11-25T10:00:00+09:00';

export const adminFixture = async (now = DEMO_NOW): Promise<AdminFixture> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kofu-admin-'));
  const clock = movableClock(now);
  await initDemo({ dataDir, clock });
  const kdb = await openDatabase({ dataDir, url: '' });
  const staff = await createDemoStaff(kdb, clock);
  const app = Fastify({ ajv: { customOptions: { coerceTypes: false, removeAdditional: false } } });
  await app.register(adminRoutes, { prefix: '/admin/api', kdb, clock, dataDir });
  await adminStatic(app);
  await app.ready();
  return {
    dataDir,
    kdb,
    clock,
    app,
    passwords: Object.fromEntries(staff.map((s) => [s.user, s.password])),
    close: async () => {
      await app.close();
      await kdb.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** A digest of every register table except the audit trail and the login bookkeeping. */
export const registerDigest = async (kdb: KofuDatabase): Promise<string> => {
  const raw = kdb.sqlite!;
  const tables = raw
    .prepare("select name from sqlite_master where type='table' and name not like 'sqlite_%' order by name")
    .all() as { name: string }[];
  const h = createHash('sha256');
  for (const { name } of tables) {
    if (
      [
        'audit_log',
        'audit_head',
        'staff_sessions',
        'staff_login_failures',
        'kysely_migration',
        'kysely_migration_lock',
      ].includes(name)
    )
      continue;
    h.update(name);
    h.update(JSON.stringify(raw.prepare(`select * from "${name}" order by rowid`).all()));
  }
  return h.digest('hex');
};
