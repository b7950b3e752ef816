import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixedClock, parseJapanIso } from '../../domain/japan-time.js';
import { createDemoPki } from '../../pki/index.js';
import { main } from '../main.js';

const run = async (args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

const dir = mkdtempSync(join(tmpdir(), 'kofu-cli-pki-'));
before(async () => {
  const issuedAt = parseJapanIso('2025-04-01T10:00')!;
  await createDemoPki({
    dataDir: dir,
    clock: fixedClock(parseJapanIso('2026-11-25T10:00')!),
    cards: [
      { name: 'taro', pin: '1234', birthDate: '1970-05-05', issuedAt, state: 'valid' },
      { name: 'locked', pin: '4444', birthDate: '1970-05-05', issuedAt, state: 'locked' },
      { name: 'hanako', pin: '2345', birthDate: '1972-08-08', issuedAt, state: 'valid' },
    ],
  });
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('kofu card and kofu pki', () => {
  it('shows a card without its PIN or key', async () => {
    const r = await run(['card', 'show', '--data', dir, 'locked', '--json']);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    assert.equal(json.card.pin.locked, true);
    assert.equal(json.card.pin.remainingTries, 0);
    assert.match(json.card.serial, /^[0-9A-F]{32}$/);
    assert.equal(json.card.notAfter, '2029-05-05T23:59:59+09:00');
    assert.ok(!/4444|PRIVATE|userKey|hash/.test(r.out));
    const text = await run(['card', 'show', '--data', dir, 'locked']);
    assert.match(text.out, /LOCKED/);
  });

  it('resets a PIN, and refuses bad arguments with exit 2 and unknown cards with exit 1', async () => {
    assert.equal((await run(['card', 'reset-pin', '--data', dir, 'locked', '--pin', '4321'])).code, 0);
    assert.equal(
      JSON.parse((await run(['card', 'show', '--data', dir, 'locked', '--json'])).out).card.pin.locked,
      false,
    );
    const bad = await run(['card', 'reset-pin', '--data', dir, 'locked', '--pin', '12a4']);
    assert.equal(bad.code, 2);
    assert.equal(bad.err.trim().split('\n').length, 1);
    const unknown = await run(['card', 'show', '--data', dir, 'nobody', '--json']);
    assert.equal(unknown.code, 1);
    assert.equal(JSON.parse(unknown.out).error.code, 'CARD_UNKNOWN');
    assert.equal((await run(['card', 'show', '--data', dir, '../etc'])).code, 2);
    assert.equal((await run(['pki', 'revoke', '--data', dir])).code, 2, 'neither --serial nor --card');
    assert.equal(
      (await run(['pki', 'revoke', '--data', dir, '--card', 'taro', '--reason', 'bored'])).code,
      2,
    );
    assert.equal((await run(['pki', 'suspend', '--data', dir, '--serial', 'xyz'])).code, 2);
    assert.equal((await run(['pki', 'revoke', '--data', dir, '--card', 'nobody', '--json'])).code, 1);
  });

  it('suspends, resumes, renews and revokes by card or serial', async () => {
    const show = async (name: string) =>
      JSON.parse((await run(['card', 'show', '--data', dir, name, '--json'])).out).card;
    const hanako = await show('hanako');
    const s = await run(['pki', 'suspend', '--data', dir, '--card', 'hanako', '--json']);
    assert.equal(JSON.parse(s.out).status, 'suspended');
    const resumed = await run([
      'pki',
      'resume',
      '--data',
      dir,
      '--serial',
      hanako.serial.toLowerCase(),
      '--json',
    ]);
    assert.equal(JSON.parse(resumed.out).status, 'good');
    const renewed = JSON.parse(
      (await run(['pki', 'renew', '--data', dir, '--card', 'hanako', '--json'])).out,
    );
    assert.equal(renewed.previousSerial, hanako.serial);
    assert.notEqual(renewed.serial, hanako.serial);
    assert.equal((await show('hanako')).serial, renewed.serial);
    const again = await run(['pki', 'renew', '--data', dir, '--serial', hanako.serial, '--json']);
    assert.equal(again.code, 1, 'the old serial is no longer on the card');
    const r = await run(['pki', 'revoke', '--data', dir, '--card', 'taro', '--reason', 'death', '--json']);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual([JSON.parse(r.out).status, JSON.parse(r.out).reason], ['revoked', 'death']);
    assert.equal((await run(['pki', 'revoke', '--data', dir, '--card', 'taro', '--json'])).code, 1);
  });
});
