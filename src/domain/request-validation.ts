import {
  CATALOGUE,
  isCertificateCode,
  type KosekiKind,
  MAX_COPIES,
  MIN_COPIES,
  type Scope,
} from './catalogue.js';
import { ok, type Result, refuse } from './refusal.js';
import type { CertificateRequest } from './request.js';

// Structural validation of a request against the catalogue; whom the members are is eligibility's job.

const KEYS: ReadonlySet<string> = new Set([
  'cert',
  'copies',
  'scope',
  'members',
  'householder',
  'honseki',
  'kind',
]);
/** More members than any household or 戸籍 could hold is a malformed request. */
const MAX_MEMBERS = 100;
const MAX_ID_LENGTH = 64;

const invalid = (field: string, detail: string) => refuse('INVALID_REQUEST', { field, detail });

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

const checkMembers = (members: unknown): string | undefined => {
  if (!Array.isArray(members) || members.length === 0) return 'must be a non-empty array of IDs';
  if (members.length > MAX_MEMBERS) return `at most ${MAX_MEMBERS} members`;
  for (const m of members) {
    if (typeof m !== 'string' || m.length === 0 || m.length > MAX_ID_LENGTH)
      return 'each ID must be a short string';
  }
  if (new Set(members).size !== members.length) return 'an ID is repeated';
  return undefined;
};

/** Validates a request's shape against the catalogue and fills defaults (scope self, kind all, switches off, 1 copy). */
export const validateRequest = (input: unknown): Result<CertificateRequest> => {
  if (!isPlainObject(input)) return invalid('request', 'must be an object');
  for (const key of Object.keys(input)) if (!KEYS.has(key)) return invalid(key, 'unknown field');
  const { cert, copies = 1, scope, members, householder, honseki, kind } = input;
  if (!isCertificateCode(cert)) return invalid('cert', 'unknown certificate code');
  const type = CATALOGUE[cert];
  if (typeof copies !== 'number' || !Number.isInteger(copies) || copies < MIN_COPIES || copies > MAX_COPIES)
    return invalid('copies', `must be an integer from ${MIN_COPIES} to ${MAX_COPIES}`);
  const out: CertificateRequest = { cert, copies };

  if (type.scopes.length > 0) {
    const s = scope ?? 'self';
    if (!(type.scopes as readonly unknown[]).includes(s))
      return invalid('scope', 'not a scope of this certificate');
    out.scope = s as Scope;
  } else if (scope !== undefined) return invalid('scope', 'this certificate has no scope');

  if (type.kinds.length > 0) {
    const k = kind ?? 'all';
    if (!(type.kinds as readonly unknown[]).includes(k)) return invalid('kind', 'must be all or individual');
    out.kind = k as KosekiKind;
  } else if (kind !== undefined) return invalid('kind', 'this certificate has no kind');

  const wantsMembers = out.scope === 'members' || out.kind === 'individual';
  if (wantsMembers) {
    const problem = checkMembers(members);
    if (problem) return invalid('members', problem);
    out.members = [...(members as string[])];
  } else if (members !== undefined) return invalid('members', 'only with scope members or kind individual');

  for (const [name, value, allowed] of [
    ['householder', householder, type.householderOption],
    ['honseki', honseki, type.honsekiOption],
  ] as const) {
    if (value !== undefined && typeof value !== 'boolean') return invalid(name, 'must be true or false');
    if (!allowed && value !== undefined) return invalid(name, 'not an option of this certificate');
    if (allowed) out[name] = value ?? false;
  }
  return ok(out);
};
