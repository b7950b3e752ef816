import { type Static, Type } from '@sinclair/typebox';

// The municipal issuing API (LGWAN side) as typebox schemas: the IssuingPort over HTTP.

const Id = Type.String({ minLength: 1, maxLength: 100 });

export const IssuingCallBody = Type.Object(
  {
    holder: Type.Object(
      {
        serial: Id,
        issuedOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Japan date of notBefore' }),
      },
      { additionalProperties: false },
    ),
    terminal: Type.Object(
      { id: Id, kind: Type.Union([Type.Literal('store'), Type.Literal('townhall')]) },
      { additionalProperties: false },
    ),
    now: Type.String({ description: 'ISO 8601 instant', maxLength: 40 }),
  },
  { additionalProperties: false },
);
export type IssuingCallBody = Static<typeof IssuingCallBody>;

/** The request is validated by the domain (validateRequest), so its shape is left open here. */
const RequestField = Type.Object(
  {},
  {
    additionalProperties: true,
    description: 'CertificateRequest (src/domain/request.ts), validated by validateRequest',
  },
);

export const CheckBody = Type.Composite([IssuingCallBody, Type.Object({ request: RequestField })], {
  additionalProperties: false,
});
export type CheckBody = Static<typeof CheckBody>;

export const IssueBody = Type.Composite(
  [IssuingCallBody, Type.Object({ request: RequestField, orderId: Id })],
  {
    additionalProperties: false,
  },
);
export type IssueBody = Static<typeof IssueBody>;

/** Every answer: the port's Result, `{ok:true,value}` or `{ok:false,error:{code,…}}`. */
export const ResultReply = Type.Object(
  {
    ok: Type.Boolean(),
    value: Type.Optional(Type.Unknown()),
    error: Type.Optional(Type.Object({ code: Type.String() }, { additionalProperties: true })),
  },
  { additionalProperties: false },
);

export const RoutingReply = Type.Object(
  {
    residence: Type.Optional(Type.String()),
    honseki: Type.Optional(Type.String()),
    honsekiParticipating: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
