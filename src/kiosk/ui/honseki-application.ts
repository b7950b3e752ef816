import { refusalMessage } from '../../domain/messages.js';
import { isRefusalCode, type Refusal } from '../../domain/refusal.js';
import { NetworkError, type Transport } from '../transport.js';
import type { HonsekiReceipt, HonsekiView } from './ui-types.js';

// The 本籍地 user registration as the terminal sends it to the center's kiosk API
// (POST /v1/sessions/:id/honseki-registrations, docs/api.md): one call, no retry — a repeated
// application answers with the pending one anyway.

export type HonsekiRefusal = NonNullable<HonsekiView['error']> & { status: number };

const refusal = (status: number, body: unknown): HonsekiRefusal => {
  const e = (body as { error?: Record<string, unknown> } | undefined)?.error;
  const code: Refusal['code'] =
    e && isRefusalCode(e.code)
      ? e.code
      : status >= 500 || status === 0
        ? 'SERVICE_UNAVAILABLE'
        : 'INVALID_REQUEST';
  const r = { code, ...(typeof e?.field === 'string' ? { field: e.field } : {}) } as Refusal;
  return {
    status,
    code,
    message: typeof e?.message === 'string' ? e.message : refusalMessage(r, 'ja'),
    messageEn: typeof e?.messageEn === 'string' ? e.messageEn : refusalMessage(r, 'en'),
    ...(r.field ? { field: r.field.replace(/^body\./, '') } : {}),
  };
};

/** Applies for the holder of `sessionId`; the receipt, or the center's refusal in both languages. */
export const applyAtCenter = async (
  transport: Transport,
  sessionId: string,
  form: { honseki: string; hittosha: string },
): Promise<{ ok: true; value: HonsekiReceipt } | { ok: false; error: HonsekiRefusal }> => {
  let status = 0;
  let body: unknown;
  try {
    const res = await transport.request(
      'POST',
      `/v1/sessions/${encodeURIComponent(sessionId)}/honseki-registrations`,
      form,
    );
    status = res.status;
    body = JSON.parse(res.body.toString('utf8'));
  } catch (e) {
    if (!(e instanceof NetworkError) && !(e instanceof SyntaxError)) throw e;
    return { ok: false, error: refusal(status, undefined) };
  }
  if (status !== 200 && status !== 201) return { ok: false, error: refusal(status, body) };
  const v = body as HonsekiReceipt;
  return {
    ok: true,
    value: {
      receiptNumber: v.receiptNumber,
      municipalityName: v.municipalityName,
      state: v.state,
      appliedOn: v.appliedOn,
      expectedCompletion: v.expectedCompletion,
      existing: v.existing,
    },
  };
};

/**
 * The holder's newest application if it still stands (pending, or approved for this card's
 * certificate): the screen shows it instead of the form. Any failure: undefined (the form).
 */
export const standingApplication = async (
  transport: Transport,
  sessionId: string,
): Promise<HonsekiReceipt | undefined> => {
  try {
    const res = await transport.request(
      'GET',
      `/v1/sessions/${encodeURIComponent(sessionId)}/honseki-registrations`,
    );
    if (res.status !== 200) return undefined;
    const list = (JSON.parse(res.body.toString('utf8')) as { registrations?: unknown }).registrations;
    const newest = Array.isArray(list)
      ? (list[0] as (HonsekiReceipt & { effectiveState: string }) | undefined)
      : undefined;
    if (!newest || (newest.effectiveState !== 'pending' && newest.effectiveState !== 'approved'))
      return undefined;
    return {
      receiptNumber: newest.receiptNumber,
      municipalityName: newest.municipalityName,
      state: newest.effectiveState,
      appliedOn: newest.appliedOn,
      expectedCompletion: newest.expectedCompletion,
      existing: true,
    };
  } catch (e) {
    if (e instanceof NetworkError || e instanceof SyntaxError) return undefined;
    throw e;
  }
};
