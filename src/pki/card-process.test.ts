import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { APDU, EF, splitResponse } from './apdu.js';
import { findCardSummary, openVirtualCard } from './card-admin.js';
import { readCardFile } from './card-file.js';
import { cardPath } from './paths.js';
import { createTestPki, type TestPki } from './testing.js';

const child = fileURLToPath(new URL('./fixtures/card-child.ts', import.meta.url));
let t: TestPki;
before(async () => {
  t = await createTestPki([
    { name: 'kill', pin: '1234' },
    { name: 'pair', pin: '1234' },
    { name: 'random', pin: '1234' },
  ]);
});
after(() => t.cleanup());

const run = (mode: string, card: string, pin: string) => {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, mode, t.dataDir, card, pin], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiters: [string, () => void][] = [];
  let buffer = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      lines.push(line);
      for (const [want, resolve] of waiters) if (line.startsWith(want)) resolve();
    }
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const waitFor = (want: string) =>
    lines.some((l) => l.startsWith(want))
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.push([want, resolve]));
  return { proc, lines, exited, waitFor };
};

const kill = async (p: { proc: ChildProcess; exited: Promise<number | null> }) => {
  p.proc.kill('SIGKILL');
  await p.exited;
};

describe('the PIN counter across processes', () => {
  it('keeps a wrong attempt counted when the process is SIGKILLed in the middle of VERIFY', async () => {
    const c = run('hang-after-counter-write', 'kill', '9999');
    await c.waitFor('COMMITTED');
    await kill(c);
    assert.equal(c.lines.filter((l) => l.startsWith('SW')).length, 0, 'killed before it answered');
    assert.equal(readCardFile(cardPath(t.dataDir, 'kill'))?.remainingTries, 2);
    // The dead process's lock is stale: the card still works, and the attempt stays counted.
    const card = openVirtualCard(t.dataDir, 'kill', { lockTimeoutMs: 3000 });
    await card.transmit(APDU.selectJpkiAp());
    await card.transmit(APDU.selectEf(EF.USER_PIN));
    assert.equal(splitResponse(await card.transmit(APDU.verify()))!.sw, 0x63c2);
  });

  it('serialises two processes on one card file (no lost counter update)', async () => {
    const b = run('on-go', 'pair', '0001');
    await b.waitFor('READY');
    const a = run('slow-read', 'pair', '0000');
    await a.waitFor('READ');
    // B's VERIFY arrives while A holds the card between reading and writing the counter.
    b.proc.stdin!.end('go\n');
    await Promise.all([a.exited, b.exited]);
    const answers = [...a.lines, ...b.lines].filter((l) => l.startsWith('SW')).sort();
    assert.deepEqual(answers, ['SW 63c1', 'SW 63c2']);
    assert.equal(findCardSummary(t.dataDir, 'pair')?.pin.remainingTries, 1);
  });

  it('never leaves a damaged card file when killed at a random instant', async () => {
    const c = run('loop', 'random', '1234');
    await c.waitFor('SW');
    await new Promise((r) => setTimeout(r, 50 + Math.random() * 250));
    await kill(c);
    const card = readCardFile(cardPath(t.dataDir, 'random'));
    assert.ok(card, 'the card file parses');
    // Wrong and right PINs alternate, so at most one wrong attempt (plus one in flight) is pending.
    assert.ok(card.remainingTries >= 1 && card.remainingTries <= 3, `tries ${card.remainingTries}`);
    // Nothing sharper holds for the last answer seen: after 63C2 the right PIN's VERIFY may be killed
    // before it starts (2), after its attempt was counted but before the reset (1), or after the reset (3).
  });
});
