import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  isIssuanceNumber,
  isKojinBango,
  isMunicipalityCode,
  issuanceNumber,
  kojinBangoCheckDigit,
} from './codes.js';

describe('check digits', () => {
  it('knows the real municipality codes of the demo towns', () => {
    for (const c of ['284815', '282081', '285013', '282014', '131016']) assert.ok(isMunicipalityCode(c), c);
    assert.equal(isMunicipalityCode('284816'), false);
  });

  it('computes the 個人番号 check digit as the ordinance defines it (known sample 123456789018)', () => {
    assert.equal(kojinBangoCheckDigit('12345678901'), 8);
    assert.ok(isKojinBango('123456789018'));
    assert.equal(isKojinBango('123456789017'), false);
  });

  it('detects every single-digit change of an issuance number', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99_999_999 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 9 }),
        (seq, pos, delta) => {
          const n = issuanceNumber('284815', 2026, seq);
          assert.ok(isIssuanceNumber(n));
          const digits = [...n];
          const idx = [...n.matchAll(/\d/g)].map((m) => m.index!)[pos % 19]!;
          digits[idx] = String((Number(digits[idx]) + delta) % 10);
          assert.equal(isIssuanceNumber(digits.join('')), false);
        },
      ),
    );
  });
});
