import type { ChallengeStore } from '../pki/challenge.js';
import type { CenterDb } from './schema.js';

// One-time challenges in SQL, so any center instance can verify what another issued.

/** The SQL ChallengeStore of the PKI's port: consume is one DELETE … RETURNING, atomic on both dialects. */
export const createSqlChallengeStore = (db: CenterDb): ChallengeStore => ({
  async put(id, challenge, expiresAt) {
    await db
      .insertInto('center_challenges')
      .values({
        id,
        challenge: Buffer.from(challenge).toString('base64'),
        expires_at: expiresAt.toISOString(),
      })
      .execute();
  },
  async consume(id) {
    const row = await db
      .deleteFrom('center_challenges')
      .where('id', '=', id)
      .returning(['challenge', 'expires_at'])
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      challenge: new Uint8Array(Buffer.from(row.challenge, 'base64')),
      expiresAt: new Date(row.expires_at),
    };
  },
});

/** Deletes expired challenges (the sweeper). */
export const purgeExpiredChallenges = async (db: CenterDb, now: Date): Promise<void> => {
  await db.deleteFrom('center_challenges').where('expires_at', '<=', now.toISOString()).execute();
};
