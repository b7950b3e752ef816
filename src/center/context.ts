import type { Clock } from '../domain/japan-time.js';
import type { KofuDatabase } from '../registers/database.js';
import type { DocumentVault } from './document-vault.js';
import type { CardAuthenticator, CenterIssuing, CenterRenderer } from './ports.js';

/** Time limits of the center; the defaults follow SPEC §6 and issue 6. */
export interface CenterSettings {
  /** A session with no call for this long ends and everything is erased. */
  idleTimeoutMs: number;
  challengeTtlMs: number;
  /** Reprints are accepted this long after issue; unconfirmed documents are deleted after it. */
  reprintWindowMs: number;
  maxReprints: number;
  /** An issuing attempt older than this may be taken over by a retry. */
  issueLeaseMs: number;
  /** An order stuck in 'issuing' (or 'paid') this long with no kiosk is refunded by the sweeper. */
  abandonAfterMs: number;
}

export const DEFAULT_CENTER_SETTINGS: CenterSettings = {
  idleTimeoutMs: 180_000,
  challengeTtlMs: 120_000,
  reprintWindowMs: 600_000,
  maxReprints: 3,
  issueLeaseMs: 30_000,
  abandonAfterMs: 600_000,
};

/** Minimal structured logger (pino's shape); never given personal data. */
export interface CenterLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Everything the center's handlers need, passed in (no module state). */
export interface CenterContext {
  kdb: KofuDatabase;
  clock: Clock;
  cards: CardAuthenticator;
  issuing: CenterIssuing;
  renderer: CenterRenderer;
  vault: DocumentVault;
  settings: CenterSettings;
  log: CenterLog;
}
