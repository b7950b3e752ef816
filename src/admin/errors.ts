import { httpStatus } from '../center/http-status.js';
import { refusalMessage } from '../domain/messages.js';
import type { RefusalCode } from '../domain/refusal.js';

// Console outcomes are values. Admin-only failures are INVALID_REQUEST (or SESSION_EXPIRED)
// with a `reason`; one table gives the HTTP status and one per language the wording.

export const ADMIN_REASONS = [
  'not_logged_in',
  'bad_credentials',
  'account_locked',
  'forbidden',
  'not_found',
  'conflict',
  'invalid',
] as const;
export type AdminReason = (typeof ADMIN_REASONS)[number];

export interface AdminError {
  code: RefusalCode;
  reason?: AdminReason;
  /** Which input was wrong. */
  field?: string;
  /** Non-personal detail for the operator. */
  detail?: string;
  /** account_locked: until when (ISO). */
  lockedUntil?: string;
}

export type AdminResult<T> = { ok: true; value: T } | { ok: false; error: AdminError };

export const done = <T>(value: T): AdminResult<T> => ({ ok: true, value });
export const fail = (
  reason: AdminReason,
  extra: Omit<AdminError, 'code' | 'reason'> = {},
): { ok: false; error: AdminError } => ({
  ok: false,
  error: { code: reason === 'not_logged_in' ? 'SESSION_EXPIRED' : 'INVALID_REQUEST', reason, ...extra },
});
export const invalid = (field: string, detail: string) => fail('invalid', { field, detail });
export const notFound = (field: string) => fail('not_found', { field });

const STATUS: Record<AdminReason, number> = {
  not_logged_in: 401,
  bad_credentials: 401,
  account_locked: 423,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 400,
};

export const adminHttpStatus = (e: AdminError): number => (e.reason ? STATUS[e.reason] : httpStatus(e.code));

const JA: Record<AdminReason, string> = {
  not_logged_in:
    'ログインしていないか、一定時間操作がなかったためログアウトしました。もう一度ログインしてください。',
  bad_credentials: '職員IDまたはパスワードが違います。',
  account_locked: 'ログインに続けて失敗したため、このアカウントは15分間ロックされています。',
  forbidden: 'この操作を行う権限がありません。',
  not_found: '該当するデータが見つかりません。',
  conflict: 'すでに処理済みか、現在の状態ではこの操作はできません。',
  invalid: '入力内容に誤りがあります。',
};
const EN: Record<AdminReason, string> = {
  not_logged_in:
    'You are not logged in, or you were logged out after a period of inactivity. Please log in again.',
  bad_credentials: 'The staff ID or password is wrong.',
  account_locked: 'This account is locked for 15 minutes after repeated failed logins.',
  forbidden: 'You do not have permission for this action.',
  not_found: 'No matching record was found.',
  conflict: 'This has already been done, or cannot be done in the current state.',
  invalid: 'Some input is not valid.',
};

/** The JSON body of a failure: `{ ok:false, error:{ code, message, messageEn, ... } }`. */
export const adminErrorBody = (e: AdminError) => {
  const refusal = {
    code: e.code,
    ...(e.field ? { field: e.field } : {}),
    ...(e.detail ? { detail: e.detail } : {}),
  };
  const message = e.reason ? JA[e.reason] : refusalMessage(refusal, 'ja');
  const messageEn = e.reason ? EN[e.reason] : refusalMessage(refusal, 'en');
  const field = e.field ? (e.detail ? `${e.field}: ${e.detail}` : e.field) : e.detail;
  return {
    ok: false as const,
    error: {
      ...e,
      message: field && e.reason === 'invalid' ? `${message}（${field}）` : message,
      messageEn: field && e.reason === 'invalid' ? `${messageEn} (${field})` : messageEn,
    },
  };
};
