import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { CertificateDocument } from '../domain/documents.js';
import { parseJapanIso } from '../domain/japan-time.js';
import { type Result, refuse } from '../domain/refusal.js';
import { CheckBody, IssueBody, IssuingCallBody, ResultReply, RoutingReply } from './http-schemas.js';
import type { IssuingCall, IssuingPort } from './issuing-port.js';

/** PNG seal data travels as base64 in JSON. */
export const documentsToJson = (docs: CertificateDocument[]): unknown[] =>
  docs.map((d) =>
    d.type === 'inkan' && d.seal.format === 'png'
      ? { ...d, seal: { ...d.seal, data: Buffer.from(d.seal.data).toString('base64') } }
      : d,
  );

const toCall = (b: IssuingCallBody): IssuingCall | undefined => {
  const now = parseJapanIso(b.now);
  return now ? { holder: b.holder, terminal: b.terminal, now } : undefined;
};

const badNow = refuse('INVALID_REQUEST', { field: 'now', detail: 'not an ISO 8601 instant' });

export interface MunicipalityRoutesOptions {
  port: IssuingPort;
}

/**
 * The issuing port over HTTP for the center (LGWAN side). Register it with a prefix, e.g.
 * `/lgwan/284815`. Refusals are results (200 with `ok:false`); a malformed body is a 400.
 */
export const municipalityRoutes: FastifyPluginAsync<MunicipalityRoutesOptions> = async (
  app: FastifyInstance,
  opts: MunicipalityRoutesOptions,
) => {
  const { port } = opts;
  const tags = [`municipality ${port.municipalityCode}`];
  app.setErrorHandler((err: Error & { validation?: unknown; statusCode?: number }, _req, reply) => {
    // Schema failures and unparsable bodies are the caller's fault; anything else is ours.
    if (err.validation || (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500)) {
      reply.code(400).send(refuse('INVALID_REQUEST', { detail: String(err.message).slice(0, 200) }));
      return;
    }
    reply.log.error(err);
    reply.code(503).send(refuse('SERVICE_UNAVAILABLE'));
  });

  app.get<{ Params: { serial: string } }>(
    '/routing/:serial',
    {
      schema: {
        tags,
        summary: 'Residence and 本籍 municipality of a card holder',
        params: {
          type: 'object',
          properties: { serial: { type: 'string', maxLength: 100 } },
          required: ['serial'],
        },
        response: { 200: RoutingReply },
      },
    },
    async (req) => port.findRouting(req.params.serial),
  );

  app.post<{ Body: IssuingCallBody }>(
    '/choices',
    {
      schema: {
        tags,
        summary: 'Certificates available now, household and 戸籍 members',
        body: IssuingCallBody,
        response: { 200: ResultReply },
      },
    },
    async (req) => {
      const call = toCall(req.body);
      return call ? port.choices(call) : badNow;
    },
  );

  app.post<{ Body: CheckBody }>(
    '/check',
    {
      schema: {
        tags,
        summary: 'Judge and price one request before payment',
        body: CheckBody,
        response: { 200: ResultReply },
      },
    },
    async (req) => {
      const call = toCall(req.body);
      return call ? port.check({ ...call, request: req.body.request }) : badNow;
    },
  );

  app.post<{ Body: IssueBody }>(
    '/issue',
    {
      schema: {
        tags,
        summary: 'Issue one paid request: one document per copy',
        body: IssueBody,
        response: { 200: ResultReply },
      },
    },
    async (req) => {
      const call = toCall(req.body);
      if (!call) return badNow;
      const r: Result<CertificateDocument[]> = await port.issue({
        ...call,
        request: req.body.request,
        orderId: req.body.orderId,
      });
      return r.ok ? { ok: true, value: documentsToJson(r.value) } : r;
    },
  );
};
