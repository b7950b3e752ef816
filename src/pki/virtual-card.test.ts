import assert from 'node:assert/strict';
import { createHash, verify, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { APDU, EF, SHA256_DIGEST_INFO_PREFIX, SW, splitResponse } from './apdu.js';
import { findCardSummary, openVirtualCard, resetCardPin } from './card-admin.js';
import { authenticateWithCard, readCardCertificate } from './kiosk-auth.js';
import { createTestPki, type TestPki } from './testing.js';
import type { VirtualCard } from './virtual-card.js';

let t: TestPki;
before(async () => {
  t = await createTestPki([
    { name: 'alice', pin: '1234' },
    { name: 'bob', pin: '2345' },
    { name: 'carol', pin: '3456' },
    { name: 'dave', pin: '4567' },
  ]);
});
after(() => t.cleanup());

const sw = async (card: VirtualCard, command: Uint8Array): Promise<number> =>
  splitResponse(await card.transmit(command))!.sw;
const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/ /g, ''), 'hex'));
const digestInfo = (data: Uint8Array) =>
  Buffer.concat([SHA256_DIGEST_INFO_PREFIX, createHash('sha256').update(data).digest()]);

describe('virtual card APDUs (SPEC §7, as OpenSC card-jpki.c sends them)', () => {
  it('selects the JPKI AP by its AID and the EFs by file ID', async () => {
    const card = openVirtualCard(t.dataDir, 'alice');
    assert.equal(await sw(card, hex('00 A4 04 0C 0A D392F000260100000001')), 0x9000);
    assert.equal(await sw(card, hex('00 A4 02 0C 02 000A')), 0x9000);
    assert.equal(await sw(card, hex('00 A4 02 0C 02 0099')), SW.FILE_NOT_FOUND);
    assert.equal(await sw(card, hex('00 A4 04 0C 05 A000000001')), SW.FILE_NOT_FOUND);
  });

  it('refuses EFs before the AP, unknown CLA/INS, and bad lengths with their status words', async () => {
    const card = openVirtualCard(t.dataDir, 'alice');
    assert.equal(await sw(card, APDU.selectEf(EF.USER_CERTIFICATE)), SW.FILE_NOT_FOUND);
    assert.equal(await sw(card, APDU.readBinary(0, 4)), SW.NO_CURRENT_EF);
    assert.equal(await sw(card, hex('00 CA 00 00 00')), SW.INS_NOT_SUPPORTED);
    assert.equal(await sw(card, hex('B0 A4 04 0C 0A D392F000260100000001')), SW.CLA_NOT_SUPPORTED);
    assert.equal(await sw(card, hex('00 2A 00 80 01 00 00')), SW.CLA_NOT_SUPPORTED);
    assert.equal(await sw(card, hex('00 A4 04')), SW.WRONG_LENGTH);
    assert.equal(await sw(card, hex('00 A4 04 0C 0A D392F0')), SW.WRONG_LENGTH);
    assert.equal(await sw(card, hex('00 A4 04 0C 00 0001 00')), SW.WRONG_LENGTH);
    assert.equal(await sw(card, hex('00 A4 07 0C 02 000A')), SW.INCORRECT_P1P2);
  });

  it('reads the user and CA certificates with READ BINARY in chunks', async () => {
    const card = openVirtualCard(t.dataDir, 'alice');
    await card.transmit(APDU.selectJpkiAp());
    const user = await readCardCertificate(card, EF.USER_CERTIFICATE);
    const caCert = await readCardCertificate(card, EF.CA_CERTIFICATE);
    assert.ok(user.length > 256, 'needs several chunks');
    assert.ok(new X509Certificate(user).checkIssued(new X509Certificate(caCert)));
    assert.deepEqual(caCert, t.ca.caCertificateDer());
    assert.equal(await sw(card, APDU.readBinary(user.length + 1, 1)), SW.WRONG_PARAMETERS);
    assert.equal(await sw(card, APDU.selectEf(EF.USER_KEY)), 0x9000);
    assert.equal(await sw(card, APDU.readBinary(0, 0)), SW.INCOMPATIBLE_FILE, 'the key is never readable');
  });

  it('signs only after VERIFY in the same session, with EF 0017 selected', async () => {
    const card = openVirtualCard(t.dataDir, 'alice');
    const di = digestInfo(Buffer.from('challenge'));
    await card.transmit(APDU.selectJpkiAp());
    await card.transmit(APDU.selectEf(EF.USER_KEY));
    assert.equal(await sw(card, APDU.computeSignature(di)), SW.SECURITY_NOT_SATISFIED);
    await card.transmit(APDU.selectEf(EF.USER_PIN));
    assert.equal(await sw(card, APDU.verify('1234')), 0x9000);
    assert.equal(await sw(card, APDU.computeSignature(di)), SW.CONDITIONS_NOT_SATISFIED, 'EF 0018 selected');
    await card.transmit(APDU.selectEf(EF.USER_KEY));
    const r = splitResponse(await card.transmit(APDU.computeSignature(di)))!;
    assert.equal(r.sw, 0x9000);
    const cert = new X509Certificate(Buffer.from(findCardCert(card)));
    assert.ok(verify('sha256', Buffer.from('challenge'), cert.publicKey, r.data));
    // Taking the card off ends the session: the next session must VERIFY again.
    card.remove();
    await assert.rejects(card.transmit(APDU.selectJpkiAp()), { name: 'CardRemovedError' });
    card.insert();
    await card.transmit(APDU.selectJpkiAp());
    await card.transmit(APDU.selectEf(EF.USER_KEY));
    assert.equal(await sw(card, APDU.computeSignature(di)), SW.SECURITY_NOT_SATISFIED);
  });

  it('locks after 3 wrong PINs (63C2, 63C1, 63C0, then 6983) and reports tries with an empty VERIFY', async () => {
    const card = openVirtualCard(t.dataDir, 'bob');
    await card.transmit(APDU.selectJpkiAp());
    await card.transmit(APDU.selectEf(EF.USER_PIN));
    assert.equal(await sw(card, APDU.verify()), 0x63c3);
    assert.equal(await sw(card, APDU.verify('0000')), 0x63c2);
    assert.equal(await sw(card, APDU.verify('0001')), 0x63c1);
    assert.equal(await sw(card, APDU.verify()), 0x63c1);
    assert.equal(await sw(card, APDU.verify('0002')), 0x63c0);
    assert.equal(await sw(card, APDU.verify('2345')), SW.AUTH_BLOCKED, 'even the right PIN');
    assert.equal(await sw(card, APDU.verify()), 0x63c0);
    // The counter lives on the card: another kiosk sees it locked.
    const elsewhere = openVirtualCard(t.dataDir, 'bob');
    const r = await authenticateWithCard(elsewhere, '2345', Buffer.from('x'));
    assert.deepEqual(r, { ok: false, error: { code: 'PIN_LOCKED' } });
    assert.equal(findCardSummary(t.dataDir, 'bob')?.pin.locked, true);
  });

  it('resets the counter on a right PIN', async () => {
    const card = openVirtualCard(t.dataDir, 'carol');
    await card.transmit(APDU.selectJpkiAp());
    await card.transmit(APDU.selectEf(EF.USER_PIN));
    assert.equal(await sw(card, APDU.verify('9999')), 0x63c2);
    assert.equal(await sw(card, APDU.verify('9998')), 0x63c1);
    assert.equal(await sw(card, APDU.verify('3456')), 0x9000);
    assert.equal(await sw(card, APDU.verify()), 0x63c3);
    assert.equal(await sw(card, APDU.verify('9997')), 0x63c2, 'counting starts again from 3');
  });

  it('maps the card answers to PIN_INCORRECT with remainingTries and PIN_LOCKED', async () => {
    const card = openVirtualCard(t.dataDir, 'dave');
    const wrong = await authenticateWithCard(card, '0000', Buffer.from('c'));
    assert.deepEqual(wrong, { ok: false, error: { code: 'PIN_INCORRECT', remainingTries: 2 } });
    await authenticateWithCard(card, '0000', Buffer.from('c'));
    assert.deepEqual(await authenticateWithCard(card, '0000', Buffer.from('c')), {
      ok: false,
      error: { code: 'PIN_LOCKED' },
    });
    assert.equal((await authenticateWithCard(card, '12', Buffer.from('c'))).ok, false);
    // The town hall resets the PIN: unlocked, new PIN works, old one does not.
    assert.equal((await resetCardPin(t.dataDir, 'dave', '8642')).ok, true);
    assert.equal((await resetCardPin(t.dataDir, 'dave', '86421')).ok, false);
    assert.equal((await resetCardPin(t.dataDir, 'nobody', '1111')).ok, false);
    assert.equal((await authenticateWithCard(card, '8642', Buffer.from('c'))).ok, true);
    assert.equal(findCardSummary(t.dataDir, 'dave')?.pin.remainingTries, 3);
  });

  it('answers any bytes with a status word and never throws (fuzzed APDUs)', async () => {
    const card = openVirtualCard(t.dataDir, 'alice');
    const interesting = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc
        .tuple(
          fc.constantFrom(0x00, 0x80, 0x0c),
          fc.constantFrom(0xa4, 0x20, 0xb0, 0x2a, 0x84),
          fc.integer({ min: 0, max: 255 }),
          fc.integer({ min: 0, max: 255 }),
          fc.uint8Array({ maxLength: 40 }),
        )
        .map(([cla, ins, p1, p2, data]) =>
          Uint8Array.from(data.length ? [cla, ins, p1, p2, data.length, ...data] : [cla, ins, p1, p2]),
        ),
    );
    await card.transmit(APDU.selectJpkiAp());
    await fc.assert(
      fc.asyncProperty(interesting, async (bytes) => {
        const r = await card.transmit(bytes);
        assert.ok(r.length >= 2);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the kiosk login against a misbehaving reader', () => {
  it('returns a refusal, never throws, whatever the reader answers (fuzzed responses)', async () => {
    const answers = fc.array(
      fc.oneof(
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ maxLength: 40 }).map((d) => Uint8Array.from([...d, 0x90, 0x00])),
        fc.constantFrom(hex('9000'), hex('63C1'), hex('6983'), hex('3082FFFF9000'), hex('308200029000')),
        fc.constant('throw' as const),
      ),
      { maxLength: 30 },
    );
    await fc.assert(
      fc.asyncProperty(answers, async (script) => {
        let i = 0;
        const reader = {
          isCardPresent: async () => true,
          waitForRemoval: async () => {},
          transmit: async () => {
            const a = script[i++ % Math.max(1, script.length)] ?? hex('6F00');
            if (a === 'throw') throw new Error('reader unplugged');
            return a;
          },
        };
        const r = await authenticateWithCard(reader, '1234', Buffer.from('challenge'));
        assert.equal(typeof r.ok, 'boolean');
      }),
      { numRuns: 300 },
    );
  });
});

const findCardCert = (card: VirtualCard): Uint8Array => {
  const file = JSON.parse(readFileSync(card.path, 'utf8')) as { userCertificate: string };
  return Buffer.from(file.userCertificate, 'base64');
};
