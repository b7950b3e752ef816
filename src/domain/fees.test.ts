import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CATALOGUE, CERTIFICATE_CODES } from './catalogue.js';
import { orderFee, requestFee } from './fees.js';

test('fee is per copy: 住民票 200, 戸籍 350, 附票 200', () => {
  assert.equal(requestFee({ cert: 'juminhyo', copies: 1 }), 200);
  assert.equal(requestFee({ cert: 'koseki', copies: 3 }), 1050);
  assert.equal(requestFee({ cert: 'fuhyo', copies: 10 }), 2000);
  assert.equal(
    orderFee([
      { cert: 'juminhyo', copies: 2 },
      { cert: 'koseki', copies: 1 },
      { cert: 'inkan', copies: 1 },
    ]),
    950,
  );
  assert.equal(orderFee([]), 0);
});

test('an order costs the sum of its requests, each fee × copies', () => {
  const request = fc.record({
    cert: fc.constantFrom(...CERTIFICATE_CODES),
    copies: fc.integer({ min: 1, max: 10 }),
  });
  fc.assert(
    fc.property(fc.array(request, { maxLength: 5 }), (rs) => {
      assert.equal(
        orderFee(rs),
        rs.map((r) => CATALOGUE[r.cert].fee * r.copies).reduce((a, b) => a + b, 0),
      );
    }),
    { numRuns: 200 },
  );
});
