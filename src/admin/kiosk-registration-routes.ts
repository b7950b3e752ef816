import { type Static, Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { ErrorBody, SessionParams } from '../center/api-types.js';
import type { KioskApiExtension } from '../center/app.js';
import { sendRefusal } from '../center/http-errors.js';
import { applyForHonsekiRegistration, honsekiRegistrationStatus } from './honseki-registration.js';

// The 本籍地 user registration made at a kiosk (SPEC §8): served under /v1 by the center,
// behind its terminal check, for the holder of a session authenticated with card and PIN.

/** What the resident wrote on the kiosk's form. */
export const HonsekiApplicationBody = Type.Object(
  {
    honseki: Type.String({
      minLength: 4,
      maxLength: 200,
      description: '本籍 as the applicant writes it, e.g. 兵庫県赤穂郡上郡町鞍居77番地',
    }),
    hittosha: Type.String({ minLength: 1, maxLength: 60, description: '筆頭者氏名' }),
  },
  { additionalProperties: false },
);
export type HonsekiApplicationBody = Static<typeof HonsekiApplicationBody>;

const State = Type.Union(
  ['pending', 'approved', 'rejected', 'invalidated'].map((s) => Type.Literal(s)),
  { description: 'pending = 審査中, approved = 登録済み, rejected = 却下, invalidated = 証明書更新で失効' },
);
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Japan date' });
const OptionalText = Type.Union([Type.String(), Type.Null()]);

/** One registration as the applicant may see it (no 戸籍 content, only its own application). */
export const HonsekiRegistrationView = Type.Object({
  receiptNumber: Type.String({ description: '受付番号, e.g. HR-284815-000001' }),
  municipalityCode: Type.String(),
  municipalityName: Type.String(),
  state: State,
  effectiveState: Type.String({
    description: 'the state as the kiosk judges it: an approval for an older certificate is invalidated',
  }),
  appliedOn: Day,
  expectedCompletion: { ...Day, description: '完了予定日: 5 business days (開庁日) after appliedOn' },
  decidedOn: Type.Union([Day, Type.Null()]),
  reason: OptionalText,
});

export const HonsekiApplicationAnswer = Type.Intersect([
  HonsekiRegistrationView,
  Type.Object({
    existing: Type.Boolean({
      description: 'true: an application of this card was already pending or approved; it is returned as is',
    }),
  }),
]);
export type HonsekiApplicationAnswer = Static<typeof HonsekiApplicationAnswer>;

export const HonsekiRegistrationList = Type.Object({
  registrations: Type.Array(HonsekiRegistrationView),
});

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 410: ErrorBody };

/** The kiosk API extension: apply (POST) and see the state (GET) of the holder's registrations. */
export const honsekiKioskRoutes: KioskApiExtension = async (app, helpers) => {
  const { ctx } = helpers;
  const holderOf = async (request: FastifyRequest) =>
    helpers.holderSession(request, (request.params as SessionParams).sessionId);

  app.post(
    '/sessions/:sessionId/honseki-registrations',
    {
      schema: {
        tags: ['kiosk'],
        summary: '本籍地の利用者登録の申請 (SPEC §8)',
        description:
          'Applies for the 本籍地 user registration of the card holder of this authenticated session. ' +
          '201 with a new receipt number; 200 with `existing: true` and the receipt number of an application ' +
          'of this card that is still pending (or approved). Refusals: INVALID_REQUEST (field honseki or ' +
          'hittosha; no municipality matches; not needed for a resident of the 本籍 town), ' +
          'HONSEKI_NOT_PARTICIPATING, CARD_UNKNOWN, SESSION_EXPIRED.',
        params: SessionParams,
        body: HonsekiApplicationBody,
        response: { 200: HonsekiApplicationAnswer, 201: HonsekiApplicationAnswer, ...errors },
      },
    },
    async (request, reply) => {
      const s = await holderOf(request);
      if (!s.ok) return sendRefusal(reply, s.error);
      const r = await applyForHonsekiRegistration(
        { kdb: ctx.kdb, clock: ctx.clock },
        { serial: s.value.holder_serial, terminal: helpers.terminalOf(request).id },
        request.body as HonsekiApplicationBody,
      );
      if (!r.ok) return sendRefusal(reply, r.error);
      return reply.code(r.value.existing ? 200 : 201).send(r.value);
    },
  );

  app.get(
    '/sessions/:sessionId/honseki-registrations',
    {
      schema: {
        tags: ['kiosk'],
        summary: "The state of the holder's 本籍地 registrations (old certificates included), newest first",
        params: SessionParams,
        response: { 200: HonsekiRegistrationList, ...errors },
      },
    },
    async (request, reply) => {
      const s = await holderOf(request);
      if (!s.ok) return sendRefusal(reply, s.error);
      const r = await honsekiRegistrationStatus({ kdb: ctx.kdb }, { serial: s.value.holder_serial });
      if (!r.ok) return sendRefusal(reply, r.error);
      return reply.send(r.value);
    },
  );
};
