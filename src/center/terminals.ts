import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../domain/japan-time.js';
import type { CenterDb, CenterTerminalsTable } from './schema.js';
import { type CenterCa, issueTerminalCertificate } from './terminal-ca.js';

// Known terminals: each kiosk has a client certificate from the center CA and a record
// (kind, operator, store name). The record, not the certificate alone, decides: revoking
// the record refuses the terminal at once on this instance, and within TERMINAL_RECHECK_MS
// on every other instance (each caches a connection's terminal for at most that long).

export interface Terminal {
  id: string;
  kind: 'store' | 'townhall';
  operator: string;
  storeName: string;
}

export interface TerminalFiles extends Terminal {
  dir: string;
}

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;

const toTerminal = (row: CenterTerminalsTable): Terminal => ({
  id: row.id,
  kind: row.kind,
  operator: row.operator,
  storeName: row.store_name,
});

/**
 * How long (ms, monotonic) the terminal of one TLS connection is trusted without reading its
 * record again: the bound on how late a revocation made by another instance (or directly in
 * the database) refuses a kiosk's open connection. A new connection is always looked up.
 */
export const TERMINAL_RECHECK_MS = 2000;

/** Bumped when this process revokes or re-registers a terminal: every cached entry is stale. */
let registryGeneration = 0;

interface CachedTerminal {
  terminal: Terminal;
  checkedAt: number;
  generation: number;
}

/**
 * The terminal of each open connection (`key`: its TLS socket), so that a kiosk's ~11
 * requests per transaction are not each a certificate parse and a SELECT. An entry is used
 * for at most `recheckMs` after its look-up and never after a revocation in this process.
 */
export class TerminalCache<K extends object> {
  readonly #entries = new WeakMap<K, CachedTerminal>();
  readonly #db: CenterDb;
  readonly #now: () => number;
  readonly #recheckMs: number;

  constructor(db: CenterDb, opts: { now?: () => number; recheckMs?: number } = {}) {
    this.#db = db;
    this.#now = opts.now ?? (() => performance.now());
    this.#recheckMs = opts.recheckMs ?? TERMINAL_RECHECK_MS;
  }

  /** The connection's terminal if it was looked up recently enough, else undefined. */
  fresh(key: K): Terminal | undefined {
    const hit = this.#entries.get(key);
    if (!hit) return undefined;
    if (hit.generation === registryGeneration && this.#now() - hit.checkedAt < this.#recheckMs)
      return hit.terminal;
    this.#entries.delete(key);
    return undefined;
  }

  /** Looks the certificate's terminal up in the database and remembers it for the connection. */
  async find(key: K, fingerprint: string): Promise<Terminal | undefined> {
    // Taken before the read: a revocation committed during it leaves the entry stale.
    const checkedAt = this.#now();
    const generation = registryGeneration;
    const terminal = await findTerminalByFingerprint(this.#db, fingerprint);
    if (terminal) this.#entries.set(key, { terminal, checkedAt, generation });
    else this.#entries.delete(key);
    return terminal;
  }
}

/** The unrevoked terminal whose client certificate has this fingerprint. */
export const findTerminalByFingerprint = async (
  db: CenterDb,
  fingerprint: string,
): Promise<Terminal | undefined> => {
  const row = await db
    .selectFrom('center_terminals')
    .selectAll()
    .where('fingerprint', '=', fingerprint)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? toTerminal(row) : undefined;
};

export const findTerminal = async (db: CenterDb, id: string): Promise<Terminal | undefined> => {
  const row = await db.selectFrom('center_terminals').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toTerminal(row) : undefined;
};

/**
 * Registers a terminal: issues its client certificate and writes cert.pem, key.pem, ca.pem
 * and terminal.json to `dir` (the kiosk's own credentials).
 */
export const registerTerminal = async (
  deps: { db: CenterDb; ca: CenterCa; clock: Clock },
  terminal: Terminal,
  dir: string,
): Promise<TerminalFiles> => {
  if (!ID_RE.test(terminal.id)) throw new Error(`bad terminal id ${terminal.id}`);
  const issued = await issueTerminalCertificate(deps.ca, terminal.id, deps.clock);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'key.pem'), issued.keyPem, { mode: 0o600 });
  writeFileSync(join(dir, 'cert.pem'), issued.certPem);
  writeFileSync(join(dir, 'ca.pem'), deps.ca.caPem);
  writeFileSync(join(dir, 'terminal.json'), `${JSON.stringify(terminal, null, 2)}\n`);
  await deps.db
    .insertInto('center_terminals')
    .values({
      id: terminal.id,
      kind: terminal.kind,
      operator: terminal.operator,
      store_name: terminal.storeName,
      fingerprint: issued.fingerprint,
      cert_serial: issued.serial,
      created_at: deps.clock.now().toISOString(),
      revoked_at: null,
    })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet({ fingerprint: issued.fingerprint, cert_serial: issued.serial, revoked_at: null }),
    )
    .execute();
  registryGeneration++; // a re-registration replaces the certificate: the old one is done
  return { ...terminal, dir };
};

/** Revokes a terminal: every later request with its certificate is refused. */
export const revokeTerminal = async (db: CenterDb, id: string, clock: Clock): Promise<boolean> => {
  const r = await db
    .updateTable('center_terminals')
    .set({ revoked_at: clock.now().toISOString() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  registryGeneration++;
  return Number(r.numUpdatedRows) > 0;
};

/** The demo's two kiosks (SPEC §10a): a store kiosk and the town hall's. */
export const DEMO_TERMINALS: readonly (Terminal & { alias: 'store' | 'townhall' })[] = [
  {
    alias: 'store',
    id: 'SEJ-284815-0001',
    kind: 'store',
    operator: 'セブン-イレブン',
    storeName: 'セブン-イレブン 上郡駅前店',
  },
  {
    alias: 'townhall',
    id: 'LG-284815-0001',
    kind: 'townhall',
    operator: '284815',
    storeName: '上郡町役場 1階',
  },
];

/** Creates the demo terminals under DATA/terminals/<alias>/ unless they exist. */
export const ensureDemoTerminals = async (
  deps: { db: CenterDb; ca: CenterCa; clock: Clock },
  dataDir: string,
): Promise<void> => {
  for (const { alias, ...t } of DEMO_TERMINALS) {
    const dir = join(dataDir, 'terminals', alias);
    if ((await findTerminal(deps.db, t.id)) && existsSync(join(dir, 'cert.pem'))) continue;
    await registerTerminal(deps, t, dir);
  }
};
