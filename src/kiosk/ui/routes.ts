import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { renderPage } from './tray-images.js';
import { KioskUiTerminal, type KioskUiTerminalOptions } from './ui-terminal.js';
import type { UiAction } from './ui-types.js';

// The terminal's local UI server as a fastify plugin: the screen (web/kiosk/dist) at the
// plugin's prefix and a small JSON API under api/ that drives one KioskUiTerminal.

export interface KioskUiRoutesOptions extends KioskUiTerminalOptions {
  /** The built screen (default web/kiosk/dist of this repository). */
  distDir?: string;
  /** Receives the terminal (tests look at its session). */
  onTerminal?: (t: KioskUiTerminal) => void;
}

const here = dirname(fileURLToPath(import.meta.url));
/** web/kiosk/dist, from src/kiosk/ui or dist/kiosk/ui alike. */
export const defaultDistDir = (): string => join(here, '..', '..', '..', 'web', 'kiosk', 'dist');

const ACTIONS = new Set([
  'start',
  'honseki',
  'card',
  'pin',
  'choose',
  'back',
  'confirm',
  'cash',
  'cash_done',
  'cancel',
  'take',
  'activity',
  'finish',
]);

const isAction = (v: unknown): v is UiAction =>
  typeof v === 'object' && v !== null && ACTIONS.has(String((v as { type?: unknown }).type));

/** Mounts the kiosk screen and its local API; register with `{ prefix: '/kiosk', ... }`. */
export const kioskUiRoutes: FastifyPluginAsync<KioskUiRoutesOptions> = async (app: FastifyInstance, opts) => {
  const terminal = new KioskUiTerminal(opts);
  opts.onTerminal?.(terminal);
  app.addHook('onClose', async () => terminal.close());

  app.get('/api/config', async () => terminal.config);

  app.get('/api/state', async (request) => {
    const after = Number((request.query as { after?: string }).after ?? 0);
    if (Number.isFinite(after) && after > 0) await terminal.waitForChange(after, 15_000);
    return terminal.snapshot();
  });

  app.post('/api/action', { bodyLimit: 16 * 1024 }, async (request, reply) => {
    const body = request.body;
    if (!isAction(body))
      return reply
        .code(400)
        .send({ ok: false, error: { code: 'INVALID_REQUEST', detail: 'unknown action' } });
    try {
      const r = await terminal.act(body);
      return reply.code(r.ok ? 200 : 409).send(r);
    } catch {
      return reply.code(400).send({ ok: false, error: { code: 'INVALID_REQUEST', detail: 'bad action' } });
    }
  });

  app.get('/api/tray/:id', async (request, reply) => {
    const file = terminal.trayFile((request.params as { id: string }).id);
    if (!file)
      return reply
        .code(404)
        .send({ ok: false, error: { code: 'INVALID_REQUEST', detail: 'not in the tray' } });
    return reply.type('application/pdf').header('cache-control', 'no-store').send(readFileSync(file));
  });

  app.get('/api/tray/:id/pages/:page', async (request, reply) => {
    const { id, page } = request.params as { id: string; page: string };
    const file = terminal.trayFile(id);
    const n = Number(page.replace(/\.png$/, ''));
    if (!file || !Number.isInteger(n) || n < 1 || n > 200)
      return reply.code(404).send({ ok: false, error: { code: 'INVALID_REQUEST', detail: 'no such page' } });
    const png = await renderPage(file, n);
    if (!png)
      return reply.code(404).send({ ok: false, error: { code: 'INVALID_REQUEST', detail: 'no picture' } });
    return reply.type('image/png').header('cache-control', 'no-store').send(png);
  });

  // Relative URLs of the page need the trailing slash.
  app.get('', async (request, reply) => reply.redirect(`${request.url.split('?')[0]}/`));

  const dist = opts.distDir ?? defaultDistDir();
  if (existsSync(join(dist, 'index.html'))) {
    await app.register(fastifyStatic, { root: dist, prefix: '/', decorateReply: true, index: 'index.html' });
  } else {
    app.get('/', async (_r, reply) =>
      reply.code(503).type('text/plain').send('The kiosk screen is not built: run node web/kiosk/build.mjs'),
    );
  }
};

/** An entry for buildServer's `plugins` list: terminal `terminalId`'s screen at `prefix` (e.g. '/kiosk'). */
export const kioskUiPlugin =
  (opts: KioskUiRoutesOptions & { prefix: string }) =>
  async (app: FastifyInstance): Promise<void> => {
    await app.register(kioskUiRoutes, opts);
  };
