import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { checkDocument } from './document-check.js';
import { fakePdf } from './testing/fake-center.js';

const bytes = fakePdf('K-0001', 2);
const sha256 = createHash('sha256').update(bytes).digest('hex');
const expected = {
  orderId: 'o1',
  holderSerial: 'CARD-1',
  document: {
    documentId: 'd1',
    kind: 'certificate' as const,
    serial: 'K-0001',
    cert: 'koseki' as const,
    pages: 2,
    sha256,
  },
};
const headers = {
  'x-kofu-order-id': 'o1',
  'x-kofu-holder-serial': 'CARD-1',
  'x-kofu-document-serial': 'K-0001',
  'x-kofu-sha256': sha256,
  'x-kofu-document-kind': 'certificate',
};

test('a document bound to this order, card, serial and digest passes', () => {
  assert.deepEqual(checkDocument(expected, headers, bytes), []);
});

test('each broken binding is named', () => {
  const fields = (h: Record<string, string>, b: Buffer = bytes) =>
    checkDocument(expected, h, b).map((m) => m.field);
  assert.deepEqual(fields({ ...headers, 'x-kofu-order-id': 'o2' }), ['order']);
  assert.deepEqual(fields({ ...headers, 'x-kofu-holder-serial': 'CARD-2' }), ['holder']);
  assert.deepEqual(fields({ ...headers, 'x-kofu-document-serial': 'K-0002' }), ['serial']);
  assert.deepEqual(fields({ ...headers, 'x-kofu-document-kind': 'receipt' }), ['kind']);
  assert.deepEqual(fields({ ...headers, 'x-kofu-sha256': '00' }), ['sha256']);
  const { 'x-kofu-holder-serial': _h, ...noHolder } = headers;
  assert.deepEqual(fields(noHolder), ['holder']);
  // One altered byte: the content is not what was issued, whatever the headers say.
  const altered = Buffer.from(bytes);
  altered[altered.length - 10] = (altered[altered.length - 10] ?? 0) ^ 1;
  assert.deepEqual(fields(headers, altered), ['sha256']);
  // Someone else's document with its own, self-consistent digest is still refused.
  const other = fakePdf('K-0009', 2);
  const otherSha = createHash('sha256').update(other).digest('hex');
  assert.deepEqual(fields({ ...headers, 'x-kofu-sha256': otherSha }, other), ['sha256']);
});
