import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatEnglishDateTime, formatJapaneseDateTime, refusalMessage } from './messages.js';
import { REFUSAL_CODES } from './refusal.js';

test('every refusal code has a Japanese and an English message', () => {
  for (const code of REFUSAL_CODES) {
    const ja = refusalMessage({ code }, 'ja');
    const en = refusalMessage({ code }, 'en');
    assert.match(ja, /[ぁ-んァ-ン一-龯]/, code);
    assert.ok(en.length > 20 && /^[\x20-\x7e住民課税務本籍地戸]+$/u.test(en), `${code}: ${en}`);
    assert.notEqual(ja, en);
  }
});

test('messages say when the service opens next, in Japanese style', () => {
  const r = { code: 'OUT_OF_HOURS', nextOpen: '2026-11-26T06:30:00+09:00' } as const;
  assert.equal(
    refusalMessage(r, 'ja'),
    'この証明書は、ただいまの時間は発行できません。11月26日（木）6時30分から利用できます。',
  );
  assert.match(refusalMessage(r, 'en'), /Thursday 26 November at 6:30/);
  assert.equal(formatJapaneseDateTime('2026-11-30T08:00:00+09:00'), '11月30日（月）8時');
  assert.equal(formatJapaneseDateTime('2026-11-30T08:30:00+09:00'), '11月30日（月）8時30分');
  assert.equal(formatEnglishDateTime('2026-11-30T17:05:00+09:00'), 'Monday 30 November at 17:05');
  assert.match(
    refusalMessage({ code: 'CARD_ISSUED_TODAY', nextOpen: '2026-11-26T06:30:00+09:00' }, 'ja'),
    /交付当日.*11月26日（木）6時30分から利用できます/,
  );
});

test('messages say what to do next', () => {
  assert.match(refusalMessage({ code: 'PIN_INCORRECT', remainingTries: 2 }, 'ja'), /あと2回/);
  assert.match(refusalMessage({ code: 'PIN_INCORRECT', remainingTries: 1 }, 'en'), /1 try left/);
  assert.match(refusalMessage({ code: 'PIN_LOCKED' }, 'ja'), /住民課の窓口/);
  assert.match(refusalMessage({ code: 'TAX_NOT_DECLARED' }, 'ja'), /税務課/);
  assert.match(
    refusalMessage({ code: 'TAX_SWITCHOVER', nextOpen: '2026-07-01T06:30:00+09:00' }, 'ja'),
    /税務課.*7月1日（水）6時30分から/,
  );
  assert.match(
    refusalMessage({ code: 'TAX_NOT_YET_AVAILABLE', availableFrom: '2026-12-01' }, 'ja'),
    /12月1日から/,
  );
  assert.match(refusalMessage({ code: 'PAYMENT_INSUFFICIENT', missing: 150 }, 'ja'), /150円/);
  assert.match(refusalMessage({ code: 'CHARACTER_NOT_SUPPORTED', characters: ['𠮷'] }, 'ja'), /𠮷/);
  assert.match(refusalMessage({ code: 'INVALID_REQUEST', field: 'copies' }, 'en'), /copies/);
});
