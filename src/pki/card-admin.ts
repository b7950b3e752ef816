import { X509Certificate } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { toJapanIso } from '../domain/japan-time.js';
import { ok, type Result, refuse } from '../domain/refusal.js';
import { hashPin, isPin, readCardFile, writeCardFile } from './card-file.js';
import { cardSerial } from './card-issuance.js';
import { withFileLock } from './file-lock.js';
import { cardPath, isCardName, pkiPaths } from './paths.js';
import { readRegistry } from './registry.js';
import { VirtualCard, type VirtualCardOptions } from './virtual-card.js';

/** What may be shown about a card: never the PIN, never the key. */
export interface CardSummary {
  name: string;
  serial: string;
  /** Validity of the user certificate, Japan time ISO. */
  notBefore: string;
  notAfter: string;
  /** The CA's view of the certificate. */
  status: 'good' | 'revoked' | 'suspended' | 'unknown';
  pin: { remainingTries: number; maxTries: number; locked: boolean };
}

/** Opens the virtual card dataDir/cards/<name>.card as a CardReader (throws on an unsafe name). */
export const openVirtualCard = (
  dataDir: string,
  name: string,
  options: VirtualCardOptions = {},
): VirtualCard => {
  if (!isCardName(name)) throw new RangeError(`invalid card name ${JSON.stringify(name)}`);
  return new VirtualCard(cardPath(dataDir, name), options);
};

/** The summary of one card; undefined if there is no such card. */
export const findCardSummary = (dataDir: string, name: string): CardSummary | undefined => {
  if (!isCardName(name)) return undefined;
  const card = readCardFile(cardPath(dataDir, name));
  const serial = card && cardSerial(card);
  if (!card || !serial) return undefined;
  const cert = new X509Certificate(Buffer.from(card.userCertificate, 'base64'));
  const record = readRegistry(dataDir)?.certificates[serial];
  return {
    name,
    serial,
    notBefore: toJapanIso(new Date(cert.validFrom)),
    notAfter: toJapanIso(new Date(cert.validTo)),
    status: record?.status ?? 'unknown',
    pin: {
      remainingTries: card.remainingTries,
      maxTries: card.maxTries,
      locked: card.remainingTries <= 0,
    },
  };
};

/** Every virtual card of the data directory, by name. */
export const listCards = (dataDir: string): CardSummary[] => {
  let names: string[];
  try {
    names = readdirSync(pkiPaths(dataDir).cards);
  } catch {
    return [];
  }
  return names
    .filter((f) => f.endsWith('.card'))
    .map((f) => findCardSummary(dataDir, f.slice(0, -'.card'.length)))
    .filter((c): c is CardSummary => c !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
};

/** Town-hall PIN reset (暗証番号初期化再設定): sets a new 4-digit PIN and unlocks the card. */
export const resetCardPin = async (
  dataDir: string,
  name: string,
  newPin: string,
): Promise<Result<CardSummary>> => {
  if (!isPin(newPin)) return refuse('INVALID_REQUEST', { field: 'pin' });
  if (!isCardName(name)) return refuse('CARD_UNKNOWN');
  const path = cardPath(dataDir, name);
  const done = await withFileLock(`${path}.lock`, () => {
    const card = readCardFile(path);
    if (!card) return false;
    writeCardFile(path, { ...card, pin: hashPin(newPin), remainingTries: card.maxTries });
    return true;
  });
  const summary = done ? findCardSummary(dataDir, name) : undefined;
  return summary ? ok(summary) : refuse('CARD_UNKNOWN');
};
