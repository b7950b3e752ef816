import { createHash, type KeyObject, X509Certificate as NodeX509, verify } from 'node:crypto';
import {
  addDays,
  type Clock,
  japanDate,
  japanInstant,
  type PlainDate,
  toJapanIso,
} from '../domain/japan-time.js';
import { ok, type Refused, type Result, refuse } from '../domain/refusal.js';
import type { ChallengeStore } from './challenge.js';
import type { RevocationChecker } from './revocation-checker.js';
import { x509 } from './x509-setup.js';

/** Who the card proved to be: the facts eligibility needs (SPEC §7). */
export interface CardAuthentication {
  serial: string;
  /** Japan date of notBefore: the card is usable from the next day (CARD_ISSUED_TODAY). */
  issuedOn: PlainDate;
  /** End of validity, Japan time ISO. */
  notAfter: string;
}

/** What the kiosk sends back for a challenge. */
export interface CardAuthenticationInput {
  challengeId: string;
  certificateDer: Uint8Array;
  signature: Uint8Array;
}

export interface CardVerifierDeps {
  caCertificateDer: Uint8Array;
  revocation: RevocationChecker;
  challenges: ChallengeStore;
  clock: Clock;
  /** Memoised certificate checks kept at most (default 50,000). */
  cacheSize?: number;
}

type CertCheck =
  | { ok: true; serial: string; notBefore: Date; notAfter: Date; publicKey: KeyObject; keyBytes: number }
  | { ok: false; detail: string };

const MAX_CERT_BYTES = 8192;
const unknown = (detail: string): CertCheck => ({ ok: false, detail });

/** Checks once per certificate what never changes: parse, chain to the CA, algorithms, key usage. */
const checkCertificate = (der: Uint8Array, ca: NodeX509): CertCheck => {
  let cert: NodeX509;
  let parsed: InstanceType<typeof x509.X509Certificate>;
  try {
    cert = new NodeX509(der);
    parsed = new x509.X509Certificate(der);
  } catch {
    return unknown('unparsable certificate');
  }
  try {
    if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return unknown('not issued by the CA');
    const alg = parsed.signatureAlgorithm as { name?: string; hash?: { name?: string } };
    if (alg.name !== 'RSASSA-PKCS1-v1_5' || alg.hash?.name !== 'SHA-256') return unknown('not sha256WithRSA');
    const bits = cert.publicKey.asymmetricKeyDetails?.modulusLength ?? 0;
    if (cert.publicKey.asymmetricKeyType !== 'rsa' || bits < 2048) return unknown('not an RSA-2048 key');
    const ku = parsed.getExtension(x509.KeyUsagesExtension);
    if (!ku || !(ku.usages & x509.KeyUsageFlags.digitalSignature))
      return unknown('no digitalSignature usage');
    const eku = parsed.getExtension(x509.ExtendedKeyUsageExtension);
    if (eku && !eku.usages.includes(x509.ExtendedKeyUsage.clientAuth)) return unknown('no clientAuth usage');
    return {
      ok: true,
      serial: cert.serialNumber.toUpperCase(),
      notBefore: parsed.notBefore,
      notAfter: parsed.notAfter,
      publicKey: cert.publicKey,
      keyBytes: Math.ceil(bits / 8),
    };
  } catch {
    return unknown('malformed certificate');
  }
};

const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;

/**
 * The center's check of a card login: the challenge is unused and unexpired, the certificate
 * chains to the CA, the signature over the challenge is the card's, the certificate is within
 * validity and neither revoked nor suspended. Never throws, whatever the bytes.
 */
export class CardVerifier {
  private readonly ca: NodeX509 | undefined;
  private readonly cache = new Map<string, CertCheck>();

  constructor(private readonly deps: CardVerifierDeps) {
    try {
      this.ca = new NodeX509(deps.caCertificateDer);
    } catch {
      this.ca = undefined;
    }
  }

  async verify(input: CardAuthenticationInput): Promise<Result<CardAuthentication>> {
    try {
      return await this.verifyUnsafe(input);
    } catch {
      // Bad bytes are refused above; an exception here is the challenge store or CRL source failing.
      return refuse('SERVICE_UNAVAILABLE', { detail: 'card authentication could not be checked' });
    }
  }

  private async verifyUnsafe(input: CardAuthenticationInput): Promise<Result<CardAuthentication>> {
    if (typeof input !== 'object' || input === null) return refuse('INVALID_REQUEST');
    const { challengeId, certificateDer, signature } = input;
    if (typeof challengeId !== 'string' || challengeId.length === 0 || challengeId.length > 128)
      return refuse('INVALID_REQUEST', { field: 'challengeId' });
    if (!isBytes(certificateDer) || certificateDer.length === 0 || certificateDer.length > MAX_CERT_BYTES)
      return refuse('INVALID_REQUEST', { field: 'certificate' });
    if (!isBytes(signature) || signature.length === 0 || signature.length > 1024)
      return refuse('INVALID_REQUEST', { field: 'signature' });
    // Consumed first: a challenge is burnt by any attempt, good or bad.
    const issued = await this.deps.challenges.consume(challengeId);
    if (!issued)
      return refuse('INVALID_REQUEST', { field: 'challengeId', detail: 'unknown or already used' });
    const now = this.deps.clock.now();
    if (now.getTime() >= issued.expiresAt.getTime())
      return refuse('SESSION_EXPIRED', { detail: 'challenge expired' });
    if (!this.ca) return refuse('SERVICE_UNAVAILABLE', { detail: 'CA certificate unusable' });
    const cert = this.certificate(certificateDer, this.ca);
    if (!cert.ok) return refuse('CARD_UNKNOWN', { detail: cert.detail });
    if (signature.length !== cert.keyBytes || !verify('sha256', issued.challenge, cert.publicKey, signature))
      return refuse('CARD_UNKNOWN', { detail: 'signature does not match' });
    if (now.getTime() > cert.notAfter.getTime()) return refuse('CARD_EXPIRED');
    // A certificate issued later today is still "issued today", which eligibility refuses by itself.
    if (japanDate(cert.notBefore) > japanDate(now))
      return refuse('CARD_UNKNOWN', { detail: 'not yet valid' });
    const state = await this.deps.revocation.status(cert.serial);
    if (state === 'unavailable')
      return refuse('SERVICE_UNAVAILABLE', { detail: 'revocation list unavailable' });
    if (state !== 'good') return refuse('CARD_REVOKED', { detail: state });
    return ok({
      serial: cert.serial,
      issuedOn: japanDate(cert.notBefore),
      notAfter: toJapanIso(cert.notAfter),
    });
  }

  private certificate(der: Uint8Array, ca: NodeX509): CertCheck {
    const key = createHash('sha256').update(der).digest('base64');
    let check = this.cache.get(key);
    if (!check) {
      check = checkCertificate(der, ca);
      if (this.cache.size >= (this.deps.cacheSize ?? 50_000)) this.cache.clear();
      this.cache.set(key, check);
    }
    return check;
  }
}

/** Creates the verifier the center keeps for its lifetime (it memoises certificate checks). */
export const createCardVerifier = (deps: CardVerifierDeps): CardVerifier => new CardVerifier(deps);

/** Verifies one card login (see CardVerifier); resolves to the serial and dates, or a refusal. */
export const verifyCardAuthentication = (
  verifier: CardVerifier,
  input: CardAuthenticationInput,
): Promise<Result<CardAuthentication>> => verifier.verify(input);

/** CARD_ISSUED_TODAY if the certificate was issued on the clock's Japan date (usable from the next day). */
export const cardIssuedTodayRefusal = (issuedOn: PlainDate, now: Date): Refused | undefined =>
  issuedOn >= japanDate(now)
    ? refuse('CARD_ISSUED_TODAY', { nextOpen: toJapanIso(japanInstant(addDays(issuedOn, 1))) })
    : undefined;
