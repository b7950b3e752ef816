import { type KeyObject, sign, verify, X509Certificate } from 'node:crypto';
import {
  integerFromHex,
  integerHex,
  oid,
  parseX509Time,
  readChildren,
  readDer,
  seq,
  smallInteger,
  TAG,
  tlv,
  x509Time,
} from './der.js';

/** The DER AlgorithmIdentifier of sha256WithRSAEncryption. */
export const SHA256_WITH_RSA = seq(oid('1.2.840.113549.1.1.11'), tlv(TAG.NULL));
const REASON_CODE = '2.5.29.21';
const CRL_NUMBER = '2.5.29.20';

/** One revoked (or held) certificate in a CRL. */
export interface CrlEntry {
  serial: string;
  revokedAt: Date;
  /** RFC 5280 CRLReason; 6 = certificateHold (一時保留). Omitted for "unspecified". */
  reasonCode?: number;
}

/** The CA facts needed to sign and check CRLs. */
export interface CaIdentity {
  /** DER of the CA certificate's subject Name. */
  subjectDer: Uint8Array;
  publicKey: KeyObject;
}

/** The subject Name and public key of a CA certificate (DER); undefined if unparsable. */
export const caIdentity = (caCertificateDer: Uint8Array): CaIdentity | undefined => {
  const cert = readDer(caCertificateDer);
  const tbs = cert && readChildren(cert)?.[0];
  const fields = tbs && readChildren(tbs);
  if (!fields) return undefined;
  const subject = fields[fields[0]?.tag === TAG.CONTEXT_0 ? 5 : 4];
  if (!subject || subject.tag !== TAG.SEQUENCE) return undefined;
  try {
    return { subjectDer: subject.raw, publicKey: new X509Certificate(caCertificateDer).publicKey };
  } catch {
    return undefined;
  }
};

const extension = (id: string, value: Uint8Array): Uint8Array => seq(oid(id), tlv(TAG.OCTET_STRING, value));

/** Builds and signs a v2 CRL (RFC 5280 §5) with a CRL number and per-entry reason codes. */
export const buildCrl = (opts: {
  issuerDer: Uint8Array;
  signingKey: KeyObject;
  thisUpdate: Date;
  nextUpdate: Date;
  crlNumber: number;
  entries: CrlEntry[];
}): Uint8Array => {
  const revoked = opts.entries.map((e) =>
    e.reasonCode === undefined || e.reasonCode === 0
      ? seq(integerFromHex(e.serial), x509Time(e.revokedAt))
      : seq(
          integerFromHex(e.serial),
          x509Time(e.revokedAt),
          seq(extension(REASON_CODE, tlv(TAG.ENUMERATED, Uint8Array.of(e.reasonCode)))),
        ),
  );
  const tbs = seq(
    smallInteger(1),
    SHA256_WITH_RSA,
    opts.issuerDer,
    x509Time(opts.thisUpdate),
    x509Time(opts.nextUpdate),
    ...(revoked.length ? [seq(...revoked)] : []),
    tlv(TAG.CONTEXT_0, seq(extension(CRL_NUMBER, smallInteger(opts.crlNumber)))),
  );
  const signature = sign('sha256', tbs, opts.signingKey);
  return seq(tbs, SHA256_WITH_RSA, tlv(TAG.BIT_STRING, Uint8Array.of(0), signature));
};

/** A CRL whose signature and issuer were checked. */
export interface ParsedCrl {
  thisUpdate: Date;
  nextUpdate?: Date;
  /** serial (upper-case hex) → reason code (0 when none given). */
  entries: Map<string, number>;
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;

/** Parses a CRL and checks it was signed by the CA; undefined for anything else, never throws. */
export const parseCrl = (der: Uint8Array, ca: CaIdentity): ParsedCrl | undefined => {
  try {
    return parseCrlUnsafe(der, ca);
  } catch {
    return undefined;
  }
};

const parseCrlUnsafe = (der: Uint8Array, ca: CaIdentity): ParsedCrl | undefined => {
  const top = readDer(der);
  if (!top || top.tag !== TAG.SEQUENCE || top.raw.length !== der.length) return undefined;
  const [tbs, alg, sig] = readChildren(top) ?? [];
  if (!tbs || !alg || !sig || tbs.tag !== TAG.SEQUENCE || sig.tag !== TAG.BIT_STRING) return undefined;
  if (!sameBytes(alg.raw, SHA256_WITH_RSA) || sig.content[0] !== 0) return undefined;
  if (!verify('sha256', tbs.raw, ca.publicKey, sig.content.subarray(1))) return undefined;
  const fields = readChildren(tbs);
  if (!fields) return undefined;
  let i = fields[0]?.tag === TAG.INTEGER ? 1 : 0;
  i++; // inner signature algorithm
  const issuer = fields[i++];
  if (!issuer || !sameBytes(issuer.raw, ca.subjectDer)) return undefined;
  const thisUpdate = fields[i] && parseX509Time(fields[i++]!);
  if (!thisUpdate) return undefined;
  let nextUpdate: Date | undefined;
  const maybeNext = fields[i];
  if (maybeNext && (maybeNext.tag === TAG.UTC_TIME || maybeNext.tag === TAG.GENERALIZED_TIME)) {
    nextUpdate = parseX509Time(maybeNext);
    i++;
  }
  const entries = new Map<string, number>();
  const list = fields[i];
  if (list && list.tag === TAG.SEQUENCE) {
    for (const entry of readChildren(list) ?? []) {
      const [serial, , exts] = readChildren(entry) ?? [];
      if (!serial || serial.tag !== TAG.INTEGER) return undefined;
      entries.set(integerHex(serial), exts ? reasonOf(exts.content) : 0);
    }
  }
  return nextUpdate ? { thisUpdate, nextUpdate, entries } : { thisUpdate, entries };
};

const REASON_OID = oid(REASON_CODE);

const reasonOf = (extensionsContent: Uint8Array): number => {
  for (const ext of readChildren({ tag: TAG.SEQUENCE, content: extensionsContent, raw: extensionsContent }) ??
    []) {
    const [id, value] = readChildren(ext) ?? [];
    if (id && value && sameBytes(id.raw, REASON_OID)) {
      const inner = readDer(value.content);
      if (inner?.tag === TAG.ENUMERATED) return inner.content[0] ?? 0;
    }
  }
  return 0;
};
