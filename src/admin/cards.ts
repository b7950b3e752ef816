import { type CardSummary, findCardSummary, openCertificateAuthority, resetCardPin } from '../pki/index.js';
import type { CardLink, Tx } from '../registers/index.js';
import { listCardLinksOfResident } from '../registers/queries.js';
import type { AdminDeps } from './context.js';
import { type AdminResult, done, fail, invalid } from './errors.js';

// The resident's My Number card as the town hall sees it: serial, validity, PIN state (PKI).

export interface ResidentCard {
  serial: string;
  issuedOn: string;
  /** The virtual card's name, when the PKI knows which card holds the certificate. */
  cardName?: string;
  summary?: CardSummary;
}

/** The serial → card name map of the CA registry; empty when this data directory has no PKI. */
const cardNames = (deps: AdminDeps): Map<string, string> => {
  try {
    const ca = openCertificateAuthority(deps.dataDir, { clock: deps.clock });
    return new Map(ca.records().flatMap((r) => (r.card ? [[r.serial, r.card] as const] : [])));
  } catch {
    return new Map();
  }
};

/** The current (not replaced) card link of a resident. */
export const currentCardLink = async (trx: Tx, residentId: string): Promise<CardLink | undefined> =>
  (await listCardLinksOfResident(trx, residentId)).find((l) => l.replaced_by === null);

export const describeCard = (deps: AdminDeps, link: CardLink | undefined): ResidentCard | undefined => {
  if (!link) return undefined;
  const name = cardNames(deps).get(link.serial);
  const summary = name ? findCardSummary(deps.dataDir, name) : undefined;
  return {
    serial: link.serial,
    issuedOn: link.issued_on,
    ...(name ? { cardName: name } : {}),
    ...(summary ? { summary } : {}),
  };
};

/** 暗証番号初期化再設定 at the counter: a new PIN, the retry counter back to 3. */
export const resetPinOfCard = async (
  deps: AdminDeps,
  link: CardLink | undefined,
  newPin: string,
): Promise<AdminResult<CardSummary>> => {
  if (!/^[0-9]{4}$/.test(newPin)) return invalid('newPin', 'four digits');
  const card = describeCard(deps, link);
  if (!card?.cardName) return fail('not_found', { field: 'card' });
  const r = await resetCardPin(deps.dataDir, card.cardName, newPin);
  return r.ok ? done(r.value) : fail('not_found', { field: 'card', detail: r.error.code });
};

/** Revokes every unrevoked certificate of the resident's cards (死亡). Throws if the CA fails. */
export const revokeForDeath = async (deps: AdminDeps, links: CardLink[]): Promise<string[]> => {
  const current = links.filter((l) => l.replaced_by === null);
  if (current.length === 0) return [];
  const ca = openCertificateAuthority(deps.dataDir, { clock: deps.clock });
  const revoked: string[] = [];
  for (const l of current) {
    const status = ca.status(l.serial).status;
    if (status === 'revoked' || status === 'unknown') continue;
    const r = await ca.revoke(l.serial, 'death');
    if (!r.ok) throw new Error(`revocation of ${l.serial} failed: ${r.error.code}`);
    revoked.push(l.serial);
  }
  return revoked;
};
