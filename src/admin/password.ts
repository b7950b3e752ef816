import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// Staff passwords: scrypt (memory-hard) with a per-user salt, compared in constant time.

const KEY_BYTES = 32;
// N=2^14, r=8: 16 MiB and ~40 ms per check, so guessing is slow and the 2-core box is not.
const PARAMS = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

const derive = (password: string, salt: Buffer): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, PARAMS, (e, key) => (e ? reject(e) : resolve(key))),
  );

export interface PasswordHash {
  salt: string;
  hash: string;
}

export const hashPassword = async (password: string): Promise<PasswordHash> => {
  const salt = randomBytes(16);
  return { salt: salt.toString('base64'), hash: (await derive(password, salt)).toString('base64') };
};

export const verifyPassword = async (stored: PasswordHash, candidate: string): Promise<boolean> => {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await derive(candidate, Buffer.from(stored.salt, 'base64'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
};

/** A dummy hash to spend the same time on unknown user names (no user enumeration by timing). */
export const DUMMY_HASH: PasswordHash = {
  salt: 'AAAAAAAAAAAAAAAAAAAAAA==',
  hash: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
};

/** A readable generated password (no 0/O/1/l), 16 characters ≈ 90 bits. */
export const generatePassword = (): string => {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
};
