import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { CenterApi } from '../src/kiosk/center-api.js';
import { runTransaction } from '../src/kiosk/kiosk-client.js';
import {
  demoInstallation,
  demoKiosk,
  demoResident,
  movableClock,
  pdfText,
  startCenter,
} from './kiosk-support.js';

// The kiosk client against the real center over mutual TLS, with the real demo cards.

const DEMO_DAY = '2026-11-24T09:00';
const clock = movableClock('2026-11-25T10:00'); // a Wednesday morning, the day after demo day
let dir: string;
let center: Awaited<ReturnType<typeof startCenter>>;

before(async () => {
  dir = await demoInstallation(DEMO_DAY);
  center = await startCenter(dir, clock);
});
after(async () => {
  await center?.close();
});

const kiosk = (over: Parameters<typeof demoKiosk>[3] = {}) => demoKiosk(dir, center.url, clock, over);

test("taro's 住民票 for the whole household: printed, checked, receipt, nothing left in the spool", async () => {
  const k = kiosk();
  const resident = demoResident(dir, 'taro', {
    pins: ['1234'],
    choose: () => [{ cert: 'juminhyo', copies: 2, scope: 'household', householder: true }],
    cash: 1000,
  });
  const r = await runTransaction(k.deps, resident);
  k.close();
  assert.equal(r.ok, true, JSON.stringify(r));
  if (!r.ok) return;
  assert.equal(r.totalYen, 400);
  assert.equal(r.changeYen, 600);
  assert.equal(r.certificates.length, 2);
  assert.notEqual(r.certificates[0]!.serial, r.certificates[1]!.serial, 'each copy has its own 固有番号');
  for (const c of r.certificates) {
    const text = pdfText(c.file);
    for (const name of ['上郡 太郎', '上郡 花子', '上郡 一郎', '上郡 さくら'])
      assert.ok(text.includes(name), name);
    assert.ok(text.includes(c.serial));
  }
  assert.equal(k.printedFiles().length, 3);
  assert.deepEqual(k.printer.spooled(), []);
  assert.deepEqual(k.cashBox.pending(), []);
  assert.equal(resident.seen.choices?.household.length, 4);
});

test('PIN wrong twice then right: the tries left are shown, then the transaction goes through', async () => {
  const k = kiosk();
  const resident = demoResident(dir, 'ichiro', {
    pins: ['0000', '1111', '3456'],
    choose: () => [{ cert: 'juminhyo', copies: 1 }],
    cash: 'exact',
  });
  const r = await runTransaction(k.deps, resident);
  k.close();
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.deepEqual(
    resident.notices.filter((n) => n.type === 'pin_incorrect'),
    [
      { type: 'pin_incorrect', remainingTries: 2 },
      { type: 'pin_incorrect', remainingTries: 1 },
    ],
  );
});

const refusal = async (card: string, pin: string, cert: 'inkan' | 'koseki') => {
  const k = kiosk();
  const r = await runTransaction(
    k.deps,
    demoResident(dir, card, { pins: [pin], choose: () => [{ cert, copies: 1 }], cash: 'exact' }),
  );
  k.close();
  assert.deepEqual(k.printedFiles(), []);
  return r;
};

test('hanako has no 印鑑 registration: SEAL_NOT_REGISTERED before any payment', async () => {
  const r = await refusal('hanako', '2345', 'inkan');
  assert.equal(r.ok ? 'ok' : r.error.code, 'SEAL_NOT_REGISTERED');
  assert.deepEqual(r.ok ? [] : r.refunded, []);
  assert.ok(r.ok || !r.path.includes('paying'));
});

test('yoso: 本籍 in a town that does not take part: HONSEKI_NOT_PARTICIPATING', async () => {
  const r = await refusal('yoso', '7777', 'koseki');
  assert.equal(r.ok ? 'ok' : r.error.code, 'HONSEKI_NOT_PARTICIPATING');
});

test('jiro lives in 相生市: his 戸籍 comes from 上郡町', async () => {
  const k = kiosk();
  const r = await runTransaction(
    k.deps,
    demoResident(dir, 'jiro', {
      pins: ['8888'],
      choose: () => [{ cert: 'koseki', copies: 1 }],
      cash: 'exact',
    }),
  );
  k.close();
  assert.equal(r.ok, true, JSON.stringify(r));
  if (!r.ok) return;
  const text = pdfText(r.certificates[0]!.file);
  assert.ok(text.includes('上郡 次郎'));
  assert.ok(text.includes('上郡町'));
});

test('too little cash: PAYMENT_INSUFFICIENT with the yen missing, every coin handed back', async () => {
  const k = kiosk();
  const r = await runTransaction(
    k.deps,
    demoResident(dir, 'taro', { pins: ['1234'], choose: () => [{ cert: 'koseki', copies: 2 }], cash: 650 }),
  );
  k.close();
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.error.code, 'PAYMENT_INSUFFICIENT');
  assert.equal(r.error.missing, 50);
  assert.deepEqual(r.refunded, [500, 100, 50]);
  assert.deepEqual(k.printedFiles(), []);
  assert.deepEqual(k.cashBox.pending(), []);
});

test('a printer jam: reprinted through the center, paid once, same 固有番号', async () => {
  const k = kiosk({ printerFailNext: 2 });
  const r = await runTransaction(
    k.deps,
    demoResident(dir, 'taro', {
      pins: ['1234'],
      choose: () => [{ cert: 'shotoku', copies: 1 }],
      cash: 'exact',
    }),
  );
  assert.equal(r.ok, true, JSON.stringify(r));
  if (!r.ok) return;
  assert.equal(r.reprints, 2);
  const order = await k.deps.api.order({ sessionId: r.sessionId, orderId: r.orderId });
  k.close();
  assert.ok(order.ok, JSON.stringify(order));
  assert.equal(order.value.paidYen, 200, 'charged once');
  assert.equal(order.value.state, 'completed');
  assert.equal(k.printedFiles().length, 2);
  assert.ok(pdfText(r.certificates[0]!.file).includes(r.certificates[0]!.serial));
});

/** Another resident's printed certificate, as a man in the middle could have kept it. */
let someoneElses: Buffer | undefined;

const tampering =
  (how: 'bytes' | 'holder' | 'swap') =>
  (api: CenterApi): CenterApi => ({
    ...api,
    async download(ref, documentId) {
      const d = await api.download(ref, documentId);
      if (!d.ok || d.value.headers['x-kofu-document-kind'] === 'receipt') return d;
      const headers = { ...d.value.headers };
      let bytes = Buffer.from(d.value.bytes);
      if (how === 'bytes') bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
      if (how === 'holder') headers['x-kofu-holder-serial'] = `${headers['x-kofu-holder-serial']}0`;
      // A man in the middle hands over someone else's document, with a matching digest header.
      if (how === 'swap') {
        bytes = Buffer.from(someoneElses!);
        headers['x-kofu-sha256'] = createHash('sha256').update(bytes).digest('hex');
      }
      return { ok: true, value: { headers, bytes } };
    },
  });

test("hanako's 住民票 (the document a man in the middle will try to pass off)", async () => {
  const k = kiosk();
  const r = await runTransaction(
    k.deps,
    demoResident(dir, 'hanako', {
      pins: ['2345'],
      choose: () => [{ cert: 'juminhyo', copies: 1 }],
      cash: 'exact',
    }),
  );
  k.close();
  assert.equal(r.ok, true);
  if (r.ok) someoneElses = readFileSync(r.certificates[0]!.file);
});

for (const how of ['bytes', 'holder', 'swap'] as const) {
  test(`a tampered delivery (${how}) is refused before printing: nothing in the tray, cash back`, async () => {
    const k = kiosk({ wrapApi: tampering(how) });
    const r = await runTransaction(
      k.deps,
      demoResident(dir, 'taro', {
        pins: ['1234'],
        choose: () => [{ cert: 'juminhyo', copies: 1 }],
        cash: 500,
      }),
    );
    k.close();
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.code, 'SERVICE_UNAVAILABLE');
    assert.match(r.error.detail ?? '', /refused before printing/);
    assert.deepEqual(k.printedFiles(), []);
    assert.deepEqual(k.printer.spooled(), []);
    assert.deepEqual(r.refunded, [500]);
  });
}
