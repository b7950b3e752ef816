import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fakePdf } from '../testing/fake-center.js';
import { countPdfPages, openVirtualPrinter } from './printer.js';

const dirs = () => {
  const root = mkdtempSync(join(tmpdir(), 'kofu-printer-'));
  return { spoolDir: join(root, 'spool'), outDir: join(root, 'out') };
};

test('a job is printed to the output tray and its spool file is deleted', async () => {
  const d = dirs();
  const p = openVirtualPrinter(d);
  const bytes = fakePdf('A1', 3);
  const r = await p.print({ orderId: 'o1', documentId: 'd1', fileName: 'juminhyo-A1.pdf', bytes });
  assert.deepEqual(r, { ok: true, value: { file: join(d.outDir, 'juminhyo-A1.pdf'), pages: 3 } });
  assert.deepEqual(readFileSync(join(d.outDir, 'juminhyo-A1.pdf')), bytes);
  assert.deepEqual(p.spooled(), []);
  assert.deepEqual(readdirSync(d.spoolDir), []);
});

test('failNext(n) jams n jobs: nothing reaches the tray and nothing stays in the spool', async () => {
  const d = dirs();
  const p = openVirtualPrinter({ ...d, failNext: 2 });
  const job = { orderId: 'o1', documentId: 'd1', fileName: 'x.pdf', bytes: fakePdf('S', 1) };
  assert.equal((await p.print(job)).ok, false);
  assert.equal((await p.print(job)).ok, false);
  assert.deepEqual(readdirSync(d.outDir), []);
  assert.deepEqual(p.spooled(), []);
  assert.equal((await p.print(job)).ok, true);
  assert.deepEqual(readdirSync(d.outDir), ['x.pdf']);
});

test('jobs are addressed by order and document only; path tricks are refused', async () => {
  const p = openVirtualPrinter(dirs());
  for (const job of [
    { orderId: '../o', documentId: 'd', fileName: 'x.pdf' },
    { orderId: 'o', documentId: 'd/../../e', fileName: 'x.pdf' },
    { orderId: 'o', documentId: 'd', fileName: '../x.pdf' },
  ]) {
    const r = await p.print({ ...job, bytes: fakePdf('S', 1) });
    assert.equal(r.ok ? 'printed' : r.error.code, 'BAD_JOB');
  }
});

test('page objects are counted, the page tree is not', () => {
  assert.equal(countPdfPages(fakePdf('S', 1)), 1);
  assert.equal(countPdfPages(fakePdf('S', 4)), 4);
  assert.equal(countPdfPages(Buffer.from('not a pdf')), 0);
});
