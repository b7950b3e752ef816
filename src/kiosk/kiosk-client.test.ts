import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { fixedClock } from '../domain/japan-time.js';
import type { CenterApi } from './center-api.js';
import { createCardReader } from './devices/card-reader.js';
import { openVirtualCashBox } from './devices/cash-box.js';
import { openVirtualPrinter } from './devices/printer.js';
import { type KioskDeps, runTransaction } from './kiosk-client.js';
import { recoverEscrow } from './kiosk-recovery.js';
import { TRANSITIONS } from './kiosk-states.js';
import { type Script, type ScriptStep, scriptedResident } from './scripted-resident.js';
import { createFakeCenter, type FakeCenter, fakeCard } from './testing/fake-center.js';

const clock = fixedClock(new Date('2026-11-25T01:00:00Z'));

const kiosk = (api: CenterApi, failNext = 0) => {
  const root = mkdtempSync(join(tmpdir(), 'kofu-kiosk-'));
  const printer = openVirtualPrinter({ spoolDir: join(root, 'spool'), outDir: join(root, 'out'), failNext });
  const deps: KioskDeps = {
    api,
    reader: createCardReader(),
    printer,
    cashBox: openVirtualCashBox(join(root, 'cash'), clock),
    idleTimeoutMs: 50,
  };
  return { deps, printer, out: () => readdirSync(join(root, 'out')).sort() };
};

const juminhyo =
  (copies = 1): Script['choose'] =>
  () => [{ cert: 'juminhyo', copies, scope: 'household' }];
const script = (over: Partial<Script> = {}): Script => ({
  card: fakeCard('CARD-TARO', '1234'),
  pins: ['1234'],
  choose: juminhyo(),
  cash: 'exact',
  ...over,
});

const assertLegalPath = (path: string[]) => {
  for (let i = 1; i < path.length; i++)
    assert.ok(
      (TRANSITIONS as Record<string, readonly string[]>)[path[i - 1]!]!.includes(path[i]!),
      `${path[i - 1]} → ${path[i]}`,
    );
};

test('a whole transaction: paid once, every document printed, spool empty, session ended', async () => {
  const center = createFakeCenter();
  const k = kiosk(center);
  const r = await runTransaction(k.deps, scriptedResident(script({ choose: juminhyo(2), cash: 1000 })));
  assert.equal(r.ok, true, JSON.stringify(r));
  if (!r.ok) return;
  assert.equal(r.totalYen, 400);
  assert.equal(r.changeYen, 600);
  assert.deepEqual(r.change, [500, 100]);
  assert.equal(r.certificates.length, 2);
  assert.equal(k.out().length, 3, 'two certificates and the receipt');
  assert.deepEqual(k.printer.spooled(), []);
  assert.equal(center.orders.get(r.orderId)!.state, 'completed');
  assert.equal(center.calls.filter((c) => c === 'pay').length, 1);
  assert.equal(center.calls.at(-1), 'endSession');
  assert.equal(r.path.at(-1), 'completed');
  assertLegalPath(r.path);
});

test('a wrong PIN shows the tries left and the next right PIN goes on; the card side counts', async () => {
  const tries = { left: 3 };
  const k = kiosk(createFakeCenter());
  const resident = scriptedResident(script({ card: fakeCard('C', '1234', tries), pins: ['9999', '1234'] }));
  const r = await runTransaction(k.deps, resident);
  assert.equal(r.ok, true);
  assert.deepEqual(resident.notices[0], { type: 'pin_incorrect', remainingTries: 2 });
  assert.equal(tries.left, 3, 'a right PIN resets the counter');
});

test('giving up after a wrong PIN is PIN_INCORRECT with the tries left; three wrong is PIN_LOCKED', async () => {
  const tries = { left: 3 };
  const center = createFakeCenter();
  const one = await runTransaction(
    kiosk(center).deps,
    scriptedResident(script({ card: fakeCard('C', '1234', tries), pins: ['0000'] })),
  );
  assert.deepEqual(one.ok ? undefined : one.error, { code: 'PIN_INCORRECT', remainingTries: 2 });
  const locked = await runTransaction(
    kiosk(center).deps,
    scriptedResident(script({ card: fakeCard('C', '1234', tries), pins: ['0000', '0001'] })),
  );
  assert.equal(locked.ok ? 'ok' : locked.error.code, 'PIN_LOCKED');
  const after = await runTransaction(
    kiosk(center).deps,
    scriptedResident(script({ card: fakeCard('C', '1234', tries) })),
  );
  assert.equal(
    after.ok ? 'ok' : after.error.code,
    'PIN_LOCKED',
    'the right PIN does not unlock a locked card',
  );
  assert.ok(center.calls.includes('reportCardRefusal'), 'card refusals are reported for the audit');
});

test('a printer jam is reprinted through the center without a second charge', async () => {
  const center = createFakeCenter();
  const k = kiosk(center, 2);
  const r = await runTransaction(k.deps, scriptedResident(script()));
  assert.equal(r.ok, true, JSON.stringify(r));
  if (!r.ok) return;
  assert.equal(r.reprints, 2);
  assert.equal(center.calls.filter((c) => c === 'pay').length, 1);
  assert.equal(center.calls.filter((c) => c.startsWith('reprint:')).length, 2);
  assert.equal(k.out().length, 2);
  assert.deepEqual(k.printer.spooled(), []);
});

test('too little cash: PAYMENT_INSUFFICIENT, the exact pieces handed back, the order cancelled', async () => {
  const center = createFakeCenter();
  const k = kiosk(center);
  const r = await runTransaction(
    k.deps,
    scriptedResident(script({ choose: () => [{ cert: 'koseki', copies: 1 }], cash: 300 })),
  );
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.equal(r.error.code, 'PAYMENT_INSUFFICIENT');
  assert.equal(r.error.missing, 50);
  assert.deepEqual(r.refunded, [100, 100, 100]);
  assert.equal(center.orders.get(r.orderId!)!.state, 'cancelled');
  assert.deepEqual(k.out(), []);
});

test('a municipality down after payment: SERVICE_UNAVAILABLE and the cash handed back', async () => {
  const center = createFakeCenter();
  center.municipalityDown = true;
  const k = kiosk(center);
  const r = await runTransaction(k.deps, scriptedResident(script({ cash: 1000 })));
  assert.equal(r.ok ? 'ok' : r.error.code, 'SERVICE_UNAVAILABLE');
  assert.deepEqual(r.ok ? [] : r.refunded, [1000]);
  assert.deepEqual(k.out(), []);
});

test('a center that answers 503 while issuing is asked again; the order is printed, paid once', async () => {
  const center = createFakeCenter();
  center.issueHiccups = 2;
  const k = kiosk(center);
  const r = await runTransaction(k.deps, scriptedResident(script()));
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.equal(center.calls.filter((c) => c === 'issue').length, 3);
});

test('issuing never finishes: the cash comes back only when the center confirms the refund', async () => {
  const center = createFakeCenter();
  center.issueHiccups = 1000;
  const k = kiosk(center);
  k.deps.issueWaitMs = 100;
  const r = await runTransaction(k.deps, scriptedResident(script({ cash: 500 })));
  assert.equal(r.ok, false);
  assert.deepEqual(r.ok ? [] : r.refunded, [500]);
  assert.equal(center.orders.get(r.orderId!)!.state, 'refunded');

  // The center will not cancel and the order is not issued: the cash stays in escrow, not paid out.
  const stuck = createFakeCenter();
  stuck.issueHiccups = 1000;
  stuck.refuseCancel = true;
  const k2 = kiosk(stuck);
  k2.deps.issueWaitMs = 100;
  const held = await runTransaction(k2.deps, scriptedResident(script({ cash: 500 })));
  assert.equal(held.ok, false);
  assert.deepEqual(held.ok ? [''] : held.refunded, []);
  assert.deepEqual(
    k2.deps.cashBox.pending().map((h) => h.insertedYen),
    [500],
  );

  // Recovery asks the center (terminal-scoped, no session): the paid order is refunded there
  // and the held pieces go back to the tray, once; a second run finds nothing to do.
  const heldId = held.orderId!;
  const recovered = await recoverEscrow(k2.deps);
  assert.deepEqual(recovered.orders, [
    { orderId: heldId, action: 'refunded', centerState: 'refunded', pieces: [500] },
  ]);
  assert.equal(recovered.held, 0);
  assert.equal(stuck.orders.get(heldId)!.state, 'refunded');
  assert.deepEqual(k2.deps.cashBox.pending(), []);
  assert.equal(k2.deps.cashBox.holding(heldId).state, 'refunded');
  assert.match(k2.deps.cashBox.holding(heldId).note ?? '', /return tray/);
  assert.deepEqual(await recoverEscrow(k2.deps), { orders: [], held: 0 });
});

test('recovery: an issued order keeps the fee, an unknown one is refunded, an unanswered one stays held', async () => {
  const center = createFakeCenter();
  const k = kiosk(center);
  const r = await runTransaction(k.deps, scriptedResident(script({ cash: 1000 })));
  assert.equal(r.ok, true);
  const box = k.deps.cashBox;
  // Cash inserted for an order the center then issued (the kiosk crashed before settling).
  const issued = [...center.orders.values()][0]!;
  issued.state = 'issued';
  const fresh = kiosk(center);
  fresh.deps.cashBox.insert(issued.id, 1000);
  fresh.deps.cashBox.insert('o-unknown', 500);
  const report = await recoverEscrow(fresh.deps);
  const by = new Map(report.orders.map((o) => [o.orderId, o]));
  assert.equal(by.get(issued.id)!.action, 'kept');
  assert.equal(
    by.get(issued.id)!.pieces.reduce((a, b) => a + b, 0),
    1000 - issued.totalYen,
  );
  assert.equal(fresh.deps.cashBox.holding(issued.id).state, 'settled');
  assert.equal(by.get('o-unknown')!.action, 'refunded');
  assert.deepEqual(fresh.deps.cashBox.pending(), []);
  assert.equal(box.pending().length, 0);
  // The center does not answer: the cash stays in escrow, and the next transaction asks again.
  const down: CenterApi = {
    ...center,
    recover: async () => ({ ok: false, error: { code: 'SERVICE_UNAVAILABLE', status: 0 } }),
  };
  const k3 = kiosk(down);
  k3.deps.cashBox.insert('o-later', 100);
  assert.deepEqual((await recoverEscrow(k3.deps)).held, 1);
  assert.equal(k3.deps.cashBox.pending().length, 1);
  k3.deps.api = center;
  const calls = center.calls.length;
  await runTransaction(k3.deps, scriptedResident(script()));
  assert.equal(center.calls[calls], 'recover:o-later');
  assert.equal(k3.deps.cashBox.holding('o-later').state, 'refunded');
});

const tamper = (center: FakeCenter, how: 'bytes' | 'holder' | 'order'): CenterApi => ({
  ...center,
  async download(o, d) {
    const r = await center.download(o, d);
    if (!r.ok || d === 'receipt') return r;
    const headers = { ...r.value.headers };
    const bytes = Buffer.from(r.value.bytes);
    if (how === 'bytes') bytes[bytes.length - 20] = 0x41;
    if (how === 'holder') headers['x-kofu-holder-serial'] = 'SOMEONE-ELSE';
    if (how === 'order') headers['x-kofu-order-id'] = 'o-other';
    return { ok: true, value: { headers, bytes } };
  },
});

for (const how of ['bytes', 'holder', 'order'] as const) {
  test(`a document with altered ${how} is refused before printing: nothing printed, cash back`, async () => {
    const center = createFakeCenter();
    const k = kiosk(tamper(center, how));
    const r = await runTransaction(k.deps, scriptedResident(script({ choose: juminhyo(3) })));
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.code, 'SERVICE_UNAVAILABLE');
    assert.match(r.error.detail ?? '', /refused before printing/);
    assert.deepEqual(k.out(), [], 'not even the good documents of the order are printed');
    assert.deepEqual(k.printer.spooled(), []);
    assert.deepEqual(r.refunded, [500, 100]);
    assert.ok(
      center.calls.some((c) => c.startsWith('reprint:')),
      'the mismatch is reported to the center',
    );
  });
}

const steps: ScriptStep[] = ['card', 'pin', 'remove', 'choose', 'confirm', 'cash'];

test('cancel or walk away at any step: nothing printed, every yen back, legal path, session ended', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...steps),
      fc.boolean(),
      fc.integer({ min: 1, max: 3 }),
      async (step, walkAway, copies) => {
        // Taking the card back cannot be "cancelled": there one can only walk away.
        const silent = walkAway || step === 'remove';
        const center = createFakeCenter();
        const k = kiosk(center);
        const r = await runTransaction(
          k.deps,
          scriptedResident(
            script({ choose: juminhyo(copies), ...(silent ? { silentAt: step } : { cancelAt: step }) }),
          ),
        );
        assert.equal(r.ok, false);
        if (r.ok) return;
        assert.equal(r.path.at(-1), silent ? 'expired' : 'cancelled');
        assert.equal(r.error.code, silent ? 'SESSION_EXPIRED' : 'INVALID_REQUEST');
        assertLegalPath(r.path);
        assert.deepEqual(k.out(), []);
        assert.ok(center.calls.includes('endSession'));
        for (const o of center.orders.values())
          assert.ok(['cancelled', 'refunded'].includes(o.state), o.state);
        assert.equal(k.deps.cashBox.pending().length, 0, 'the cash box holds nothing for anyone');
      },
    ),
    { numRuns: 30 },
  );
});
