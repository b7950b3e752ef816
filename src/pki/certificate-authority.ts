import { readFileSync } from 'node:fs';
import type { Clock, PlainDate } from '../domain/japan-time.js';
import { ok, type Result, refuse } from '../domain/refusal.js';
import { CaCore, caExists, createCaFiles, demoPassphrase } from './ca-core.js';
import { resolveCaPassphrase } from './ca-keystore.js';
import { type IssuedCard, personaliseCard, renewCardCertificate } from './card-issuance.js';
import { isCardName, pkiPaths } from './paths.js';
import type { CertificateRecord, CertificateStatus, RevocationReason } from './registry.js';
import { normalizeSerial } from './serial.js';

/** The answer of a one-serial status look-up. */
export interface CertificateStatusReport {
  serial: string;
  status: CertificateStatus | 'unknown';
  reason?: RevocationReason | 'hold';
  /** When it was revoked or suspended (ISO, UTC). */
  since?: string;
  notAfter?: string;
}

/** The demo's stand-in for J-LIS: issues, revokes, suspends, resumes and renews card certificates. */
export interface CertificateAuthority {
  readonly dataDir: string;
  caCertificateDer(): Uint8Array;
  /** The current signed CRL (DER). */
  crlDer(): Uint8Array;
  /** Personalises a new virtual card under dataDir/cards/<name>.card. */
  issueCard(spec: {
    name: string;
    pin: string;
    birthDate: PlainDate;
    issuedAt?: Date;
    remainingTries?: number;
  }): Promise<IssuedCard>;
  revoke(serial: string, reason: RevocationReason): Promise<Result<CertificateRecord>>;
  /** 一時保留: the certificate is refused until resumed. */
  suspend(serial: string): Promise<Result<CertificateRecord>>;
  resume(serial: string): Promise<Result<CertificateRecord>>;
  /** New key pair, certificate and serial on the card; the old certificate is revoked. */
  renew(cardName: string): Promise<Result<IssuedCard>>;
  status(serial: string): CertificateStatusReport;
  /** Every certificate the CA issued. */
  records(): CertificateRecord[];
}

export interface CaOptions {
  clock: Clock;
  /** The key store's passphrase; default KOFU_CA_PASSPHRASE or dataDir/secrets/ca-passphrase. */
  passphrase?: string;
}

/** Opens the CA of a data directory; throws if it was never created (a set-up bug, not a refusal). */
export const openCertificateAuthority = (dataDir: string, opts: CaOptions): CertificateAuthority => {
  if (!caExists(dataDir)) throw new Error(`no CA under ${pkiPaths(dataDir).dir} (run kofu demo init)`);
  const core = new CaCore(dataDir, opts.clock, () => opts.passphrase ?? resolveCaPassphrase(dataDir));
  return facade(core);
};

/** Creates the CA if absent (key encrypted under the passphrase), then opens it. */
export const createCertificateAuthority = async (
  dataDir: string,
  opts: CaOptions,
): Promise<CertificateAuthority> => {
  const passphrase = opts.passphrase ?? demoPassphrase(dataDir);
  if (!caExists(dataDir)) await createCaFiles(dataDir, opts.clock, passphrase);
  return openCertificateAuthority(dataDir, { ...opts, passphrase });
};

type Change = (r: CertificateRecord, at: string) => string | undefined;

const changeStatus = async (core: CaCore, serialText: string, change: Change) => {
  const serial = normalizeSerial(serialText);
  if (!serial) return refuse('INVALID_REQUEST', { field: 'serial' });
  return core.mutate<Result<CertificateRecord>>((registry) => {
    const record = registry.certificates[serial];
    if (!record) return { value: refuse('CARD_UNKNOWN'), crl: false };
    const problem = change(record, core.clock.now().toISOString());
    if (problem)
      return { value: refuse('INVALID_REQUEST', { field: 'serial', detail: problem }), crl: false };
    return { value: ok({ ...record }), crl: true };
  });
};

const facade = (core: CaCore): CertificateAuthority => ({
  dataDir: core.dataDir,
  caCertificateDer: () => core.caCertificateDer(),
  crlDer: () => new Uint8Array(readFileSync(pkiPaths(core.dataDir).crl)),
  issueCard: (spec) => {
    if (!isCardName(spec.name)) throw new RangeError(`invalid card name ${spec.name}`);
    return personaliseCard(core, { ...spec, issuedAt: spec.issuedAt ?? core.clock.now() });
  },
  revoke: (serial, reason) =>
    changeStatus(core, serial, (r, at) => {
      if (r.status === 'revoked') return 'already revoked';
      r.status = 'revoked';
      r.reason = reason;
      r.revokedAt = at;
      return undefined;
    }),
  suspend: (serial) =>
    changeStatus(core, serial, (r, at) => {
      if (r.status !== 'good') return `cannot suspend a ${r.status} certificate`;
      r.status = 'suspended';
      r.suspendedAt = at;
      return undefined;
    }),
  resume: (serial) =>
    changeStatus(core, serial, (r) => {
      if (r.status !== 'suspended') return `cannot resume a ${r.status} certificate`;
      r.status = 'good';
      delete r.suspendedAt;
      return undefined;
    }),
  renew: async (cardName) => {
    if (!isCardName(cardName)) return refuse('INVALID_REQUEST', { field: 'card' });
    const renewed = await renewCardCertificate(core, cardName, core.clock.now());
    if (renewed === 'unknown-card') return refuse('CARD_UNKNOWN');
    if (renewed === 'revoked') return refuse('CARD_REVOKED');
    return ok(renewed);
  },
  status: (serialText) => statusOf(core.records(), serialText),
  records: () => Object.values(core.records()),
});

/** The status of one serial in a registry's certificates. */
export const statusOf = (
  records: Record<string, CertificateRecord>,
  serialText: string,
): CertificateStatusReport => {
  const serial = normalizeSerial(serialText) ?? serialText;
  const r = records[serial];
  if (!r) return { serial, status: 'unknown' };
  const base = { serial, status: r.status, notAfter: r.notAfter };
  if (r.status === 'revoked')
    return {
      ...base,
      ...(r.reason ? { reason: r.reason } : {}),
      ...(r.revokedAt ? { since: r.revokedAt } : {}),
    };
  if (r.status === 'suspended')
    return { ...base, reason: 'hold', ...(r.suspendedAt ? { since: r.suspendedAt } : {}) };
  return base;
};
