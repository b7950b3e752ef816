import { generateKeyPair, type KeyObject, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Clock, PlainDate } from '../domain/japan-time.js';
import { decryptPrivateKey, encryptPrivateKey, resolveCaPassphrase } from './ca-keystore.js';
import { buildCrl, type CrlEntry, caIdentity } from './crl.js';
import { withFileLock } from './file-lock.js';
import { writeFileAtomic } from './fs-atomic.js';
import { pkiPaths } from './paths.js';
import {
  CERTIFICATE_HOLD,
  type CertificateRecord,
  CRL_REASON_CODE,
  emptyRegistry,
  type Registry,
  readRegistry,
  writeRegistry,
} from './registry.js';
import { newSerial } from './serial.js';
import { certificateNotAfter } from './validity.js';
import { x509 } from './x509-setup.js';

const generate = promisify(generateKeyPair);
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const YEAR_MS = 365.25 * 86_400_000;
const CRL_LIFETIME_MS = 86_400_000;

/** A fresh RSA-2048 key pair (async: runs on the thread pool, so many can be made at once). */
export const generateRsaKeyPair = (): Promise<{ publicKey: KeyObject; privateKey: KeyObject }> =>
  generate('rsa', { modulusLength: 2048, publicExponent: 0x10001 });

const toCryptoKey = (key: KeyObject): Promise<webcrypto.CryptoKey> =>
  key.type === 'private'
    ? webcrypto.subtle.importKey('pkcs8', key.export({ type: 'pkcs8', format: 'der' }), RSA, false, ['sign'])
    : webcrypto.subtle.importKey('spki', key.export({ type: 'spki', format: 'der' }), RSA, true, ['verify']);

/** Whether a CA exists under the data directory. */
export const caExists = (dataDir: string): boolean => existsSync(pkiPaths(dataDir).caCertificate);

/** Creates the CA (RSA-2048, SHA-256, self-signed) with its encrypted key store, registry and empty CRL. */
export const createCaFiles = async (dataDir: string, clock: Clock, passphrase: string): Promise<void> => {
  const paths = pkiPaths(dataDir);
  mkdirSync(paths.dir, { recursive: true });
  const keys = await generateRsaKeyPair();
  const now = clock.now().getTime();
  const publicKey = await toCryptoKey(keys.publicKey);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: newSerial(),
    name: 'C=JP, O=kofu, CN=kofu JPKI User Authentication CA (demo)',
    // Backdated so that the demo's expired card (issued years ago) chains to it.
    notBefore: new Date(now - 10 * YEAR_MS),
    notAfter: new Date(now + 20 * YEAR_MS),
    keys: { publicKey, privateKey: await toCryptoKey(keys.privateKey) },
    signingAlgorithm: RSA,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
    ],
  });
  writeFileAtomic(paths.caKey, encryptPrivateKey(keys.privateKey, passphrase), 0o600);
  writeFileAtomic(paths.caCertificate, new Uint8Array(ca.rawData), 0o644);
  const registry = emptyRegistry();
  writeRegistry(dataDir, registry);
  await publishCrl(dataDir, clock, registry, keys.privateKey);
};

/** Signs and writes the CRL of the registry's revoked and held certificates (bumps the CRL number). */
const publishCrl = async (dataDir: string, clock: Clock, registry: Registry, key: KeyObject) => {
  const paths = pkiPaths(dataDir);
  const identity = caIdentity(readFileSync(paths.caCertificate));
  if (!identity) throw new Error('CA certificate is damaged');
  const entries: CrlEntry[] = [];
  for (const r of Object.values(registry.certificates)) {
    if (r.status === 'revoked')
      entries.push({
        serial: r.serial,
        revokedAt: new Date(r.revokedAt ?? r.notBefore),
        reasonCode: CRL_REASON_CODE[r.reason ?? 'request'],
      });
    else if (r.status === 'suspended')
      entries.push({
        serial: r.serial,
        revokedAt: new Date(r.suspendedAt ?? r.notBefore),
        reasonCode: CERTIFICATE_HOLD,
      });
  }
  registry.crlNumber += 1;
  const now = clock.now();
  const der = buildCrl({
    issuerDer: identity.subjectDer,
    signingKey: key,
    thisUpdate: now,
    nextUpdate: new Date(now.getTime() + CRL_LIFETIME_MS),
    crlNumber: registry.crlNumber,
    entries,
  });
  // CRL first: a crash in between leaves the center refusing a certificate the registry still
  // calls good, never the reverse.
  writeFileAtomic(paths.crl, der, 0o644);
  writeRegistry(dataDir, registry);
};

/** The CA's signing side: issues certificates and changes their status, under the CA lock. */
export class CaCore {
  private key: KeyObject | undefined;

  constructor(
    readonly dataDir: string,
    readonly clock: Clock,
    private readonly passphrase: () => string | undefined = () => resolveCaPassphrase(dataDir),
  ) {}

  /** The CA certificate (DER). */
  caCertificateDer(): Uint8Array {
    return new Uint8Array(readFileSync(pkiPaths(this.dataDir).caCertificate));
  }

  /** Every certificate the CA issued, by serial. */
  records(): Record<string, CertificateRecord> {
    return readRegistry(this.dataDir)?.certificates ?? {};
  }

  private signingKey(): KeyObject {
    if (this.key) return this.key;
    const pass = this.passphrase();
    if (!pass) throw new Error('CA key passphrase not available (set KOFU_CA_PASSPHRASE)');
    this.key = decryptPrivateKey(readFileSync(pkiPaths(this.dataDir).caKey, 'utf8'), pass);
    return this.key;
  }

  /** Runs a read-modify-write of the registry under the CA lock, republishing the CRL if asked. */
  async mutate<T>(fn: (registry: Registry) => { value: T; crl: boolean }): Promise<T> {
    return withFileLock(pkiPaths(this.dataDir).lock, async () => {
      const registry = readRegistry(this.dataDir) ?? emptyRegistry();
      const { value, crl } = fn(registry);
      if (crl) await publishCrl(this.dataDir, this.clock, registry, this.signingKey());
      else writeRegistry(this.dataDir, registry);
      return value;
    });
  }

  /** Issues a user-authentication certificate for a public key (validity: 5th birthday after issue). */
  async issue(req: {
    holder: string;
    birthDate: PlainDate;
    issuedAt: Date;
    publicKey: KeyObject;
    card?: string;
  }): Promise<{ record: CertificateRecord; certificateDer: Uint8Array }> {
    const caDer = this.caCertificateDer();
    const ca = new x509.X509Certificate(caDer);
    const signingKey = await toCryptoKey(this.signingKey());
    const publicKey = await toCryptoKey(req.publicKey);
    const notAfter = certificateNotAfter(req.birthDate, req.issuedAt);
    const existing = readRegistry(this.dataDir)?.certificates ?? {};
    let serial = newSerial();
    while (existing[serial]) serial = newSerial();
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial,
      // No personal data: the real user certificate names nobody either.
      subject: `C=JP, O=kofu JPKI, CN=${serial}`,
      issuer: ca.subject,
      notBefore: req.issuedAt,
      notAfter,
      publicKey,
      signingKey,
      signingAlgorithm: RSA,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth], false),
        await x509.AuthorityKeyIdentifierExtension.create(ca),
        await x509.SubjectKeyIdentifierExtension.create(publicKey),
      ],
    });
    const record: CertificateRecord = {
      serial,
      holder: req.holder,
      birthDate: req.birthDate,
      ...(req.card ? { card: req.card } : {}),
      notBefore: req.issuedAt.toISOString(),
      notAfter: notAfter.toISOString(),
      status: 'good',
    };
    await this.mutate((registry) => {
      registry.certificates[serial] = record;
      return { value: undefined, crl: false };
    });
    return { record, certificateDer: new Uint8Array(cert.rawData) };
  }
}

/** Reads the CA passphrase file or env, creating a random one for a demo installation. */
export const demoPassphrase = (dataDir: string): string => {
  // A new passphrase only for a new CA: an existing key needs the one it was encrypted with.
  const pass = resolveCaPassphrase(dataDir, { create: !caExists(dataDir) });
  if (!pass) throw new Error('CA key passphrase not available (set KOFU_CA_PASSPHRASE)');
  return pass;
};
