import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { renderCases } from './fixtures/cases.js';
import { receipt, yoshidaJuminhyo } from './fixtures/demo-documents.js';
import { pageImageHashes, pdfText, requirePoppler } from './raster-tools.js';
import { createRenderer, type Renderer } from './renderer.js';

// Golden files: the extracted text and a hash of each page's pixels (pdftoppm, grey, 20 dpi).
// After an intended change of layout, rewrite them with KOFU_UPDATE_GOLDEN=1 and review the diff.
const DIR = join(import.meta.dirname, 'golden');
const UPDATE = process.env.KOFU_UPDATE_GOLDEN === '1';
const DPI = 20;

const normalise = (text: string): string =>
  text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trimEnd()
    .concat('\n');

const check = (file: string, actual: string): void => {
  const path = join(DIR, file);
  if (UPDATE) {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.ok(existsSync(path), `${file} is missing: run the tests once with KOFU_UPDATE_GOLDEN=1`);
  assert.equal(actual, readFileSync(path, 'utf8'), `${file} differs (KOFU_UPDATE_GOLDEN=1 rewrites it)`);
};

let renderer: Renderer;
before(() => {
  requirePoppler();
  renderer = createRenderer();
});

describe('golden renderings', () => {
  const docs = [
    ...renderCases().map((c) => [c.name, c.doc] as const),
    ['yoshida', yoshidaJuminhyo()] as const,
  ];
  for (const [name, doc] of docs) {
    it(name, async () => {
      const { pdf } = await renderer.renderCertificate(doc);
      check(`${name}.txt`, normalise(pdfText(pdf)));
      check(`${name}.pages.txt`, `${pageImageHashes(pdf, DPI).join('\n')}\n`);
    });
  }
  it('receipt', async () => {
    const { pdf } = await renderer.renderReceipt(receipt());
    check('receipt.txt', normalise(pdfText(pdf)));
    check('receipt.pages.txt', `${pageImageHashes(pdf, DPI).join('\n')}\n`);
  });
});
