import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { fixedClock } from '../src/domain/japan-time.js';
import { kioskUiRoutes } from '../src/kiosk/ui/routes.js';
import { tempDir } from './kiosk-support.js';

// The terminal's local API on bad input: clear 4xx answers, never a crash, never a file
// outside the printer tray. (No center is needed until a transaction starts.)

const app = async () => {
  const a = Fastify({ logger: false });
  await a.register(kioskUiRoutes, {
    prefix: '/kiosk',
    dataDir: tempDir('kiosk-ui-api'),
    centerUrl: 'https://localhost:1',
    terminalId: 'store',
    clock: fixedClock(new Date('2026-11-25T01:00:00Z')),
    cards: [{ name: 'taro', label: '上郡 太郎', pin: '1234' }],
  });
  return a;
};

test('the start state, the config and the redirect to the page', async () => {
  const a = await app();
  const s = await a.inject({ method: 'GET', url: '/kiosk/api/state' });
  assert.equal(s.statusCode, 200);
  assert.equal(s.json().step, 'start');
  assert.deepEqual(s.json().reminders, []);
  const c = (await a.inject({ method: 'GET', url: '/kiosk/api/config' })).json();
  assert.deepEqual(c.denominations, [10000, 5000, 2000, 1000, 500, 100, 50, 10]);
  const r = await a.inject({ method: 'GET', url: '/kiosk' });
  assert.equal(r.statusCode, 302);
  assert.equal(r.headers.location, '/kiosk/');
  await a.close();
});

test('actions out of turn or malformed are refused with a code, never a 500', async () => {
  const a = await app();
  const bodies: unknown[] = [
    {},
    { type: 'nope' },
    'not json',
    [1, 2],
    { type: 'pin', pin: '12345' },
    { type: 'pin', pin: '1234' },
    { type: 'cash', piece: 3 },
    { type: 'cash', piece: 100 },
    { type: 'choose', requests: 'x' },
    { type: 'confirm', yes: true },
    { type: 'take', what: 'documents' },
    { type: 'card', action: 'insert', name: '../../etc/passwd' },
    { type: 'card', action: 'remove' },
    { type: 'finish' },
    { type: 'cancel' },
    { type: 'start', service: 'nope' },
    { type: 'honseki', honseki: '兵庫県赤穂郡上郡町鞍居77番地', hittosha: '松本 美咲' },
    { type: 'honseki', honseki: 1, hittosha: null },
    { type: 'back' },
  ];
  for (const body of bodies) {
    const r = await a.inject({
      method: 'POST',
      url: '/kiosk/api/action',
      headers: { 'content-type': 'application/json' },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
    assert.ok(r.statusCode < 500, `${JSON.stringify(body)} → ${r.statusCode}`);
    if (r.statusCode !== 200) assert.ok(r.json().error?.code ?? r.json().code, r.body);
  }
  assert.equal((await a.inject({ method: 'GET', url: '/kiosk/api/state' })).json().step, 'start');
  await a.close();
});

test('the printer tray serves only what lies in it', async () => {
  const a = await app();
  for (const url of [
    '/kiosk/api/tray/..%2F..%2F..%2Fetc%2Fpasswd',
    '/kiosk/api/tray/kofu.sqlite',
    '/kiosk/api/tray/x.pdf/pages/1.png',
    '/kiosk/api/tray/x.pdf/pages/-1',
  ]) {
    const r = await a.inject({ method: 'GET', url });
    assert.equal(r.statusCode, 404, url);
  }
  await a.close();
});
