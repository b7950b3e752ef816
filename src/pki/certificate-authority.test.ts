import assert from 'node:assert/strict';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import { decryptPrivateKey } from './ca-keystore.js';
import { findCardSummary, listCards } from './card-admin.js';
import { readCardFile } from './card-file.js';
import { buildCrl, caIdentity, parseCrl } from './crl.js';
import { pkiRoutes } from './http.js';
import { cardPath, pkiPaths } from './paths.js';
import { httpCrlSource, RevocationChecker } from './revocation-checker.js';
import { newSerial } from './serial.js';
import { createTestPki, type TestPki } from './testing.js';
import { x509 } from './x509-setup.js';

let t: TestPki;
before(async () => {
  t = await createTestPki([
    { name: 'one', pin: '1234', birthDate: '1975-03-03' },
    { name: 'two', pin: '2345' },
  ]);
});
after(() => t.cleanup());

describe('the certificate authority', () => {
  it('issues RSA-2048 sha256WithRSA user certificates with a unique serial and no personal data', () => {
    const one = readCardFile(cardPath(t.dataDir, 'one'))!;
    const two = readCardFile(cardPath(t.dataDir, 'two'))!;
    const der = Buffer.from(one.userCertificate, 'base64');
    const cert = new x509.X509Certificate(der);
    const node = new X509Certificate(der);
    assert.equal(node.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
    assert.deepEqual(cert.signatureAlgorithm, { name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } });
    assert.equal(cert.getExtension(x509.KeyUsagesExtension)?.usages, x509.KeyUsageFlags.digitalSignature);
    assert.deepEqual(
      [...(cert.getExtension(x509.ExtendedKeyUsageExtension)?.usages ?? [])],
      [x509.ExtendedKeyUsage.clientAuth],
    );
    assert.equal(cert.subject, `C=JP, O=kofu JPKI, CN=${node.serialNumber}`);
    assert.ok(!/one|1975/.test(cert.subject));
    assert.notEqual(
      node.serialNumber,
      new X509Certificate(Buffer.from(two.userCertificate, 'base64')).serialNumber,
    );
    assert.equal(cert.notAfter.toISOString(), '2030-03-03T14:59:59.000Z', '5th birthday after 2025-04-01');
    const ca = new X509Certificate(t.ca.caCertificateDer());
    assert.ok(ca.ca && node.checkIssued(ca) && node.verify(ca.publicKey));
  });

  it('keeps the CA key encrypted at rest and needs the passphrase', () => {
    const text = readFileSync(pkiPaths(t.dataDir).caKey, 'utf8');
    assert.ok(!text.includes('PRIVATE KEY') && !text.includes('MII'), 'no clear PKCS#8');
    assert.throws(() => decryptPrivateKey(text, 'wrong passphrase'));
    assert.equal(decryptPrivateKey(text, 'test passphrase').asymmetricKeyType, 'rsa');
  });

  it('revokes, suspends and resumes, with a status look-up and a signed CRL', async () => {
    const serial = findCardSummary(t.dataDir, 'two')!.serial;
    const identity = caIdentity(t.ca.caCertificateDer())!;
    assert.equal(t.ca.status(serial).status, 'good');
    assert.equal((await t.ca.suspend(serial)).ok, true);
    assert.deepEqual(
      { ...t.ca.status(serial), since: undefined },
      {
        serial,
        status: 'suspended',
        reason: 'hold',
        since: undefined,
        notAfter: t.ca.status(serial).notAfter,
      },
    );
    assert.equal(parseCrl(t.ca.crlDer(), identity)?.entries.get(serial), 6);
    assert.equal((await t.ca.resume(serial)).ok, true);
    assert.equal(parseCrl(t.ca.crlDer(), identity)?.entries.has(serial), false);
    assert.equal((await t.ca.resume(serial)).ok, false, 'only a suspended certificate resumes');
    assert.equal((await t.ca.revoke(serial, 'loss')).ok, true);
    assert.equal(parseCrl(t.ca.crlDer(), identity)?.entries.get(serial), 1);
    assert.equal((await t.ca.revoke(serial, 'loss')).ok, false);
    assert.deepEqual(await t.ca.revoke('ABCDEF', 'death'), { ok: false, error: { code: 'CARD_UNKNOWN' } });
    assert.equal(t.ca.status('ABCDEF').status, 'unknown');
    assert.equal(findCardSummary(t.dataDir, 'two')?.status, 'revoked');
    assert.deepEqual(
      listCards(t.dataDir).map((c) => c.name),
      ['one', 'two'],
    );
  });

  it('builds and reads a CRL of 10,000 entries quickly, and rejects one signed by another key', () => {
    const identity = caIdentity(t.ca.caCertificateDer())!;
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const entries = Array.from({ length: 10_000 }, (_, i) => ({
      serial: newSerial(),
      revokedAt: new Date(),
      ...(i % 3 ? { reasonCode: i % 2 ? 6 : 5 } : {}),
    }));
    const key = decryptPrivateKey(readFileSync(pkiPaths(t.dataDir).caKey, 'utf8'), 'test passphrase');
    const base = {
      issuerDer: identity.subjectDer,
      thisUpdate: new Date(),
      nextUpdate: new Date(),
      crlNumber: 7,
    };
    const started = performance.now();
    const der = buildCrl({ ...base, entries, signingKey: key });
    const parsed = parseCrl(der, identity);
    assert.ok(performance.now() - started < 2000);
    assert.equal(parsed?.entries.size, 10_000);
    assert.equal(parsed?.entries.get(entries[1]!.serial), 6);
    assert.equal(parsed?.entries.get(entries[0]!.serial), 0);
    // Also readable by a general X.509 library.
    assert.equal(
      new x509.X509Crl(buildCrl({ ...base, entries: entries.slice(0, 5), signingKey: key })).entries.length,
      5,
    );
    assert.equal(parseCrl(buildCrl({ ...base, entries, signingKey: other.privateKey }), identity), undefined);
    assert.equal(parseCrl(der.subarray(0, der.length - 1), identity), undefined);
  });

  it('publishes the CA certificate, the CRL and one serial status over HTTP', async () => {
    const app = Fastify();
    await app.register(pkiRoutes, { dataDir: t.dataDir });
    const ca = await app.inject('/pki/ca.der');
    assert.equal(ca.statusCode, 200);
    assert.equal(ca.headers['content-type'], 'application/pkix-cert');
    assert.deepEqual(new Uint8Array(ca.rawPayload), t.ca.caCertificateDer());
    const crl = await app.inject('/pki/crl.der');
    assert.equal(crl.headers['content-type'], 'application/pkix-crl');
    assert.ok(parseCrl(new Uint8Array(crl.rawPayload), caIdentity(t.ca.caCertificateDer())!));
    const serial = findCardSummary(t.dataDir, 'one')!.serial;
    assert.equal((await app.inject(`/pki/status/${serial.toLowerCase()}`)).json().status, 'good');
    assert.equal((await app.inject('/pki/status/00ABCD')).json().status, 'unknown');
    const bad = await app.inject('/pki/status/not-hex');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'INVALID_REQUEST');
    // The center reads the published CRL over real HTTP.
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const checker = new RevocationChecker({
      source: httpCrlSource(`${url}/pki/crl.der`),
      caCertificateDer: t.ca.caCertificateDer(),
      clock: t.clock,
    });
    assert.equal(await checker.status(findCardSummary(t.dataDir, 'two')!.serial), 'revoked');
    assert.equal(await checker.status(serial), 'good');
    await app.close();
  });
});
