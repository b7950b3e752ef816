import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { adminRoutes, adminStatic, createDemoStaff } from '../src/admin/index.js';
import { type Clock, parseJapanIso } from '../src/domain/japan-time.js';
import { initDemo } from '../src/municipality/demo/demo-setup.js';
import { type KofuDatabase, openDatabase } from '../src/registers/database.js';
import { postgresTestDatabase } from '../src/registers/test-db.js';

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

/** SQLite in the data directory, or a fresh schema on the PostgreSQL server of `postgresUrl`. */
export const adminFixture = async (
  now = DEMO_NOW,
  opts: { postgresUrl?: string } = {},
): Promise<AdminFixture> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kofu-admin-'));
  const clock = movableClock(now);
  const kdb = opts.postgresUrl
    ? await postgresTestDatabase(opts.postgresUrl, 4)()
    : await openDatabase({ dataDir, url: '' });
  await initDemo({ dataDir, clock, kdb });
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

const NOT_REGISTERS = new Set(['audit_log', 'audit_head', 'staff_sessions', 'staff_login_failures']);

/** A digest of every register table except the audit trail and the login bookkeeping (both dialects). */
export const registerDigest = async (kdb: KofuDatabase): Promise<string> => {
  const tables = (await kdb.db.introspection.getTables())
    .map((t) => t.name)
    .filter((n) => !NOT_REGISTERS.has(n) && !n.startsWith('kysely_'))
    .sort();
  const h = createHash('sha256');
  for (const name of tables) {
    // biome-ignore lint/suspicious/noExplicitAny: every table, whatever its type
    const rows = await (kdb.db as any).selectFrom(name).selectAll().execute();
    h.update(name);
    h.update(
      rows
        .map((r: unknown) => JSON.stringify(r))
        .sort()
        .join('\n'),
    );
  }
  return h.digest('hex');
};

/** The current card of a resident, as the kiosk's authentication establishes it. */
export const currentCard = async (kdb: KofuDatabase, residentId: string) => {
  const r = await kdb.db
    .selectFrom('card_links')
    .select(['serial', 'issued_on'])
    .where('resident_id', '=', residentId)
    .where('replaced_by', 'is', null)
    .executeTakeFirstOrThrow();
  return { serial: r.serial, issuedOn: r.issued_on };
};
