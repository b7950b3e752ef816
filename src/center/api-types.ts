import { type Static, Type } from '@sinclair/typebox';
import { CERTIFICATE_CODES } from '../domain/catalogue.js';
import { REFUSAL_CODES } from '../domain/refusal.js';

// The kiosk ↔ center protocol (docs/api.md, /work/notes/protocol.md): one typebox schema
// per body, and its TypeScript type of the same name. Kiosks import these types only.

const literalUnion = <T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v)));

export const RefusalCodeSchema = literalUnion(REFUSAL_CODES);
export const CertificateCodeSchema = literalUnion(CERTIFICATE_CODES);

/** Every non-2xx answer: the SPEC §11 code, both wordings, and code-specific details. */
export const ErrorBody = Type.Object({
  ok: Type.Literal(false),
  error: Type.Object(
    {
      code: RefusalCodeSchema,
      message: Type.String({ description: 'Japanese wording for the kiosk screen' }),
      messageEn: Type.String(),
      remainingTries: Type.Optional(Type.Integer()),
      nextOpen: Type.Optional(Type.String()),
      availableFrom: Type.Optional(Type.String()),
      characters: Type.Optional(Type.Array(Type.String())),
      missing: Type.Optional(Type.Integer()),
      field: Type.Optional(Type.String()),
      detail: Type.Optional(Type.String()),
      /** SERVICE_UNAVAILABLE after payment, or cancel: the order's state and the yen to hand back. */
      orderState: Type.Optional(Type.String()),
      refundYen: Type.Optional(Type.Integer()),
    },
    { additionalProperties: true },
  ),
});
export type ErrorBody = Static<typeof ErrorBody>;

const Id = Type.String({ minLength: 1, maxLength: 100 });
const IdempotencyKey = Type.String({
  minLength: 8,
  maxLength: 100,
  description: 'random, chosen by the kiosk',
});
const Iso = Type.String({ description: 'ISO 8601 with +09:00' });

/** One request of SPEC §3 (src/domain/request.ts); the domain validates the combination. */
export const CertificateRequestBody = Type.Object(
  {
    cert: CertificateCodeSchema,
    copies: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
    scope: Type.Optional(literalUnion(['self', 'household', 'members'] as const)),
    members: Type.Optional(Type.Array(Id, { maxItems: 100 })),
    householder: Type.Optional(Type.Boolean()),
    honseki: Type.Optional(Type.Boolean()),
    kind: Type.Optional(literalUnion(['all', 'individual'] as const)),
  },
  { additionalProperties: false },
);
export type CertificateRequestBody = Static<typeof CertificateRequestBody>;

const Requests = Type.Array(CertificateRequestBody, { minItems: 1, maxItems: 7 });

export const SessionParams = Type.Object({ sessionId: Id });
export type SessionParams = Static<typeof SessionParams>;
export const OrderParams = Type.Object({ orderId: Id });
export type OrderParams = Static<typeof OrderParams>;
export const DocumentParams = Type.Object({ orderId: Id, documentId: Id });
export type DocumentParams = Static<typeof DocumentParams>;

/** POST /v1/sessions (body may be empty). */
export const CreateSessionBody = Type.Object(
  { language: Type.Optional(literalUnion(['ja', 'en'] as const)) },
  { additionalProperties: false },
);
export type CreateSessionBody = Static<typeof CreateSessionBody>;
export const SessionCreated = Type.Object({
  sessionId: Type.String(),
  challengeId: Type.String(),
  /** base64 of 32 random bytes: the card signs these bytes (JPKI COMPUTE DIGITAL SIGNATURE over their SHA-256 DigestInfo). */
  challenge: Type.String(),
  /** When the challenge stops being accepted. */
  challengeExpiresAt: Iso,
  /** Idle time-out of the session in seconds; any call on the session or its orders resets it. */
  idleTimeoutSeconds: Type.Integer(),
  terminal: Type.Object({
    id: Type.String(),
    kind: literalUnion(['store', 'townhall'] as const),
    storeName: Type.String(),
  }),
});
export type SessionCreated = Static<typeof SessionCreated>;

/** POST /v1/sessions/:sessionId/authenticate */
export const AuthenticateBody = Type.Object(
  {
    challengeId: Id,
    /** base64 DER of the card's user-authentication certificate (EF 000A). */
    certificate: Type.String({ minLength: 1, maxLength: 8192 }),
    /** base64 RSA PKCS#1 v1.5 signature of the challenge (SHA-256). */
    signature: Type.String({ minLength: 1, maxLength: 2048 }),
  },
  { additionalProperties: false },
);
export type AuthenticateBody = Static<typeof AuthenticateBody>;
export const Authenticated = Type.Object({
  holder: Type.Object({ serial: Type.String() }),
});
export type Authenticated = Static<typeof Authenticated>;

/** POST /v1/sessions/:sessionId/card-refusal: the kiosk reports a card-side refusal (PIN) for the audit. */
export const CardRefusalBody = Type.Object(
  {
    code: literalUnion(['PIN_INCORRECT', 'PIN_LOCKED', 'CARD_UNKNOWN'] as const),
    remainingTries: Type.Optional(Type.Integer({ minimum: 0, maximum: 3 })),
  },
  { additionalProperties: false },
);
export type CardRefusalBody = Static<typeof CardRefusalBody>;

const Person = Type.Object({
  id: Type.String(),
  name: Type.String(),
  relationship: Type.Optional(Type.String()),
});

/** GET /v1/sessions/:sessionId/choices */
export const Choices = Type.Object({
  certificates: Type.Array(
    Type.Object({
      cert: CertificateCodeSchema,
      nameJa: Type.String(),
      nameEn: Type.String(),
      fee: Type.Integer(),
      group: literalUnion(['A', 'B'] as const),
      available: Type.Boolean(),
      reason: Type.Optional(RefusalCodeSchema),
      message: Type.Optional(Type.String()),
      messageEn: Type.Optional(Type.String()),
      nextOpen: Type.Optional(Type.String()),
    }),
  ),
  /** The holder's household (住民票 scope 'members'): register IDs and names. */
  household: Type.Array(Person),
  /** The holder's 戸籍 (kind 'individual'). */
  koseki: Type.Array(Person),
});
export type Choices = Static<typeof Choices>;

/** POST /v1/sessions/:sessionId/quote */
export const QuoteBody = Type.Object({ requests: Requests }, { additionalProperties: false });
export type QuoteBody = Static<typeof QuoteBody>;
const QuoteLine = Type.Object({
  cert: CertificateCodeSchema,
  nameJa: Type.String(),
  copies: Type.Integer(),
  feeEach: Type.Integer(),
  subtotal: Type.Integer(),
  /** The municipality that issues it (group A: residence, group B: 本籍). */
  municipality: Type.String(),
});
export const Quote = Type.Object({ lines: Type.Array(QuoteLine), totalYen: Type.Integer() });
export type Quote = Static<typeof Quote>;

export const OrderState = literalUnion([
  'awaiting_payment',
  'paid',
  'issuing',
  'issued',
  'completed',
  'cancelled',
  'refunded',
] as const);
export type OrderState = Static<typeof OrderState>;

/** POST /v1/sessions/:sessionId/orders: the same idempotencyKey in the session gives the same order. */
export const CreateOrderBody = Type.Object(
  { requests: Requests, idempotencyKey: IdempotencyKey },
  { additionalProperties: false },
);
export type CreateOrderBody = Static<typeof CreateOrderBody>;
export const OrderCreated = Type.Object({
  orderId: Type.String(),
  state: OrderState,
  lines: Type.Array(QuoteLine),
  totalYen: Type.Integer(),
});
export type OrderCreated = Static<typeof OrderCreated>;

/** POST /v1/orders/:orderId/payment: the cash box's report; the same key gives the same answer. */
export const PaymentBody = Type.Object(
  { insertedYen: Type.Integer({ minimum: 0, maximum: 1_000_000 }), idempotencyKey: IdempotencyKey },
  { additionalProperties: false },
);
export type PaymentBody = Static<typeof PaymentBody>;
export const PaymentAccepted = Type.Object({
  state: OrderState,
  totalYen: Type.Integer(),
  paidYen: Type.Integer(),
  changeYen: Type.Integer(),
});
export type PaymentAccepted = Static<typeof PaymentAccepted>;

/** A document ready for delivery, bound to the order, the holder's serial and its digest. */
export const DocumentInfo = Type.Object({
  documentId: Type.String(),
  kind: literalUnion(['certificate', 'receipt'] as const),
  /** 固有番号 of a certificate; the order ID for the receipt. */
  serial: Type.String(),
  cert: Type.Optional(CertificateCodeSchema),
  copy: Type.Optional(Type.Integer()),
  copies: Type.Optional(Type.Integer()),
  pages: Type.Integer(),
  /** SHA-256 hex of the PDF bytes. */
  sha256: Type.String(),
});
export type DocumentInfo = Static<typeof DocumentInfo>;

/** POST /v1/orders/:orderId/issue → 200 issued; 202 { state: 'issuing', retryAfterMs } while another attempt runs. */
export const Issued = Type.Object({
  orderId: Type.String(),
  state: OrderState,
  holderSerial: Type.String(),
  documents: Type.Array(DocumentInfo),
  receipt: DocumentInfo,
  /** Reprints are accepted until then. */
  reprintUntil: Iso,
});
export type Issued = Static<typeof Issued>;
export const IssueInProgress = Type.Object({
  orderId: Type.String(),
  state: OrderState,
  retryAfterMs: Type.Integer(),
});
export type IssueInProgress = Static<typeof IssueInProgress>;

/** POST /v1/orders/:orderId/printed: documents the printer confirmed; content is deleted at once. */
export const PrintedBody = Type.Object(
  { documentIds: Type.Array(Id, { minItems: 1, maxItems: 100 }) },
  { additionalProperties: false },
);
export type PrintedBody = Static<typeof PrintedBody>;
export const PrintedAnswer = Type.Object({ state: OrderState, remaining: Type.Array(Type.String()) });
export type PrintedAnswer = Static<typeof PrintedAnswer>;

/** POST /v1/orders/:orderId/reprint: a failed print; the same document may be fetched once more. */
export const ReprintBody = Type.Object(
  { documentId: Id, reason: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type ReprintBody = Static<typeof ReprintBody>;
export const ReprintAnswer = Type.Object({
  document: DocumentInfo,
  reprintsLeft: Type.Integer(),
  reprintUntil: Iso,
});
export type ReprintAnswer = Static<typeof ReprintAnswer>;

/** POST /v1/orders/:orderId/cancel */
export const CancelAnswer = Type.Object({ state: OrderState, refundYen: Type.Integer() });
export type CancelAnswer = Static<typeof CancelAnswer>;

/** GET /v1/orders/:orderId: where an order stands (a kiosk recovering after a restart). */
export const OrderStatus = Type.Object({
  orderId: Type.String(),
  state: OrderState,
  totalYen: Type.Integer(),
  paidYen: Type.Integer(),
  changeYen: Type.Integer(),
  refundYen: Type.Integer(),
  documents: Type.Array(DocumentInfo),
});
export type OrderStatus = Static<typeof OrderStatus>;

/**
 * POST /v1/terminal/orders/:orderId/recover: a kiosk settling the cash it still holds for an
 * order of its own terminal (no session: the resident's transaction is over). Paid or stalled
 * orders are refunded; issued ones stay issued (the fee is kept); `issuing` with
 * `retryAfterMs` while an issuing attempt still holds its lease.
 */
export const OrderRecovery = Type.Object({
  orderId: Type.String(),
  state: OrderState,
  totalYen: Type.Integer(),
  paidYen: Type.Integer(),
  changeYen: Type.Integer(),
  refundYen: Type.Integer(),
  retryAfterMs: Type.Optional(Type.Integer()),
  reprintUntil: Type.Optional(Iso),
});
export type OrderRecovery = Static<typeof OrderRecovery>;

/** DELETE /v1/sessions/:sessionId */
export const SessionEnded = Type.Object({ ended: Type.Literal(true) });
export type SessionEnded = Static<typeof SessionEnded>;

/** Response headers of GET /v1/orders/:orderId/documents/:documentId (application/pdf). */
export const DOCUMENT_HEADERS = {
  orderId: 'x-kofu-order-id',
  holderSerial: 'x-kofu-holder-serial',
  documentSerial: 'x-kofu-document-serial',
  sha256: 'x-kofu-sha256',
  kind: 'x-kofu-document-kind',
  pages: 'x-kofu-pages',
} as const;
