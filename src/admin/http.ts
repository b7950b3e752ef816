import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AdminError, type AdminResult, adminErrorBody, adminHttpStatus, fail } from './errors.js';

// HTTP plumbing of the console: the session cookie, the CSRF rule, answers and errors.

export const COOKIE = 'kofu_admin';
/** Mutations must carry this header: a cross-site form cannot, and no CORS is offered. */
export const CSRF_HEADER = 'x-kofu-admin';

export const readCookie = (request: FastifyRequest, name: string): string | undefined => {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
};

export const sessionCookie = (request: FastifyRequest, token: string, maxAgeSeconds: number): string =>
  [
    `${COOKIE}=${token}`,
    'Path=/admin',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
    ...(request.protocol === 'https' ? ['Secure'] : []),
  ].join('; ');

/** Same-origin check for state-changing requests: the custom header, and Origin (if sent) = Host. */
export const csrfProblem = (request: FastifyRequest): AdminError | undefined => {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  if (request.headers[CSRF_HEADER] !== '1')
    return fail('forbidden', { detail: `missing ${CSRF_HEADER} header` }).error;
  const origin = request.headers.origin;
  if (origin) {
    try {
      if (new URL(origin).host !== request.headers.host)
        return fail('forbidden', { detail: 'cross-origin request' }).error;
    } catch {
      return fail('forbidden', { detail: 'bad origin' }).error;
    }
  }
  return undefined;
};

export const sendError = (reply: FastifyReply, e: AdminError): FastifyReply =>
  reply.code(adminHttpStatus(e)).header('cache-control', 'no-store').send(adminErrorBody(e));

export const answer = <T>(reply: FastifyReply, r: AdminResult<T>, status = 200): FastifyReply =>
  r.ok
    ? reply.code(status).header('cache-control', 'no-store').send({ ok: true, data: r.value })
    : sendError(reply, r.error);

const fieldOf = (e: FastifyError): string | undefined => {
  const v = e.validation?.[0];
  if (!v) return undefined;
  const p = (v.params as { missingProperty?: string; additionalProperty?: string } | undefined) ?? {};
  const path = `${e.validationContext ?? ''}${v.instancePath.replaceAll('/', '.')}`;
  const extra = p.missingProperty ?? p.additionalProperty;
  return extra ? `${path}.${extra}` : path;
};

/** Inside the admin plugin: bad input → 400 INVALID_REQUEST with the field; anything else → 503, never a stack. */
export const installAdminErrors = (app: FastifyInstance): void => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation)
      return sendError(
        reply,
        fail('invalid', { field: fieldOf(error) ?? 'body', detail: error.message.slice(0, 200) }).error,
      );
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500)
      return sendError(reply, fail('invalid', { field: 'body', detail: error.code ?? 'bad request' }).error);
    request.log.error({ err: { message: error.message, code: error.code } }, 'admin: internal error');
    return sendError(reply, { code: 'SERVICE_UNAVAILABLE', detail: 'internal error' });
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, fail('not_found', { field: 'url' }).error));
};
