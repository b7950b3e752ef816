import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { juminhyo, koseki, testSigner } from '../src/render/fixtures/demo-documents.js';
import { createRenderer } from '../src/render/index.js';
import { pdfPageTexts, verifyFiles, verifyPdf } from '../src/verify/index.js';

// Offline verification of PDFs: genuine, one word rewritten, a foreign sheet, forged and unknown keys.

const renderer = createRenderer();
const issuer = testSigner('284815-1');
const keys: ReadonlyMap<string, KeyObject> = new Map([['284815-1', issuer.publicKey]]);
const dir = mkdtempSync(join(tmpdir(), 'kofu-verify-test-'));
let jumin: Uint8Array;
let kos: Uint8Array;

before(async () => {
  jumin = (await renderer.renderCertificate(juminhyo(), { signer: issuer.signer })).pdf;
  kos = (await renderer.renderCertificate(koseki(), { signer: issuer.signer })).pdf;
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** A PDF made of pages taken from several PDFs (poppler's pdfseparate + pdfunite). */
const assemble = (parts: [Uint8Array, number][]): Uint8Array => {
  const files = parts.map(([pdf, page], i) => {
    const src = join(dir, `src-${i}.pdf`);
    writeFileSync(src, pdf);
    const out = join(dir, `page-${i}.pdf`);
    execFileSync('pdfseparate', ['-f', String(page), '-l', String(page), src, out]);
    return out;
  });
  const out = join(dir, 'assembled.pdf');
  execFileSync('pdfunite', [...files, out]);
  return new Uint8Array(readFileSync(out));
};

test('a genuine one-sheet and three-sheet PDF verify as valid', () => {
  const one = verifyPdf(jumin, keys);
  assert.equal(one.outcome, 'valid', one.problems.join('; '));
  assert.equal(one.sheets[0]?.contentMatches, true);
  const three = verifyFiles([kos], keys);
  assert.equal(three.outcome, 'valid', three.problems.join('; '));
  assert.equal(three.pages, 3);
  assert.deepEqual(
    three.sheets.map((s) => s.page),
    [1, 2, 3],
  );
});

test('one glyph rewritten in a text object of the front is altered', () => {
  const latin = Buffer.from(jumin).toString('latin1');
  // The name's text object: swap its glyph codes for another text's, same length, so the PDF stays well formed.
  const runs = [...latin.matchAll(/<([0-9a-f]{8,})> Tj/g)];
  const target = runs[7]!;
  const other = runs.find((r) => r[1]!.length >= target[1]!.length && r[1] !== target[1])!;
  const bytes = Buffer.from(jumin);
  bytes.write(other[1]!.slice(0, 4), target.index! + 1, 'latin1');
  const texts = pdfPageTexts(bytes)!;
  assert.notDeepEqual(texts[0], pdfPageTexts(jumin)![0]);
  const v = verifyPdf(bytes, keys);
  assert.equal(v.outcome, 'altered', JSON.stringify(v));
  assert.equal(v.sheets[0]?.signature, 'ok');
});

test('a sheet of another certificate, and a missing sheet are incomplete', async () => {
  const doc = koseki();
  const other = (
    await renderer.renderCertificate(
      { ...doc, serial: `${doc.serial.slice(0, -1)}9` },
      { signer: issuer.signer },
    )
  ).pdf;
  const foreign = verifyPdf(
    assemble([
      [kos, 1],
      [kos, 2],
      [other, 3],
      [other, 4],
      [kos, 5],
      [kos, 6],
    ]),
    keys,
  );
  assert.equal(foreign.outcome, 'incomplete');
  assert.ok(
    foreign.problems.some((p) => p.includes('foreign')),
    foreign.problems.join('; '),
  );
  const missing = verifyPdf(
    assemble([
      [kos, 1],
      [kos, 2],
      [kos, 5],
      [kos, 6],
    ]),
    keys,
  );
  assert.equal(missing.outcome, 'incomplete');
  assert.ok(missing.problems.some((p) => p.includes('2/3 is missing')));
});

test('a signature by another key under the same keyId is forged; an unknown keyId is forged', async () => {
  const impostor = testSigner('284815-1');
  const forged = (await renderer.renderCertificate(juminhyo(), { signer: impostor.signer })).pdf;
  const v = verifyPdf(forged, keys);
  assert.equal(v.outcome, 'forged');
  assert.equal(v.sheets[0]?.signature, 'bad');
  const unknown = (await renderer.renderCertificate(juminhyo(), { signer: testSigner('999999-1').signer }))
    .pdf;
  const u = verifyPdf(unknown, keys);
  assert.equal(u.outcome, 'forged');
  assert.equal(u.sheets[0]?.signature, 'unknown-key');
});

test('an unsigned specimen is forged and garbage is unreadable', async () => {
  const specimen = (await renderer.renderCertificate(juminhyo())).pdf;
  assert.equal(verifyPdf(specimen, keys).outcome, 'forged');
  assert.equal(verifyFiles([new Uint8Array([1, 2, 3])], keys).outcome, 'unreadable');
  assert.equal(verifyFiles([new TextEncoder().encode('%PDF-1.3\ngarbage')], keys).outcome, 'unreadable');
});

test('the back carries the front sealed to the verification service: its key opens every sheet, its text is the front', async () => {
  const service = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const r = await renderer.renderCertificate(koseki(), { signer: issuer.signer, pageKey: service.publicKey });
  const texts = pdfPageTexts(r.pdf)!;
  const v = verifyFiles([r.pdf], keys, { pageKey: service.privateKey });
  assert.equal(v.outcome, 'valid', v.problems.join('; '));
  assert.deepEqual(
    v.sheets.map((s) => s.pageMatches),
    [true, true, true],
  );
  assert.equal(v.opened?.length, 3);
  for (const o of v.opened ?? [])
    assert.deepEqual(
      o.image.runs.map((x) => x.text),
      texts[(o.page - 1) * 2],
    );
  assert.equal(r.shortCodes.length, 3);
});
