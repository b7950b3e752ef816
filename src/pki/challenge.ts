import { randomBytes } from 'node:crypto';
import type { Clock } from '../domain/japan-time.js';

/** Challenge lifetime (SPEC §7: one-time, short-lived). */
export const CHALLENGE_TTL_MS = 60_000;
export const CHALLENGE_BYTES = 32;

/** Where the center keeps issued challenges until they are used once (SQL in the center). */
export interface ChallengeStore {
  put(id: string, challenge: Uint8Array, expiresAt: Date): Promise<void>;
  /** Atomically removes and returns the challenge; a second consume of the same id gives undefined. */
  consume(id: string): Promise<{ challenge: Uint8Array; expiresAt: Date } | undefined>;
}

/** A ChallengeStore in memory, for tests and a single-process demo. */
export class InMemoryChallengeStore implements ChallengeStore {
  private readonly items = new Map<string, { challenge: Uint8Array; expiresAt: Date }>();

  constructor(private readonly clock?: Clock) {}

  async put(id: string, challenge: Uint8Array, expiresAt: Date): Promise<void> {
    // Forget challenges long expired, so an abandoned kiosk session does not leak memory.
    const now = this.clock?.now().getTime();
    if (now !== undefined && this.items.size > 1000)
      for (const [key, v] of this.items) if (v.expiresAt.getTime() < now) this.items.delete(key);
    this.items.set(id, { challenge: Uint8Array.from(challenge), expiresAt: new Date(expiresAt.getTime()) });
  }

  async consume(id: string): Promise<{ challenge: Uint8Array; expiresAt: Date } | undefined> {
    const item = this.items.get(id);
    this.items.delete(id);
    return item;
  }

  get size(): number {
    return this.items.size;
  }
}

/** An issued challenge: the kiosk has the card sign `challenge` and returns it with `id`. */
export interface IssuedChallenge {
  id: string;
  challenge: Uint8Array;
  expiresAt: Date;
}

/** Issues a one-time random challenge (32 bytes) that expires after ttlMs (default 60 s). */
export const issueChallenge = async (
  deps: { challenges: ChallengeStore; clock: Clock },
  ttlMs = CHALLENGE_TTL_MS,
): Promise<IssuedChallenge> => {
  const id = randomBytes(16).toString('base64url');
  const challenge = new Uint8Array(randomBytes(CHALLENGE_BYTES));
  const expiresAt = new Date(deps.clock.now().getTime() + ttlMs);
  await deps.challenges.put(id, challenge, expiresAt);
  return { id, challenge, expiresAt };
};
