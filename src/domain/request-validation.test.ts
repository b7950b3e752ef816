import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { validateRequest } from './request-validation.js';

const field = (input: unknown): string | undefined => {
  const r = validateRequest(input);
  assert.equal(r.ok, false, JSON.stringify(input));
  if (r.ok) return undefined;
  assert.equal(r.error.code, 'INVALID_REQUEST');
  return r.error.field;
};

test('defaults are filled: 1 copy, scope self, switches off, kind all', () => {
  assert.deepEqual(validateRequest({ cert: 'juminhyo' }), {
    ok: true,
    value: { cert: 'juminhyo', copies: 1, scope: 'self', householder: false, honseki: false },
  });
  assert.deepEqual(validateRequest({ cert: 'kisai', copies: 2 }), {
    ok: true,
    value: { cert: 'kisai', copies: 2, scope: 'self' },
  });
  assert.deepEqual(validateRequest({ cert: 'koseki', copies: 10 }), {
    ok: true,
    value: { cert: 'koseki', copies: 10, kind: 'all' },
  });
  assert.deepEqual(validateRequest({ cert: 'inkan', copies: 1 }), {
    ok: true,
    value: { cert: 'inkan', copies: 1 },
  });
  assert.deepEqual(
    validateRequest({
      cert: 'juminhyo',
      copies: 1,
      scope: 'members',
      members: ['a', 'b'],
      householder: true,
    }),
    {
      ok: true,
      value: {
        cert: 'juminhyo',
        copies: 1,
        scope: 'members',
        members: ['a', 'b'],
        householder: true,
        honseki: false,
      },
    },
  );
  assert.equal(validateRequest({ cert: 'fuhyo', copies: 1, kind: 'individual', members: ['m1'] }).ok, true);
});

test('bad shapes are INVALID_REQUEST naming the field', () => {
  assert.equal(field(null), 'request');
  assert.equal(field([]), 'request');
  assert.equal(field('juminhyo'), 'request');
  assert.equal(field({ cert: 'jokyo', copies: 1 }), 'cert');
  assert.equal(field({ copies: 1 }), 'cert');
  assert.equal(field({ cert: 'koseki', copies: 0 }), 'copies');
  assert.equal(field({ cert: 'koseki', copies: 11 }), 'copies');
  assert.equal(field({ cert: 'koseki', copies: 1.5 }), 'copies');
  assert.equal(field({ cert: 'koseki', copies: '2' }), 'copies');
  assert.equal(field({ cert: 'koseki', copies: 1, scope: 'self' }), 'scope');
  assert.equal(field({ cert: 'juminhyo', copies: 1, scope: 'everyone' }), 'scope');
  assert.equal(field({ cert: 'juminhyo', copies: 1, scope: 'members' }), 'members');
  assert.equal(field({ cert: 'juminhyo', copies: 1, scope: 'members', members: [] }), 'members');
  assert.equal(field({ cert: 'juminhyo', copies: 1, scope: 'members', members: ['a', 'a'] }), 'members');
  assert.equal(field({ cert: 'juminhyo', copies: 1, scope: 'members', members: [1] }), 'members');
  assert.equal(field({ cert: 'juminhyo', copies: 1, members: ['a'] }), 'members');
  assert.equal(field({ cert: 'kisai', copies: 1, householder: true }), 'householder');
  assert.equal(field({ cert: 'inkan', copies: 1, honseki: false }), 'honseki');
  assert.equal(field({ cert: 'juminhyo', copies: 1, honseki: 'yes' }), 'honseki');
  assert.equal(field({ cert: 'juminhyo', copies: 1, kind: 'all' }), 'kind');
  assert.equal(field({ cert: 'koseki', copies: 1, kind: 'some' }), 'kind');
  assert.equal(field({ cert: 'koseki', copies: 1, kind: 'individual' }), 'members');
  assert.equal(field({ cert: 'fuhyo', copies: 1, members: ['m1'] }), 'members');
  assert.equal(field({ cert: 'inkan', copies: 1, myNumber: '123456789012' }), 'myNumber');
});

test('any input at all gives a value, never an exception', () => {
  fc.assert(
    fc.property(fc.anything(), (v) => {
      const r = validateRequest(v);
      assert.ok(r.ok === true || r.error.code === 'INVALID_REQUEST');
    }),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(
      fc.record(
        {
          cert: fc.constantFrom('juminhyo', 'kisai', 'inkan', 'koseki', 'x'),
          copies: fc.oneof(fc.integer({ min: -2, max: 12 }), fc.double()),
          scope: fc.constantFrom('self', 'household', 'members', 'x'),
          members: fc.array(fc.string(), { maxLength: 3 }),
          kind: fc.constantFrom('all', 'individual', 'x'),
          householder: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
      (v) => {
        const r = validateRequest(v);
        if (r.ok) assert.ok(r.value.copies >= 1 && r.value.copies <= 10 && Number.isInteger(r.value.copies));
      },
    ),
    { numRuns: 300 },
  );
});
