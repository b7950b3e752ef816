import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { centerRoutes, type KioskApiExtension } from '../center/app.js';
import type { CenterContext } from '../center/context.js';
import { installErrorHandling } from '../center/http-errors.js';
import { metricsRoutes } from '../center/metrics.js';

export interface ServerTls {
  key: string;
  cert: string;
  /** The CA whose terminal certificates are accepted. */
  ca: string;
}

export interface BuildServerOptions {
  ctx: CenterContext;
  tls: ServerTls;
  /** pino options, or false for no log (tests). */
  logger?: boolean | object;
  /** Extra public plugins (the PKI's publication point, later the UIs). */
  plugins?: ((app: FastifyInstance) => Promise<void>)[];
  /** Routes of other parts under /v1, behind the terminal check. */
  kioskExtensions?: KioskApiExtension[];
}

export const BODY_LIMIT = 64 * 1024;

/** The HTTPS server: client certificates requested (required on /v1), OpenAPI at /docs. */
export const buildServer = async (opts: BuildServerOptions): Promise<FastifyInstance> => {
  const app = Fastify({
    https: {
      key: opts.tls.key,
      cert: opts.tls.cert,
      ca: opts.tls.ca,
      requestCert: true,
      rejectUnauthorized: false,
    },
    bodyLimit: BODY_LIMIT,
    logger: opts.logger ?? false,
    // Strict: no type coercion, no silently dropped fields.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
    return503OnClosing: true,
  });
  installErrorHandling(app);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'kofu issuance center API',
        description:
          'Kiosk ↔ center protocol (docs/api.md). /v1 needs a terminal client certificate (mutual TLS).',
        version: '1',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  // Before the /v1 routes, so that its hooks count every request.
  await app.register(metricsRoutes);
  await app.register(centerRoutes, {
    prefix: '/v1',
    ctx: opts.ctx,
    ...(opts.kioskExtensions ? { extensions: opts.kioskExtensions } : {}),
  });
  for (const plugin of opts.plugins ?? []) await plugin(app);
  return app;
};
