// `npm start` = `kofu start`: creates the demo installation when the data dir is empty, serves every
// part on one port and prints the URLs; SIGTERM stops it cleanly.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const root = new URL('..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'kofu-start-'));
let child: ChildProcess | undefined;
after(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

// The center serves with its own CA; this test only checks that each part answers.
const status = (url: string, method = 'GET'): Promise<number> =>
  new Promise((done, fail) => {
    const req = request(url, { method, rejectUnauthorized: false }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('error', fail);
    req.end();
  });

const runKofu = (args: string[]): ChildProcess =>
  spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(join(root, 'src/cli/main.ts'))}); process.exitCode = await m.main(${JSON.stringify(args)});`,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );

test('kofu start creates the demo, serves every part on one port, prints the URLs and stops on SIGTERM', async () => {
  child = runKofu(['start', '--data', dataDir, '--port', '0', '--now', '2026-11-26T10:00']);
  let out = '';
  child.stdout?.on('data', (b: Buffer) => {
    out += b.toString();
  });
  child.stderr?.on('data', (b: Buffer) => {
    out += b.toString();
  });
  const deadline = Date.now() + 120_000;
  while (!/Ctrl-C/.test(out)) {
    assert.ok(Date.now() < deadline, `kofu start did not come up:\n${out}`);
    assert.equal(child.exitCode, null, `kofu start exited early:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.match(out, /Creating the demo installation/);
  assert.match(out, /Console accounts \(passwords shown only now\):\n\s+juminka \(juminka\): \S{12,}/);
  const kiosk = /kiosk screen \(store\):\s+(https:\/\/localhost:\d+)\/kiosk\//.exec(out);
  assert.ok(kiosk?.[1], out);
  const base = kiosk[1];
  assert.match(out, new RegExp(`admin console:\\s+${base}/admin/`));
  assert.match(out, /juminhyo .*open/);

  for (const path of [
    '/kiosk/',
    '/kiosk-townhall/',
    '/admin/',
    '/verify/',
    '/healthz',
    '/metrics',
    '/docs/json',
  ]) {
    assert.equal(await status(base + path), 200, path);
  }
  // The kiosk API refuses a caller without a terminal certificate.
  const v1 = await status(`${base}/v1/sessions`, 'POST');
  assert.ok(v1 === 401 || v1 === 403, `v1 without a terminal certificate: ${v1}`);

  const exited = new Promise<number | null>((done) => child?.once('exit', (code) => done(code)));
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
});
