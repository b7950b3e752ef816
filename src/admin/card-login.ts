import { readFileSync } from 'node:fs';
import type { Clock } from '../domain/japan-time.js';
import { type Result, refuse } from '../domain/refusal.js';
import {
  authenticateWithCard,
  cardIssuedTodayRefusal,
  createCardVerifier,
  fileCrlSource,
  InMemoryChallengeStore,
  isCardName,
  issueChallenge,
  openVirtualCard,
  pkiPaths,
  RevocationChecker,
} from '../pki/index.js';

// A card login outside a kiosk session (the online 本籍地 application, `kofu honseki apply`):
// the same challenge, card signature and verification as the center's.

export const authenticateLocalCard = async (
  dataDir: string,
  clock: Clock,
  cardName: string,
  pin: string,
): Promise<Result<{ serial: string; issuedOn: string }>> => {
  if (!isCardName(cardName)) return refuse('CARD_UNKNOWN');
  let caCertificateDer: Uint8Array;
  try {
    caCertificateDer = new Uint8Array(readFileSync(pkiPaths(dataDir).caCertificate));
  } catch {
    return refuse('SERVICE_UNAVAILABLE', { detail: 'no PKI in the data directory' });
  }
  const challenges = new InMemoryChallengeStore(clock);
  const verifier = createCardVerifier({
    caCertificateDer,
    revocation: new RevocationChecker({
      source: fileCrlSource(pkiPaths(dataDir).crl),
      caCertificateDer,
      clock,
    }),
    challenges,
    clock,
  });
  const challenge = await issueChallenge({ challenges, clock });
  const card = openVirtualCard(dataDir, cardName);
  let signed: Awaited<ReturnType<typeof authenticateWithCard>>;
  try {
    signed = await authenticateWithCard(card, pin, challenge.challenge);
  } catch {
    return refuse('CARD_UNKNOWN');
  } finally {
    card.remove();
  }
  if (!signed.ok) return signed;
  const verified = await verifier.verify({ challengeId: challenge.id, ...signed.value });
  if (!verified.ok) return verified;
  const today = cardIssuedTodayRefusal(verified.value.issuedOn, clock.now());
  if (today) return today;
  return { ok: true, value: { serial: verified.value.serial, issuedOn: verified.value.issuedOn } };
};
