import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { LockTimeoutError, withFileLock } from './file-lock.js';

const dir = mkdtempSync(join(tmpdir(), 'kofu-lock-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('withFileLock', () => {
  it('runs callers one at a time and releases the lock', async () => {
    const path = join(dir, 'a.lock');
    const log: string[] = [];
    const task = (name: string) =>
      withFileLock(path, async () => {
        log.push(`${name} in`);
        await new Promise((r) => setTimeout(r, 20));
        log.push(`${name} out`);
      });
    await Promise.all([task('x'), task('y'), task('z')]);
    for (let i = 0; i < log.length; i += 2) assert.equal(log[i]!.split(' ')[0], log[i + 1]!.split(' ')[0]);
    assert.equal(existsSync(path), false);
  });

  it('breaks the lock of a dead process and of a crashed half-written lock, not a live one', async () => {
    const dead = join(dir, 'dead.lock');
    writeFileSync(dead, `999999999 ${Date.now()}`);
    assert.equal(await withFileLock(dead, () => 'got it', { timeoutMs: 2000 }), 'got it');
    const empty = join(dir, 'empty.lock');
    writeFileSync(empty, '');
    utimesSync(empty, new Date(Date.now() - 5000), new Date(Date.now() - 5000));
    assert.equal(await withFileLock(empty, () => 'got it', { timeoutMs: 2000 }), 'got it');
    const live = join(dir, 'live.lock');
    writeFileSync(live, `${process.ppid} ${Date.now()}`);
    await assert.rejects(
      withFileLock(live, () => 'never', { timeoutMs: 200 }),
      (e) => e instanceof LockTimeoutError,
    );
  });
});
