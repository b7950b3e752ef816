import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

// Serves the built console (web/admin/dist) at /admin/ and the BIZ UDGothic web font, since
// a kiosk-room PC (or headless chromium) may have no Japanese system font at all.

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
};

const FONTS: Record<string, string> = {
  'biz-udgothic-400.ttf': '@expo-google-fonts/biz-udgothic/400Regular/BIZUDGothic_400Regular.ttf',
  'biz-udgothic-700.ttf': '@expo-google-fonts/biz-udgothic/700Bold/BIZUDGothic_700Bold.ttf',
};

/** web/admin/dist of this package (the same from src/admin and from the compiled dist/admin). */
export const defaultAdminDist = (): string =>
  join(fileURLToPath(new URL('../../', import.meta.url)), 'web', 'admin', 'dist');

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self'; frame-ancestors 'none'",
};

/** The console's files: `await adminStatic(app, { distDir? })` serves /admin/ (index.html for unknown paths). */
export const adminStatic = async (app: FastifyInstance, opts: { distDir?: string } = {}): Promise<void> => {
  const dist = opts.distDir ?? defaultAdminDist();
  const require = createRequire(import.meta.url);
  const send = (reply: import('fastify').FastifyReply, file: string, cache: string) =>
    reply
      .headers(SECURITY_HEADERS)
      .header('cache-control', cache)
      .type(TYPES[extname(file)] ?? 'application/octet-stream')
      .send(readFileSync(file));

  app.get('/admin', { schema: { hide: true } }, (_q, reply) => reply.redirect('/admin/'));
  app.get('/admin/fonts/:file', { schema: { hide: true } }, (request, reply) => {
    const pkg = FONTS[(request.params as { file: string }).file];
    if (!pkg)
      return reply.code(404).send({
        ok: false,
        error: {
          code: 'INVALID_REQUEST',
          field: 'url',
          message: 'no such file',
          messageEn: 'no such file',
        },
      });
    return send(reply, require.resolve(pkg), 'public, max-age=604800');
  });
  app.get('/admin/*', { schema: { hide: true } }, (request, reply) => {
    const rest = (request.params as { '*': string })['*'] ?? '';
    if (rest.startsWith('api/')) return reply.callNotFound();
    const index = join(dist, 'index.html');
    if (!existsSync(index))
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The admin console is not built: run node web/admin/build.mjs');
    const file = normalize(join(dist, rest));
    const inside = file.startsWith(dist + sep);
    if (inside && existsSync(file) && statSync(file).isFile())
      return send(
        reply,
        file,
        rest.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    return send(reply, index, 'no-cache');
  });
};
