import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { readIfExists, writeFileAtomic } from './fs-atomic.js';

export const PIN_MAX_TRIES = 3;

/** The contents of a virtual card: its EFs and the PIN retry counter (the card is the secure element). */
export interface CardFile {
  format: 'kofu-virtual-card/1';
  name: string;
  /** EF 0018: the PIN, kept only as a salted scrypt hash. */
  pin: { salt: string; hash: string };
  maxTries: number;
  /** Consecutive wrong PINs left before the card blocks (0 = locked). */
  remainingTries: number;
  /** EF 000A: the user-authentication certificate (DER, base64). */
  userCertificate: string;
  /** EF 000B: the CA certificate (DER, base64). */
  caCertificate: string;
  /** EF 0017: the user-authentication private key (PKCS#8 DER, base64); never leaves the card. */
  userKey: string;
}

const pinHash = (pin: Uint8Array | string, salt: Buffer): Buffer =>
  scryptSync(typeof pin === 'string' ? Buffer.from(pin, 'latin1') : pin, salt, 32, {
    N: 1 << 12,
    r: 8,
    p: 1,
  });

/** The stored form of a PIN. */
export const hashPin = (pin: string): CardFile['pin'] => {
  const salt = randomBytes(16);
  return { salt: salt.toString('base64'), hash: pinHash(pin, salt).toString('base64') };
};

/** Whether the bytes sent with VERIFY are the card's PIN (constant time). */
export const pinMatches = (stored: CardFile['pin'], candidate: Uint8Array): boolean => {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = pinHash(candidate, Buffer.from(stored.salt, 'base64'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
};

/** A 4-digit PIN (SPEC §7). */
export const isPin = (pin: string): boolean => /^[0-9]{4}$/.test(pin);

/** Reads a card file; undefined if absent or not a card. */
export const readCardFile = (path: string): CardFile | undefined => {
  const bytes = readIfExists(path);
  if (!bytes) return undefined;
  try {
    const card = JSON.parse(bytes.toString('utf8')) as CardFile;
    return isCardFile(card) ? card : undefined;
  } catch {
    return undefined;
  }
};

const isCardFile = (c: CardFile): boolean =>
  typeof c === 'object' &&
  c !== null &&
  c.format === 'kofu-virtual-card/1' &&
  typeof c.name === 'string' &&
  typeof c.pin?.salt === 'string' &&
  typeof c.pin?.hash === 'string' &&
  Number.isInteger(c.maxTries) &&
  Number.isInteger(c.remainingTries) &&
  typeof c.userCertificate === 'string' &&
  typeof c.caCertificate === 'string' &&
  typeof c.userKey === 'string';

/** Writes a card file durably (the retry counter must survive a crash). */
export const writeCardFile = (path: string, card: CardFile): void =>
  writeFileAtomic(path, `${JSON.stringify(card)}\n`, 0o600);
