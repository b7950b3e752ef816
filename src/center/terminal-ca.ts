import 'reflect-metadata';
import { createHash, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import type { Clock } from '../domain/japan-time.js';

// The center's own CA: it signs the HTTPS server certificate and every terminal's client
// certificate (mutual TLS). Files live under DATA/center/; private keys are mode 0600.

type CryptoKey = webcrypto.CryptoKey;
const crypto = webcrypto;
const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

export interface CenterCa {
  caPem: string;
  caCert: x509.X509Certificate;
  caKey: CryptoKey;
  serverCertPem: string;
  serverKeyPem: string;
}

export interface IssuedCertificate {
  certPem: string;
  keyPem: string;
  /** SHA-256 hex of the certificate's DER: how the center recognises the terminal. */
  fingerprint: string;
  serial: string;
}

const keyToPem = async (key: CryptoKey): Promise<string> =>
  x509.PemConverter.encode(await crypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');

const pemToKey = async (pem: string): Promise<CryptoKey> =>
  crypto.subtle.importKey('pkcs8', x509.PemConverter.decode(pem)[0]!, EC, true, ['sign']);

const randomSerial = (): string =>
  `01${Buffer.from(crypto.getRandomValues(new Uint8Array(15))).toString('hex')}`;

/** SHA-256 hex of a DER certificate. */
export const certificateFingerprint = (der: Uint8Array | ArrayBuffer): string =>
  createHash('sha256')
    .update(der instanceof Uint8Array ? der : new Uint8Array(der))
    .digest('hex');

/**
 * TLS peers check transport certificates against the machine's real time, not the center's
 * (possibly simulated) clock: a demo first started with `--now` days ahead must not make
 * certificates that are "not yet valid". Transport certificates are therefore valid from two
 * years before the center's clock.
 */
const TLS_BACKDATE_MS = 2 * 365 * DAY;

const writeSecret = (path: string, text: string): void => writeFileSync(path, text, { mode: 0o600 });

const createCa = async (clock: Clock): Promise<{ cert: x509.X509Certificate; key: CryptoKey }> => {
  const keys = await crypto.subtle.generateKey(EC, true, ['sign', 'verify']);
  const now = clock.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(),
      name: 'CN=kofu issuance center terminal CA, O=kofu',
      notBefore: new Date(now.getTime() - TLS_BACKDATE_MS),
      notAfter: new Date(now.getTime() + 20 * 365 * DAY),
      keys,
      signingAlgorithm: SIGN,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  return { cert, key: keys.privateKey };
};

const issueLeaf = async (
  ca: { cert: x509.X509Certificate; key: CryptoKey },
  subject: string,
  usage: 'server' | 'client',
  clock: Clock,
): Promise<IssuedCertificate> => {
  const keys = await crypto.subtle.generateKey(EC, true, ['sign', 'verify']);
  const now = clock.now();
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement, true),
    new x509.ExtendedKeyUsageExtension(
      [usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth],
      false,
    ),
    await x509.AuthorityKeyIdentifierExtension.create(ca.cert, false, crypto),
  ];
  if (usage === 'server') {
    extensions.push(
      new x509.SubjectAlternativeNameExtension([
        { type: 'dns', value: 'localhost' },
        { type: 'ip', value: '127.0.0.1' },
        { type: 'ip', value: '::1' },
      ]),
    );
  }
  const serial = randomSerial();
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: serial,
      subject,
      issuer: ca.cert.subject,
      notBefore: new Date(now.getTime() - TLS_BACKDATE_MS),
      notAfter: new Date(now.getTime() + 10 * 365 * DAY),
      publicKey: keys.publicKey,
      signingKey: ca.key,
      signingAlgorithm: SIGN,
      extensions,
    },
    crypto,
  );
  return {
    certPem: cert.toString('pem'),
    keyPem: await keyToPem(keys.privateKey),
    fingerprint: certificateFingerprint(cert.rawData),
    serial,
  };
};

/** Opens the center CA under DATA/center/, creating it and the server certificate on first use. */
export const openCenterCa = async (dataDir: string, clock: Clock): Promise<CenterCa> => {
  const dir = join(dataDir, 'center');
  mkdirSync(dir, { recursive: true });
  const caPath = join(dir, 'ca.pem');
  const caKeyPath = join(dir, 'ca-key.pem');
  const serverPath = join(dir, 'server.pem');
  const serverKeyPath = join(dir, 'server-key.pem');
  if (!existsSync(caPath) || !existsSync(caKeyPath)) {
    const ca = await createCa(clock);
    writeSecret(caKeyPath, await keyToPem(ca.key));
    writeFileSync(caPath, ca.cert.toString('pem'));
  }
  const caPem = readFileSync(caPath, 'utf8');
  const caCert = new x509.X509Certificate(caPem);
  const caKey = await pemToKey(readFileSync(caKeyPath, 'utf8'));
  if (!existsSync(serverPath) || !existsSync(serverKeyPath)) {
    const server = await issueLeaf(
      { cert: caCert, key: caKey },
      'CN=localhost, O=kofu issuance center',
      'server',
      clock,
    );
    writeSecret(serverKeyPath, server.keyPem);
    writeFileSync(serverPath, server.certPem);
  }
  return {
    caPem,
    caCert,
    caKey,
    serverCertPem: readFileSync(serverPath, 'utf8'),
    serverKeyPem: readFileSync(serverKeyPath, 'utf8'),
  };
};

/** Issues a terminal's client certificate (the terminal ID is its CN). */
export const issueTerminalCertificate = (
  ca: CenterCa,
  terminalId: string,
  clock: Clock,
): Promise<IssuedCertificate> =>
  issueLeaf({ cert: ca.caCert, key: ca.caKey }, `CN=${terminalId}, O=kofu terminal`, 'client', clock);
