import { type KeyObject, X509Certificate } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { type PlainDate, toJapanIso } from '../domain/japan-time.js';
import type { CaCore } from './ca-core.js';
import { generateRsaKeyPair } from './ca-core.js';
import { type CardFile, hashPin, PIN_MAX_TRIES, readCardFile, writeCardFile } from './card-file.js';
import { withFileLock } from './file-lock.js';
import { cardPath, pkiPaths } from './paths.js';

/** What issuing or renewing a card produced (no secrets). */
export interface IssuedCard {
  name: string;
  serial: string;
  /** Validity, Japan time ISO. */
  notBefore: string;
  notAfter: string;
  previousSerial?: string;
}

const iso = (utc: string): string => toJapanIso(new Date(utc));
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** The serial of the certificate a card holds (upper-case hex); undefined if unreadable. */
export const cardSerial = (card: CardFile): string | undefined => {
  try {
    return new X509Certificate(Buffer.from(card.userCertificate, 'base64')).serialNumber.toUpperCase();
  } catch {
    return undefined;
  }
};

/** Personalises a new card: key pair, certificate from the CA, PIN, full retry counter. */
export const personaliseCard = async (
  core: CaCore,
  spec: {
    name: string;
    pin: string;
    birthDate: PlainDate;
    issuedAt: Date;
    remainingTries?: number;
    keyPair?: { publicKey: KeyObject; privateKey: KeyObject };
  },
): Promise<IssuedCard> => {
  const keys = spec.keyPair ?? (await generateRsaKeyPair());
  const { record, certificateDer } = await core.issue({
    holder: spec.name,
    birthDate: spec.birthDate,
    issuedAt: spec.issuedAt,
    publicKey: keys.publicKey,
    card: spec.name,
  });
  const card: CardFile = {
    format: 'kofu-virtual-card/1',
    name: spec.name,
    pin: hashPin(spec.pin),
    maxTries: PIN_MAX_TRIES,
    remainingTries: spec.remainingTries ?? PIN_MAX_TRIES,
    userCertificate: b64(certificateDer),
    caCertificate: b64(core.caCertificateDer()),
    userKey: b64(keys.privateKey.export({ type: 'pkcs8', format: 'der' })),
  };
  mkdirSync(pkiPaths(core.dataDir).cards, { recursive: true });
  const path = cardPath(core.dataDir, spec.name);
  await withFileLock(`${path}.lock`, () => writeCardFile(path, card));
  return {
    name: spec.name,
    serial: record.serial,
    notBefore: iso(record.notBefore),
    notAfter: iso(record.notAfter),
  };
};

/**
 * Renews the card's user certificate: a new key pair on the card and a new certificate with a
 * new serial for the same holder; the old certificate is revoked as superseded.
 */
export const renewCardCertificate = async (
  core: CaCore,
  name: string,
  issuedAt: Date,
  keyPair?: { publicKey: KeyObject; privateKey: KeyObject },
): Promise<IssuedCard | 'unknown-card' | 'revoked'> => {
  const path = cardPath(core.dataDir, name);
  const before = readCardFile(path);
  const oldSerial = before && cardSerial(before);
  if (!oldSerial) return 'unknown-card';
  const oldRecord = core.records()[oldSerial];
  if (!oldRecord) return 'unknown-card';
  if (oldRecord.status === 'revoked') return 'revoked';
  const keys = keyPair ?? (await generateRsaKeyPair());
  const { record, certificateDer } = await core.issue({
    holder: oldRecord.holder,
    birthDate: oldRecord.birthDate,
    issuedAt,
    publicKey: keys.publicKey,
    card: name,
  });
  await withFileLock(`${path}.lock`, () => {
    // Re-read under the lock: the PIN counter may have moved since.
    const current = readCardFile(path) ?? before;
    writeCardFile(path, {
      ...current,
      userCertificate: b64(certificateDer),
      caCertificate: b64(core.caCertificateDer()),
      userKey: b64(keys.privateKey.export({ type: 'pkcs8', format: 'der' })),
    });
  });
  await core.mutate((registry) => {
    const old = registry.certificates[oldSerial];
    if (old) {
      old.status = 'revoked';
      old.reason = 'superseded';
      old.revokedAt = issuedAt.toISOString();
      old.supersededBy = record.serial;
    }
    return { value: undefined, crl: true };
  });
  return {
    name,
    serial: record.serial,
    notBefore: iso(record.notBefore),
    notAfter: iso(record.notAfter),
    previousSerial: oldSerial,
  };
};
