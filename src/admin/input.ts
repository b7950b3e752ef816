import { isPlainDate } from '../domain/japan-time.js';
import { invalid } from './errors.js';

// Checks of console input beyond its JSON shape, before anything is written.

/** Control characters never belong in register text (they could hide text in print or logs). */
export const hasControlCharacters = (s: string): boolean =>
  [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

export type Checked<T> = { ok: true; value: T } | ReturnType<typeof invalid>;

export const text = (v: unknown, field: string, max = 200): Checked<string> => {
  if (typeof v !== 'string') return invalid(field, 'required');
  const t = v.trim().replace(/\s+/g, (m) => (m.includes('\u3000') ? '\u3000' : ' '));
  if (t.length === 0) return invalid(field, 'required');
  if (t.length > max) return invalid(field, `at most ${max} characters`);
  if (hasControlCharacters(t)) return invalid(field, 'control characters');
  return { ok: true, value: t };
};

/** A Japan date, not after `latest` when given (events cannot happen in the future). */
export const date = (v: unknown, field: string, latest?: string): Checked<string> => {
  if (typeof v !== 'string' || !isPlainDate(v)) return invalid(field, 'a date YYYY-MM-DD');
  if (latest && v > latest) return invalid(field, `not after ${latest}`);
  if (v < '1900-01-01') return invalid(field, 'not before 1900-01-01');
  return { ok: true, value: v };
};

export const yen = (v: unknown, field: string): Checked<number> =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= 10_000_000_000
    ? { ok: true, value: v }
    : invalid(field, 'whole yen, 0 or more');
