import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { REFUSAL_CODES } from '../src/domain/refusal.js';
import type { Answer } from './center-client.js';
import { demoDir, login, movableClock, startTestCenter, type TestCenter } from './center-harness.js';

// Bad input of every kind on every endpoint, and the steps in any order: only 2xx/4xx
// answers, every error with a SPEC §11 code, never a 5xx; the server stays up.

const ENDPOINTS = [
  ['POST', '/v1/sessions'],
  ['POST', '/v1/sessions/:s/authenticate'],
  ['POST', '/v1/sessions/:s/card-refusal'],
  ['GET', '/v1/sessions/:s/choices'],
  ['POST', '/v1/sessions/:s/quote'],
  ['POST', '/v1/sessions/:s/orders'],
  ['DELETE', '/v1/sessions/:s'],
  ['GET', '/v1/orders/:o'],
  ['POST', '/v1/orders/:o/payment'],
  ['POST', '/v1/orders/:o/issue'],
  ['GET', '/v1/orders/:o/documents/:d'],
  ['POST', '/v1/orders/:o/printed'],
  ['POST', '/v1/orders/:o/reprint'],
  ['POST', '/v1/orders/:o/cancel'],
] as const;

const checkAnswer = (r: Answer, what: string): void => {
  assert.ok(r.status < 500, `${what} → ${r.status} ${r.body.toString().slice(0, 200)}`);
  if (r.status >= 400) {
    const body = r.json();
    assert.equal(body.ok, false, what);
    assert.ok(
      (REFUSAL_CODES as readonly string[]).includes(body.error.code),
      `${what}: code ${body.error.code}`,
    );
    assert.ok(!/at .*\.(ts|js):\d+/.test(r.body.toString()), `${what}: stack trace`);
  }
};

describe('center fuzz', () => {
  let dir: string;
  let center: TestCenter;
  const ids = { s: [] as string[], o: [] as string[], d: [] as string[] };

  before(async () => {
    dir = await demoDir('2026-11-24T09:00');
    center = await startTestCenter(dir, movableClock('2026-11-25T10:00'));
    // Real IDs in every state, so that wrong steps hit real rows.
    for (let i = 0; i < 2; i++) {
      const { sessionId } = await login(center.store, dir, 'taro', '1234');
      ids.s.push(sessionId);
      const o = await center.store.call('POST', `/v1/sessions/${sessionId}/orders`, {
        requests: [{ cert: 'juminhyo' }],
        idempotencyKey: `fuzz-order-${i}-xxxx`,
      });
      ids.o.push(o.json().orderId);
    }
    const h = { 'x-kofu-session-id': ids.s[0]! };
    await center.store.call(
      'POST',
      `/v1/orders/${ids.o[0]}/payment`,
      { insertedYen: 200, idempotencyKey: 'fuzz-pay-0000' },
      h,
    );
    const issued = (await center.store.call('POST', `/v1/orders/${ids.o[0]}/issue`, {}, h)).json();
    ids.d.push(
      ...issued.documents.map((d: { documentId: string }) => d.documentId),
      issued.receipt.documentId,
    );
  });
  after(async () => {
    await center?.close();
  });

  const idArb = (pool: () => string[]) =>
    fc
      .oneof(
        fc.constantFrom(...['x', '0', '%00', 'a'.repeat(99), '..%2F..', '😀']),
        fc.string({ maxLength: 40 }),
        fc.constant(null),
      )
      .map((v) => (v === null ? (pool()[0] ?? 'none') : v));
  const bodyArb = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 200 }),
    fc.constantFrom(
      '{',
      '{"requests":',
      '[1,2',
      'null',
      '"str"',
      '{"__proto__":{"x":1}}',
      '{"insertedYen":"1000"}',
    ),
    fc
      .record(
        {
          requests: fc.array(
            fc.record({
              cert: fc.constantFrom('juminhyo', 'koseki', 'inkan', 'nope', 1),
              copies: fc.oneof(fc.integer(), fc.string()),
            }),
            { maxLength: 3 },
          ),
          idempotencyKey: fc.string({ maxLength: 120 }),
          insertedYen: fc.oneof(fc.integer(), fc.double(), fc.string()),
          documentIds: fc.array(fc.string(), { maxLength: 3 }),
          documentId: fc.string(),
          reason: fc.string(),
          challengeId: fc.string(),
          certificate: fc.string(),
          signature: fc.string(),
          code: fc.string(),
        },
        { requiredKeys: [] },
      )
      .map((v) => JSON.stringify(v)),
  );

  it('answers malformed bodies, wrong types, foreign IDs and wrong step orders with 4xx codes, never 5xx', async () => {
    const pick =
      <T>(a: T[]) =>
      () =>
        a;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            endpoint: fc.constantFrom(...ENDPOINTS),
            s: idArb(pick(ids.s)),
            o: idArb(pick(ids.o)),
            d: idArb(pick(ids.d)),
            body: bodyArb,
            sessionHeader: fc.boolean(),
            contentType: fc.constantFrom(
              'application/json',
              'text/plain',
              'application/x-www-form-urlencoded',
            ),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        async (steps) => {
          for (const step of steps) {
            const [method, template] = step.endpoint as readonly [string, string];
            const path = template
              .replace(':s', encodeURIComponent(step.s))
              .replace(':o', encodeURIComponent(step.o))
              .replace(':d', encodeURIComponent(step.d));
            const headers: Record<string, string> = { 'content-type': step.contentType };
            if (step.sessionHeader) headers['x-kofu-session-id'] = ids.s[0]!;
            const r =
              method === 'GET'
                ? await center.store.call(
                    method,
                    path,
                    undefined,
                    step.sessionHeader ? { 'x-kofu-session-id': ids.s[0]! } : {},
                  )
                : await center.store.raw(method, path, step.body, headers);
            checkAnswer(r, `${method} ${path} ${step.body.slice(0, 80)}`);
          }
        },
      ),
      { numRuns: 150 },
    );
    assert.equal((await center.store.call('GET', '/healthz')).status, 200);
  });

  it('refuses huge bodies with 413 INVALID_REQUEST and unknown routes with 404', async () => {
    const huge = JSON.stringify({ requests: [{ cert: 'juminhyo' }], idempotencyKey: 'x'.repeat(70_000) });
    const r = await center.store.raw('POST', `/v1/sessions/${ids.s[1]}/orders`, huge);
    assert.equal(r.status, 413);
    assert.equal(r.json().error.code, 'INVALID_REQUEST');
    const nf = await center.store.call('GET', '/v1/nowhere');
    assert.equal(nf.status, 404);
    assert.equal(nf.json().error.code, 'INVALID_REQUEST');
    const bad = await center.store.raw(
      'POST',
      `/v1/sessions/${ids.s[1]}/quote`,
      '{"requests": [ {"cert": "juminhyo", "copies": "2"} ]}',
    );
    assert.equal(bad.status, 400);
    assert.match(bad.json().error.field, /copies/);
    assert.equal((await center.store.call('GET', '/healthz')).status, 200);
  });
});
