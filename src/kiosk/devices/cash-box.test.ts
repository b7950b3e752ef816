import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { fixedClock } from '../../domain/japan-time.js';
import { COINS, NOTES, openVirtualCashBox, sumPieces, toPieces } from './cash-box.js';

const clock = fixedClock(new Date('2026-11-25T01:00:00Z'));
const box = () => openVirtualCashBox(mkdtempSync(join(tmpdir(), 'kofu-cash-')), clock);

test('change is split into the fewest notes and coins and sums to the amount', () => {
  assert.deepEqual(toPieces(9800), [5000, 1000, 1000, 1000, 1000, 500, 100, 100, 100]);
  assert.equal(toPieces(15), undefined);
  assert.equal(toPieces(-10), undefined);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 100_000 }), (n) => {
      const pieces = toPieces(n * 10)!;
      assert.equal(sumPieces(pieces), n * 10);
      // At most one 500, 50, 5000 and at most four 100s / 10s / 1000s: greedy is optimal for yen.
      for (const d of [500, 50, 5000]) assert.ok(pieces.filter((p) => p === d).length <= 1);
      for (const d of [100, 10, 1000]) assert.ok(pieces.filter((p) => p === d).length <= 4);
    }),
  );
});

test('every note and coin of the brief is accepted; anything else is handed back', () => {
  const b = box();
  for (const d of [...NOTES, ...COINS]) assert.ok(b.insert('o1', d).ok);
  assert.equal(b.holding('o1').insertedYen, 10000 + 5000 + 2000 + 1000 + 500 + 100 + 50 + 10);
  for (const bad of [1, 5, 20, 200, 0, -100, 1.5, Number.NaN]) {
    const r = b.insert('o1', bad);
    assert.equal(r.ok, false);
  }
});

test('settle keeps the fee and gives change; refund returns exactly what was inserted', () => {
  const b = box();
  b.insert('pay', 1000);
  assert.deepEqual(b.settle('pay', 350), { ok: true, value: [500, 100, 50] });
  assert.deepEqual(
    b.settle('pay', 350),
    { ok: true, value: [500, 100, 50] },
    'settling twice gives the same change',
  );
  assert.equal(b.refund('pay').ok, false, 'a settled payment cannot also be refunded');

  b.insert('back', 100);
  b.insert('back', 50);
  b.insert('back', 2000);
  assert.deepEqual(b.refund('back'), { ok: true, value: [100, 50, 2000] });
  assert.deepEqual(b.refund('back'), { ok: true, value: [100, 50, 2000] }, 'refund is idempotent');
  assert.equal(b.insert('back', 100).ok, false, 'a closed order takes no more money');
  assert.equal(b.settle('short', 200).ok, false, 'nothing inserted does not cover a fee');
});

test('what the box holds survives a crash: a new box on the same directory sees it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kofu-cash-'));
  const first = openVirtualCashBox(dir, clock);
  first.insert('held', 500);
  first.insert('held', 10);
  first.insert('done', 200 as never);
  first.insert('done', 100);
  first.settle('done', 100);
  // A write torn by the crash is not an acknowledged insertion.
  appendFileSync(join(dir, 'held.jsonl'), '{"type":"insert","pie');
  const after = openVirtualCashBox(dir, clock);
  const pending = after.pending();
  assert.deepEqual(
    pending.map((h) => [h.orderId, h.insertedYen]),
    [['held', 510]],
  );
  assert.deepEqual(after.refund('held'), { ok: true, value: [500, 10] });
  assert.deepEqual(after.pending(), []);
});

test('order ids that could escape the directory are a bug, not a file', () => {
  assert.throws(() => box().insert('../x', 100));
});
