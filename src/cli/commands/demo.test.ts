import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { main } from '../main.js';

const run = async (args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join(''), err: err.join('') };
};

describe('kofu demo init', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kofu-demo-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the registers, the CA and the 17 cards of SPEC §10a', async () => {
    const r = await run(['demo', 'init', '--data', dir, '--now', '2026-11-25T10:00', '--json']);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out) as {
      ok: boolean;
      demoDay: string;
      cards: { name: string; pin: string; serial: string; state: string; previousSerial?: string }[];
    };
    assert.equal(json.ok, true);
    assert.equal(json.demoDay, '2026-11-25');
    assert.equal(json.cards.length, 17);
    assert.deepEqual(
      json.cards.filter((c) => c.state !== 'valid').map((c) => [c.name, c.state]),
      [
        ['locked', 'locked'],
        ['kigengire', 'expired'],
        ['shibou', 'revoked'],
        ['koushin', 'renewed'],
      ],
    );
    assert.ok(json.cards.find((c) => c.name === 'koushin')?.previousSerial);
    assert.equal(json.cards.find((c) => c.name === 'taro')?.pin, '1234');
  });

  it('refuses to initialise twice, but adds synthetic residents', async () => {
    const again = await run(['demo', 'init', '--data', dir, '--json']);
    assert.equal(again.code, 1);
    const more = await run([
      'demo',
      'init',
      '--data',
      dir,
      '--now',
      '2026-11-25T10:00',
      '--residents',
      '500',
      '--json',
    ]);
    assert.equal(more.code, 0, more.err);
    assert.equal((JSON.parse(more.out) as { added: number }).added, 500);
  });

  it('rejects a bad count with exit 2', async () => {
    assert.equal((await run(['demo', 'init', '--data', dir, '--residents', 'lots'])).code, 2);
  });
});
