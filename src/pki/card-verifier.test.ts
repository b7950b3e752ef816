import assert from 'node:assert/strict';
import { createPrivateKey, sign } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { parseJapanIso } from '../domain/japan-time.js';
import { findCardSummary, openVirtualCard } from './card-admin.js';
import { readCardFile } from './card-file.js';
import { cardIssuedTodayRefusal, createCardVerifier } from './card-verifier.js';
import { InMemoryChallengeStore, issueChallenge } from './challenge.js';
import { authenticateWithCard } from './kiosk-auth.js';
import { cardPath } from './paths.js';
import { fileCrlSource, RevocationChecker } from './revocation-checker.js';
import { createTestPki, type TestPki } from './testing.js';

let t: TestPki;
let other: TestPki;
before(async () => {
  [t, other] = await Promise.all([
    createTestPki([
      { name: 'good', pin: '1234', birthDate: '1980-02-29', issuedAt: '2025-04-01T10:00' },
      { name: 'rev', pin: '1234' },
      { name: 'sus', pin: '1234' },
      { name: 'ren', pin: '1234' },
      { name: 'today', pin: '1234', issuedAt: '2026-11-25T09:00' },
      { name: 'old', pin: '1234', birthDate: '1980-06-15', issuedAt: '2020-01-10T10:00' },
    ]),
    createTestPki([{ name: 'foreign', pin: '1234' }]),
  ]);
});
after(() => {
  t.cleanup();
  other.cleanup();
});

const setup = (refreshMs = 60_000) => {
  const challenges = new InMemoryChallengeStore(t.clock);
  const caCertificateDer = t.ca.caCertificateDer();
  const revocation = new RevocationChecker({
    source: fileCrlSource(t.crlPath),
    caCertificateDer,
    clock: t.clock,
    refreshMs,
  });
  const verifier = createCardVerifier({ caCertificateDer, revocation, challenges, clock: t.clock });
  /** One kiosk login: challenge from the center, card signs, center verifies. */
  const login = async (dataDir: string, name: string, pin = '1234') => {
    const ch = await issueChallenge({ challenges, clock: t.clock });
    const signed = await authenticateWithCard(openVirtualCard(dataDir, name), pin, ch.challenge);
    assert.ok(signed.ok, 'the card signs');
    return verifier.verify({ challengeId: ch.id, ...signed.value });
  };
  return { challenges, verifier, login };
};

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error?.code);

describe('verifyCardAuthentication', () => {
  it('accepts a good card and returns its serial, issue date and end of validity', async () => {
    const { login } = setup();
    const r = await login(t.dataDir, 'good');
    assert.deepEqual(r, {
      ok: true,
      value: {
        serial: findCardSummary(t.dataDir, 'good')!.serial,
        issuedOn: '2025-04-01',
        // Born on 29 February: the 5th birthday after issue falls on 28 February 2030.
        notAfter: '2030-02-28T23:59:59+09:00',
      },
    });
  });

  it('refuses a replayed and an expired challenge', async () => {
    const { challenges, verifier } = setup();
    const ch = await issueChallenge({ challenges, clock: t.clock });
    assert.equal(ch.challenge.length, 32);
    const signed = await authenticateWithCard(openVirtualCard(t.dataDir, 'good'), '1234', ch.challenge);
    assert.ok(signed.ok);
    assert.equal(code(await verifier.verify({ challengeId: ch.id, ...signed.value })), 'OK');
    assert.equal(code(await verifier.verify({ challengeId: ch.id, ...signed.value })), 'INVALID_REQUEST');
    const late = await issueChallenge({ challenges, clock: t.clock });
    const signedLate = await authenticateWithCard(openVirtualCard(t.dataDir, 'good'), '1234', late.challenge);
    assert.ok(signedLate.ok);
    t.clock.advance(60_000);
    assert.equal(
      code(await verifier.verify({ challengeId: late.id, ...signedLate.value })),
      'SESSION_EXPIRED',
    );
  });

  it('refuses a certificate from another CA, a tampered signature and a tampered certificate', async () => {
    const { login, challenges, verifier } = setup();
    assert.equal(code(await login(other.dataDir, 'foreign')), 'CARD_UNKNOWN');
    const ch = await issueChallenge({ challenges, clock: t.clock });
    const signed = await authenticateWithCard(openVirtualCard(t.dataDir, 'good'), '1234', ch.challenge);
    assert.ok(signed.ok);
    const signature = Uint8Array.from(signed.value.signature);
    signature[100]! ^= 0x01;
    assert.equal(
      code(await verifier.verify({ challengeId: ch.id, ...signed.value, signature })),
      'CARD_UNKNOWN',
    );
    const ch2 = await issueChallenge({ challenges, clock: t.clock });
    // A signature over another challenge (a replay of an old login) does not match.
    assert.equal(code(await verifier.verify({ challengeId: ch2.id, ...signed.value })), 'CARD_UNKNOWN');
    const ch3 = await issueChallenge({ challenges, clock: t.clock });
    const cert = Uint8Array.from(signed.value.certificateDer);
    cert[cert.length - 300]! ^= 0x40;
    const r = await verifier.verify({
      challengeId: ch3.id,
      certificateDer: cert,
      signature: signed.value.signature,
    });
    assert.equal(code(r), 'CARD_UNKNOWN');
  });

  it('refuses an expired certificate', async () => {
    const { login } = setup();
    assert.equal(code(await login(t.dataDir, 'old')), 'CARD_EXPIRED');
  });

  it('learns a revocation and a suspension within refreshMs, and a resumption too', async () => {
    const { login } = setup(60_000);
    assert.equal(code(await login(t.dataDir, 'rev')), 'OK');
    assert.equal(code(await login(t.dataDir, 'sus')), 'OK');
    assert.equal((await t.ca.revoke(findCardSummary(t.dataDir, 'rev')!.serial, 'death')).ok, true);
    const sus = findCardSummary(t.dataDir, 'sus')!.serial;
    assert.equal((await t.ca.suspend(sus)).ok, true);
    t.clock.advance(59_000);
    assert.equal(code(await login(t.dataDir, 'rev')), 'OK', 'the CRL is cached for up to refreshMs');
    t.clock.advance(1_000);
    assert.deepEqual(await login(t.dataDir, 'rev'), {
      ok: false,
      error: { code: 'CARD_REVOKED', detail: 'revoked' },
    });
    assert.deepEqual(await login(t.dataDir, 'sus'), {
      ok: false,
      error: { code: 'CARD_REVOKED', detail: 'suspended' },
    });
    assert.equal((await t.ca.resume(sus)).ok, true);
    const fast = setup(5_000);
    assert.equal(code(await fast.login(t.dataDir, 'sus')), 'OK');
    assert.equal((await t.ca.suspend(sus)).ok, true);
    t.clock.advance(5_000);
    assert.equal(code(await fast.login(t.dataDir, 'sus')), 'CARD_REVOKED', 'a shorter bound is honoured');
  });

  it('gives a renewed card a new serial and refuses the old certificate', async () => {
    const { login, challenges, verifier } = setup(1_000);
    const before = readCardFile(cardPath(t.dataDir, 'ren'))!;
    const oldSerial = findCardSummary(t.dataDir, 'ren')!.serial;
    assert.equal(code(await login(t.dataDir, 'ren')), 'OK');
    const renewed = await t.ca.renew('ren');
    assert.ok(renewed.ok);
    assert.notEqual(renewed.value.serial, oldSerial);
    assert.equal(renewed.value.previousSerial, oldSerial);
    t.clock.advance(1_000);
    const r = await login(t.dataDir, 'ren');
    assert.equal(r.ok && r.value.serial, renewed.value.serial);
    // Someone who kept the old certificate and key is refused.
    const ch = await issueChallenge({ challenges, clock: t.clock });
    const oldKey = createPrivateKey({
      key: Buffer.from(before.userKey, 'base64'),
      format: 'der',
      type: 'pkcs8',
    });
    const old = await verifier.verify({
      challengeId: ch.id,
      certificateDer: Buffer.from(before.userCertificate, 'base64'),
      signature: sign('sha256', ch.challenge, oldKey),
    });
    assert.equal(code(old), 'CARD_REVOKED');
    assert.equal(t.ca.status(oldSerial).status, 'revoked');
  });

  it('passes a card issued today with issuedOn so that eligibility refuses it until tomorrow', async () => {
    const { login } = setup();
    t.clock.set('2026-11-25T12:00');
    const r = await login(t.dataDir, 'today');
    assert.ok(r.ok);
    assert.equal(r.value.issuedOn, '2026-11-25');
    assert.deepEqual(cardIssuedTodayRefusal(r.value.issuedOn, t.clock.now()), {
      ok: false,
      error: { code: 'CARD_ISSUED_TODAY', nextOpen: '2026-11-26T00:00:00+09:00' },
    });
    assert.equal(cardIssuedTodayRefusal(r.value.issuedOn, parseJapanIso('2026-11-26T00:00')!), undefined);
  });

  it('refuses with SERVICE_UNAVAILABLE when no valid CRL can be had', async () => {
    const challenges = new InMemoryChallengeStore();
    const caCertificateDer = t.ca.caCertificateDer();
    const sources = [
      async () => {
        throw new Error('down');
      },
      async () => new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]),
      async () => other.ca.crlDer(),
    ];
    for (const source of sources) {
      const revocation = new RevocationChecker({ source, caCertificateDer, clock: t.clock });
      const verifier = createCardVerifier({ caCertificateDer, revocation, challenges, clock: t.clock });
      const ch = await issueChallenge({ challenges, clock: t.clock });
      const signed = await authenticateWithCard(openVirtualCard(t.dataDir, 'good'), '1234', ch.challenge);
      assert.ok(signed.ok);
      assert.equal(
        code(await verifier.verify({ challengeId: ch.id, ...signed.value })),
        'SERVICE_UNAVAILABLE',
      );
    }
  });

  it('never throws on fuzzed certificates, signatures and inputs', async () => {
    const { challenges, verifier } = setup();
    const ch0 = await issueChallenge({ challenges, clock: t.clock });
    const signed = await authenticateWithCard(openVirtualCard(t.dataDir, 'good'), '1234', ch0.challenge);
    assert.ok(signed.ok);
    const cert = signed.value.certificateDer;
    const mutated = fc
      .tuple(fc.nat({ max: cert.length - 1 }), fc.integer({ min: 1, max: 255 }))
      .map(([i, x]) => {
        const c = Uint8Array.from(cert);
        c[i]! ^= x;
        return c;
      });
    const certs = fc.oneof(fc.uint8Array({ maxLength: 2000 }), mutated, fc.constant(cert.subarray(0, 500)));
    await fc.assert(
      fc.asyncProperty(certs, fc.uint8Array({ maxLength: 300 }), async (certificateDer, signature) => {
        const ch = await issueChallenge({ challenges, clock: t.clock });
        const r = await verifier.verify({ challengeId: ch.id, certificateDer, signature });
        assert.equal(r.ok, false);
      }),
      { numRuns: 300 },
    );
    const junk = [
      null,
      42,
      'x',
      {},
      { challengeId: 5 },
      { challengeId: 'a', certificateDer: 'b', signature: [] },
    ];
    for (const input of junk) {
      // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong types from an untyped caller
      const r = await verifier.verify(input as any);
      assert.equal(code(r), 'INVALID_REQUEST');
    }
  });
});

describe('RevocationChecker on a fresh center', () => {
  it('answers concurrent first look-ups from the one CRL load under way, not "unavailable"', async () => {
    let fetches = 0;
    const slow = async () => {
      fetches += 1;
      await new Promise((r) => setTimeout(r, 50));
      return t.ca.crlDer();
    };
    const checker = new RevocationChecker({
      source: slow,
      caCertificateDer: t.ca.caCertificateDer(),
      clock: t.clock,
    });
    const states = await Promise.all(Array.from({ length: 8 }, () => checker.status('00')));
    assert.deepEqual(new Set(states), new Set(['good']));
    assert.equal(fetches, 1, 'one fetch for all eight');
  });
});
