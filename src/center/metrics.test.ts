import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import Fastify from 'fastify';
import { escapeLabelValue, issuedTypesOf, MetricsRegistry, metricsRoutes, refusalCodeOf } from './metrics.js';

test('renders counters, gauges and cumulative histograms in the Prometheus text format', () => {
  const r = new MetricsRegistry([0.01, 0.1]);
  r.inc('kofu_requests_total', 'Requests.', { route: '/v1/a', status: '200' });
  r.inc('kofu_requests_total', 'Requests.', { status: '200', route: '/v1/a' }, 2);
  r.inc('kofu_requests_total', 'Requests.', { route: '/v1/b', status: '410' });
  r.observe('kofu_latency_seconds', 'Latency.', 0.005, { route: '/v1/a' });
  r.observe('kofu_latency_seconds', 'Latency.', 0.05, { route: '/v1/a' });
  r.observe('kofu_latency_seconds', 'Latency.', 3, { route: '/v1/a' });
  r.set('process_resident_memory_bytes', 'RSS.', 1024);
  assert.equal(
    r.render(),
    [
      '# HELP kofu_latency_seconds Latency.',
      '# TYPE kofu_latency_seconds histogram',
      'kofu_latency_seconds_bucket{route="/v1/a",le="0.01"} 1',
      'kofu_latency_seconds_bucket{route="/v1/a",le="0.1"} 2',
      'kofu_latency_seconds_bucket{route="/v1/a",le="+Inf"} 3',
      'kofu_latency_seconds_sum{route="/v1/a"} 3.055',
      'kofu_latency_seconds_count{route="/v1/a"} 3',
      '# HELP kofu_requests_total Requests.',
      '# TYPE kofu_requests_total counter',
      'kofu_requests_total{route="/v1/a",status="200"} 3',
      'kofu_requests_total{route="/v1/b",status="410"} 1',
      '# HELP process_resident_memory_bytes RSS.',
      '# TYPE process_resident_memory_bytes gauge',
      'process_resident_memory_bytes 1024',
      '',
    ].join('\n'),
  );
  assert.equal(r.value('kofu_requests_total', { route: '/v1/a', status: '200' }), 3);
});

test('escapes label values and refuses bad names or a type change', () => {
  assert.equal(escapeLabelValue('a"b\\c\nd'), 'a\\"b\\\\c\\nd');
  const r = new MetricsRegistry();
  r.inc('x_total', 'line one\nline two \\', { v: 'say "hi"' });
  assert.match(r.render(), /# HELP x_total line one\\nline two \\\\\n/);
  assert.match(r.render(), /x_total\{v="say \\"hi\\""\} 1/);
  assert.throws(() => r.inc('1bad', 'x'));
  assert.throws(() => r.observe('x_total', 'x', 1));
});

test('reads refusal codes and issued types from answers, ignoring anything else', () => {
  assert.equal(
    refusalCodeOf('{"ok":false,"error":{"code":"SEAL_NOT_REGISTERED","message":"…"}}'),
    'SEAL_NOT_REGISTERED',
  );
  assert.equal(refusalCodeOf('{"ok":true}'), undefined);
  assert.equal(refusalCodeOf(Buffer.from('x')), undefined);
  const body = JSON.stringify({
    orderId: 'o1',
    state: 'issued',
    documents: [
      { kind: 'certificate', cert: 'juminhyo' },
      { kind: 'certificate', cert: 'juminhyo' },
      { kind: 'receipt' },
    ],
  });
  assert.deepEqual(issuedTypesOf(body), { orderId: 'o1', types: ['juminhyo', 'juminhyo'] });
  assert.equal(issuedTypesOf('{"state":"issuing"}'), undefined);
  assert.equal(issuedTypesOf('not json'), undefined);
});

test('GET /metrics over real HTTP counts routes in child plugins, refusals and issuances once per order', async () => {
  const app = Fastify();
  await app.register(metricsRoutes);
  await app.register(
    async (v1) => {
      v1.post('/orders/:orderId/issue', async (request) => ({
        orderId: (request.params as { orderId: string }).orderId,
        state: 'issued',
        documents: [{ kind: 'certificate', cert: 'inkan' }, { kind: 'receipt' }],
      }));
      v1.get('/refuse', async (_request, reply) =>
        reply.code(403).send({ ok: false, error: { code: 'SEAL_NOT_REGISTERED', message: 'x' } }),
      );
    },
    { prefix: '/v1' },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    await fetch(`${base}/v1/orders/o1/issue`, { method: 'POST' });
    await fetch(`${base}/v1/orders/o1/issue`, { method: 'POST' });
    await fetch(`${base}/v1/orders/o2/issue`, { method: 'POST' });
    await fetch(`${base}/v1/refuse`);
    await fetch(`${base}/nowhere`);
    const res = await fetch(`${base}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const line = (prefix: string) => text.split('\n').find((l) => l.startsWith(prefix));
    assert.equal(
      line('kofu_http_requests_total{method="POST",route="/v1/orders/:orderId/issue",status="200"}'),
      'kofu_http_requests_total{method="POST",route="/v1/orders/:orderId/issue",status="200"} 3',
    );
    assert.equal(
      line('kofu_certificates_issued_total{type="inkan"}'),
      'kofu_certificates_issued_total{type="inkan"} 2',
    );
    assert.equal(
      line('kofu_refusals_total{code="SEAL_NOT_REGISTERED"}'),
      'kofu_refusals_total{code="SEAL_NOT_REGISTERED"} 1',
    );
    assert.ok(line('kofu_http_requests_total{method="GET",route="unmatched",status="404"} 1'));
    assert.ok(
      line('kofu_http_request_duration_seconds_count{method="GET",route="/v1/refuse"} 1'),
      'a latency histogram per route',
    );
    assert.match(text, /\nprocess_resident_memory_bytes \d+\n/);
    assert.match(text, /# TYPE process_cpu_seconds_total counter\n/);
    // Every sample line is `name{labels} value`.
    for (const l of text.split('\n').filter((x) => x && !x.startsWith('#')))
      assert.match(l, /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? ([0-9.e+-]+|\+Inf|NaN)$/);
  } finally {
    await app.close();
  }
});
