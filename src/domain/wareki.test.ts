import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatWareki, formatWarekiFiscalYear, formatWarekiYear } from './wareki.js';

test('era boundaries and 元年', () => {
  assert.equal(formatWareki('2026-11-25'), '令和8年11月25日');
  assert.equal(formatWareki('2019-05-01'), '令和元年5月1日');
  assert.equal(formatWareki('2019-04-30'), '平成31年4月30日');
  assert.equal(formatWareki('1989-01-08'), '平成元年1月8日');
  assert.equal(formatWareki('1989-01-07'), '昭和64年1月7日');
  assert.equal(formatWareki('1926-12-25'), '昭和元年12月25日');
  assert.equal(formatWarekiFiscalYear(2026), '令和8年度');
  assert.equal(formatWarekiFiscalYear(2019), '平成31年度');
  assert.equal(formatWarekiYear(2025), '令和7年');
  assert.equal(formatWarekiYear(2019), '令和元年');
});
