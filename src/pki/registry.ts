import type { PlainDate } from '../domain/japan-time.js';
import { readIfExists, writeFileAtomic } from './fs-atomic.js';
import { pkiPaths } from './paths.js';

export type CertificateStatus = 'good' | 'revoked' | 'suspended';
/** Why a certificate was revoked: death (死亡), loss (紛失), the holder's request, or renewal. */
export type RevocationReason = 'death' | 'loss' | 'request' | 'superseded';
export const REVOCATION_REASONS: readonly RevocationReason[] = ['death', 'loss', 'request', 'superseded'];

/** RFC 5280 CRLReason of each reason (death has none of its own: cessationOfOperation). */
export const CRL_REASON_CODE: Record<RevocationReason, number> = {
  request: 0,
  loss: 1,
  superseded: 4,
  death: 5,
};
export const CERTIFICATE_HOLD = 6;

/** What the CA remembers of one certificate it issued. */
export interface CertificateRecord {
  serial: string;
  /** Opaque holder reference (the card name in the demo); never printed in the certificate. */
  holder: string;
  /** Kept to compute the validity of a renewed certificate (5th birthday after issue). */
  birthDate: PlainDate;
  /** The virtual card that holds the key, if any. */
  card?: string;
  notBefore: string;
  notAfter: string;
  status: CertificateStatus;
  reason?: RevocationReason;
  revokedAt?: string;
  suspendedAt?: string;
  supersededBy?: string;
}

export interface Registry {
  format: 'kofu-ca-registry/1';
  /** Number of the last CRL published. */
  crlNumber: number;
  certificates: Record<string, CertificateRecord>;
}

export const emptyRegistry = (): Registry => ({
  format: 'kofu-ca-registry/1',
  crlNumber: 0,
  certificates: {},
});

/** Reads the registry; undefined if the CA has not been created. */
export const readRegistry = (dataDir: string): Registry | undefined => {
  const bytes = readIfExists(pkiPaths(dataDir).registry);
  if (!bytes) return undefined;
  const parsed = JSON.parse(bytes.toString('utf8')) as Registry;
  if (parsed.format !== 'kofu-ca-registry/1') throw new Error('unknown CA registry format');
  return parsed;
};

export const writeRegistry = (dataDir: string, registry: Registry): void =>
  writeFileAtomic(pkiPaths(dataDir).registry, `${JSON.stringify(registry)}\n`, 0o644);
