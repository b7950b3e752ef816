import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { main } from '../src/cli/main.js';
import { juminhyo } from '../src/render/fixtures/demo-documents.js';
import { createRenderer } from '../src/render/index.js';
import { openIssuingSigners } from '../src/server/issuing-keys.js';

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
  writeFileSync(file, (await createRenderer().renderCertificate(doc, { signer })).pdf);
  const ok = await run(['verify', file, '--data', dir, '--json']);
  assert.equal(ok.code, 0, ok.err);
  assert.equal(JSON.parse(ok.out).outcome, 'valid');
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
