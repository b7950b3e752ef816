import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import jpeg from 'jpeg-js';
import { main } from '../src/cli/main.js';
import { juminhyo } from '../src/render/fixtures/demo-documents.js';
import { BACK_CODE_REGION, createRenderer } from '../src/render/index.js';
import { openIssuingSigners } from '../src/server/issuing-keys.js';
import { rasterisePdfPage } from '../src/verify/scan.js';

// `kofu verify` and `kofu certificate void` through the CLI entry: JSON, exit codes, usage errors.

const dir = mkdtempSync(join(tmpdir(), 'kofu-verify-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const run = async (argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join(''), err: err.join('') };
};

test('kofu verify: valid exits 0, unknown keys exit 1 as forged, no keys is a usage error, voided offline keeps valid', async () => {
  const signer = openIssuingSigners(dir, ['284815']).get('284815')!;
  const doc = juminhyo();
  const file = join(dir, 'c.pdf');
  const pdf = (await createRenderer().renderCertificate(doc, { signer })).pdf;
  writeFileSync(file, pdf);
  const ok = await run(['verify', file, '--data', dir, '--json']);
  assert.equal(ok.code, 0, ok.err);
  assert.equal(JSON.parse(ok.out).outcome, 'valid');
  // A JPEG scan of the back (its code's panel on a white 150 dpi A4 page).
  const r = BACK_CODE_REGION;
  const panel = rasterisePdfPage(pdf, 2, 150, r)!;
  const w = 1240;
  const page = Buffer.alloc(w * 1754 * 4, 255);
  const ox = Math.round((r.x * 150) / 72);
  const oy = Math.round((r.y * 150) / 72);
  for (let y = 0; y < panel.height; y++)
    page.set(panel.data.subarray(y * panel.width * 4, (y + 1) * panel.width * 4), ((oy + y) * w + ox) * 4);
  const scan = join(dir, 'back.jpg');
  writeFileSync(scan, jpeg.encode({ width: w, height: 1754, data: page }, 90).data);
  const fromJpeg = await run(['verify', scan, '--data', dir, '--json']);
  assert.equal(fromJpeg.code, 0, fromJpeg.out);
  assert.equal(JSON.parse(fromJpeg.out).serial, doc.serial);
  const empty = mkdtempSync(join(tmpdir(), 'kofu-verify-cli-empty-'));
  const forged = await run(['verify', file, '--data', empty, '--json']);
  rmSync(empty, { recursive: true, force: true });
  assert.equal(forged.code, 1);
  assert.equal(JSON.parse(forged.out).outcome, 'forged');
  assert.equal((await run(['verify', file])).code, 2);
  assert.equal((await run(['verify', join(dir, 'missing.pdf'), '--data', dir])).code, 2);
  const voided = await run([
    'certificate',
    'void',
    doc.serial,
    '--data',
    dir,
    '--reason',
    '誤交付',
    '--json',
  ]);
  assert.equal(voided.code, 0, voided.err);
  assert.equal(JSON.parse(voided.out).voided, true);
  assert.equal((await run(['certificate', 'void', 'K1', '--data', dir, '--reason', 'x'])).code, 2);
});
