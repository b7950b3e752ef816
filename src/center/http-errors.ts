import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { refusalMessage } from '../domain/messages.js';
import type { Refusal, RefusalCode } from '../domain/refusal.js';
import type { ErrorBody } from './api-types.js';
import { httpStatus } from './http-status.js';

// One way to answer an error: the code, both wordings, details; never a stack trace.

export const errorBody = (refusal: Refusal): ErrorBody => ({
  ok: false,
  error: { ...refusal, message: refusalMessage(refusal, 'ja'), messageEn: refusalMessage(refusal, 'en') },
});

/** Sends a refusal with the status of the code table (or `status` where the table is too coarse). */
export const sendRefusal = (reply: FastifyReply, refusal: Refusal, status?: number): FastifyReply =>
  reply.code(status ?? httpStatus(refusal.code)).send(errorBody(refusal));

const invalid = (field: string | undefined, detail: string): Refusal => ({
  code: 'INVALID_REQUEST' as RefusalCode,
  ...(field ? { field } : {}),
  detail,
});

const fieldOf = (e: FastifyError): string | undefined => {
  const v = e.validation?.[0];
  if (!v) return undefined;
  const missing = (v.params as { missingProperty?: string; additionalProperty?: string } | undefined) ?? {};
  const path = `${e.validationContext ?? ''}${v.instancePath.replaceAll('/', '.')}`;
  const extra = missing.missingProperty ?? missing.additionalProperty;
  return extra ? `${path}.${extra}` : path;
};

/** Validation → 400 with the field, too large → 413, unknown route → 404; others logged, generic. */
export const installErrorHandling = (app: FastifyInstance): void => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation)
      return sendRefusal(reply, invalid(fieldOf(error), error.message.slice(0, 200)), 400);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return sendRefusal(reply, invalid('body', 'body too large'), 413);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500)
      return sendRefusal(reply, invalid(undefined, error.code ?? 'bad request'), status);
    request.log.error({ err: { message: error.message, code: error.code } }, 'internal error');
    return sendRefusal(reply, { code: 'SERVICE_UNAVAILABLE', detail: 'internal error' }, 500);
  });
  app.setNotFoundHandler((_request, reply) => sendRefusal(reply, invalid('url', 'no such route'), 404));
};
