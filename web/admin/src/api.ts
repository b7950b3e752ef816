import { signalLang } from './lang.js';

// The console API (/admin/api): the session cookie travels by itself; mutations carry the
// CSRF header. Every failure comes back as { ok:false, error:{ code, message, messageEn } }.

export interface ApiError {
  code: string;
  reason?: string;
  field?: string;
  message: string;
  messageEn: string;
}
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError; status: number };

const BASE = '/admin/api';

export const api = async <T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> => {
  let res: Response;
  try {
    res = await fetch(BASE + path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(method === 'GET' ? {} : { 'x-kofu-admin': '1', 'content-type': 'application/json' }),
      },
      ...(method === 'GET' || method === 'DELETE' ? {} : { body: JSON.stringify(body ?? {}) }),
    });
  } catch {
    return {
      ok: false,
      status: 0,
      error: {
        code: 'SERVICE_UNAVAILABLE',
        message: 'サーバーに接続できません。',
        messageEn: 'Cannot reach the server.',
      },
    };
  }
  const json = (await res.json().catch(() => undefined)) as
    | { ok: true; data: T }
    | { ok: false; error: ApiError }
    | undefined;
  if (!json)
    return {
      ok: false,
      status: res.status,
      error: { code: 'SERVICE_UNAVAILABLE', message: `HTTP ${res.status}`, messageEn: `HTTP ${res.status}` },
    };
  if (json.ok) return json;
  if (res.status === 401) window.dispatchEvent(new Event('kofu-admin-logged-out'));
  return { ok: false, status: res.status, error: json.error };
};

/** The error's wording in the current language. */
export const errorText = (e: ApiError): string => (signalLang.value === 'en' ? e.messageEn : e.message);

export const qs = (params: Record<string, string | undefined>): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
};
