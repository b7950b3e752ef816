import type { Clock } from '../domain/japan-time.js';
import type { KofuDatabase } from '../registers/database.js';

/** What every console action needs, passed in (no module state). */
export interface AdminDeps {
  kdb: KofuDatabase;
  clock: Clock;
  /** The data directory of the PKI (cards, CA registry): PIN resets and revocations. */
  dataDir: string;
}
