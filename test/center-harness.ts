import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CenterContext } from '../src/center/context.js';
import { type Clock, parseJapanIso } from '../src/domain/japan-time.js';
import { initDemo } from '../src/municipality/demo/demo-setup.js';
import { openVirtualCard } from '../src/pki/card-admin.js';
import { authenticateWithCard } from '../src/pki/kiosk-auth.js';
import { openDatabase } from '../src/registers/database.js';
import { composeCenter, listenCenter, type RunningServer } from '../src/server/start-server.js';
import { type TerminalClient, terminalClient, terminalCredentials } from './center-client.js';

// Shared set-up of the center's tests: a real demo installation, the real center over
// HTTPS with mutual TLS, real virtual cards.

/** A clock that runs with real time from `iso` and can be moved forward. */
export const movableClock = (iso: string) => {
  const start = parseJapanIso(iso);
  if (!start) throw new Error(`bad ISO ${iso}`);
  let offset = start.getTime() - Date.now();
  const clock: Clock & { advance(ms: number): void } = {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
  return clock;
};

/** A fresh demo installation whose demo day is the day before `iso` (so new cards are usable). */
export const demoDir = async (demoDayIso: string): Promise<string> => {
  const dir = mkdtempSync(join(tmpdir(), 'kofu-center-'));
  await initDemo({ dataDir: dir, clock: movableClock(demoDayIso) });
  return dir;
};

export interface TestCenter extends RunningServer {
  ctx: CenterContext;
  dir: string;
  store: TerminalClient;
  townhall: TerminalClient;
}

/** Starts the real center on an ephemeral port; `adapt` may replace parts (e.g. a municipality that is down). */
export const startTestCenter = async (
  dir: string,
  clock: Clock,
  adapt: (ctx: CenterContext) => CenterContext = (c) => c,
): Promise<TestCenter> => {
  const kdb = await openDatabase({ dataDir: dir });
  const composed = await composeCenter({ dataDir: dir, clock, kdb });
  const ctx = adapt(composed.ctx);
  const server = await listenCenter({ ...composed, ctx }, { dataDir: dir, port: 0, sweepMs: 0 });
  const store = terminalClient(server.url, terminalCredentials(dir, 'store'));
  const townhall = terminalClient(server.url, terminalCredentials(dir, 'townhall'));
  return {
    ...server,
    ctx,
    dir,
    store,
    townhall,
    close: async () => {
      store.close();
      townhall.close();
      await server.close();
    },
  };
};

/** Starts a session and authenticates a demo card with its PIN; returns the session ID. */
export const login = async (
  client: TerminalClient,
  dir: string,
  card: string,
  pin: string,
): Promise<{ sessionId: string; serial: string }> => {
  const s = await client.call('POST', '/v1/sessions', {});
  if (s.status !== 201) throw new Error(`session: ${s.status} ${s.body}`);
  const { sessionId, challengeId, challenge } = s.json();
  const sig = await authenticateWithCard(openVirtualCard(dir, card), pin, Buffer.from(challenge, 'base64'));
  if (!sig.ok) throw new Error(`card: ${JSON.stringify(sig.error)}`);
  const a = await client.call('POST', `/v1/sessions/${sessionId}/authenticate`, {
    challengeId,
    certificate: Buffer.from(sig.value.certificateDer).toString('base64'),
    signature: Buffer.from(sig.value.signature).toString('base64'),
  });
  if (a.status !== 200) throw new Error(`authenticate: ${a.status} ${a.body}`);
  return { sessionId, serial: a.json().holder.serial };
};

let keySeq = 0;
export const key = (prefix: string): string => `${prefix}-${process.pid}-${++keySeq}-${Date.now()}`;

/** Orders and pays; returns the order ID and the session header. */
export const orderAndPay = async (
  client: TerminalClient,
  sessionId: string,
  requests: unknown[],
  insertedYen = 10_000,
): Promise<{ orderId: string; headers: Record<string, string>; totalYen: number }> => {
  const o = await client.call('POST', `/v1/sessions/${sessionId}/orders`, {
    requests,
    idempotencyKey: key('order'),
  });
  if (o.status !== 201) throw new Error(`order: ${o.status} ${o.body}`);
  const { orderId, totalYen } = o.json();
  const headers = { 'x-kofu-session-id': sessionId };
  const p = await client.call(
    'POST',
    `/v1/orders/${orderId}/payment`,
    { insertedYen, idempotencyKey: key('pay') },
    headers,
  );
  if (p.status !== 200) throw new Error(`payment: ${p.status} ${p.body}`);
  return { orderId, headers, totalYen };
};

/** Starts test/center-instance.ts as a child process; resolves with its URL once it listens. */
export const spawnCenter = async (
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'center-instance.ts')],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  child.stderr?.on('data', (b: Buffer) => {
    err += b.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.on('exit', (code) => reject(new Error(`center exited ${code}: ${err.slice(-2000)}`)));
  });
  return { url, child };
};
