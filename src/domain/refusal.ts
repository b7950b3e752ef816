/** The closed list of refusal codes of SPEC §11, shared by kiosk, API and CLI. */
export const REFUSAL_CODES = [
  'OUT_OF_HOURS',
  'MAINTENANCE',
  'TERMINAL_CLOSED',
  'PIN_INCORRECT',
  'PIN_LOCKED',
  'CARD_UNKNOWN',
  'CARD_REVOKED',
  'CARD_EXPIRED',
  'CARD_ISSUED_TODAY',
  'ADDRESS_CHANGED_TODAY',
  'MOVED_OUT',
  'DECEASED',
  'REMOVED',
  'ISSUANCE_RESTRICTED',
  'NOT_IN_HOUSEHOLD',
  'NOT_IN_KOSEKI',
  'SEAL_NOT_REGISTERED',
  'TAX_NOT_DECLARED',
  'TAX_SWITCHOVER',
  'TAX_NOT_YET_AVAILABLE',
  'KOSEKI_PENDING',
  'HONSEKI_NOT_PARTICIPATING',
  'REGISTRATION_REQUIRED',
  'REGISTRATION_PENDING',
  'REGISTRATION_INVALIDATED',
  'NOT_RESIDENT',
  'CHARACTER_NOT_SUPPORTED',
  'PAYMENT_INSUFFICIENT',
  'SESSION_EXPIRED',
  'SERVICE_UNAVAILABLE',
  'INVALID_REQUEST',
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** Data a kiosk needs to explain a refusal; every field is optional and code-specific. */
export interface RefusalDetails {
  /** PIN_INCORRECT: tries left before the card locks. */
  remainingTries?: number;
  /** OUT_OF_HOURS, MAINTENANCE, TERMINAL_CLOSED, TAX_SWITCHOVER, CARD_ISSUED_TODAY …: when it would be accepted, ISO with +09:00. */
  nextOpen?: string;
  /** TAX_NOT_YET_AVAILABLE: first day (YYYY-MM-DD) the new declaration is issuable. */
  availableFrom?: string;
  /** CHARACTER_NOT_SUPPORTED: the characters no font can print. */
  characters?: string[];
  /** PAYMENT_INSUFFICIENT: yen still missing. */
  missing?: number;
  /** INVALID_REQUEST: which input was wrong. */
  field?: string;
  /** Free, non-personal detail for logs and integrators (never shown as the only explanation). */
  detail?: string;
}

export interface Refusal extends RefusalDetails {
  code: RefusalCode;
}

export type Ok<T> = { ok: true; value: T };
export type Refused = { ok: false; error: Refusal };
/** Expected outcomes are values, never exceptions. */
export type Result<T> = Ok<T> | Refused;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const refuse = (code: RefusalCode, details: RefusalDetails = {}): Refused => ({
  ok: false,
  error: { code, ...details },
});

export const isRefusalCode = (value: unknown): value is RefusalCode =>
  typeof value === 'string' && (REFUSAL_CODES as readonly string[]).includes(value);
