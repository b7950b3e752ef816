import type { CertificateDocument } from '../domain/documents.js';
import { toJapanIso } from '../domain/japan-time.js';
import { type Result, refuse } from '../domain/refusal.js';
import type { CheckedIssue, IssuingCall, IssuingPort, MunicipalChoices, Routing } from './issuing-port.js';

/** Turns base64 PNG seal data back into bytes. */
const documentsFromJson = (docs: unknown[]): CertificateDocument[] =>
  docs.map((raw) => {
    const d = raw as CertificateDocument;
    if (d.type === 'inkan' && d.seal.format === 'png' && typeof d.seal.data === 'string')
      return { ...d, seal: { ...d.seal, data: new Uint8Array(Buffer.from(d.seal.data, 'base64')) } };
    return d;
  });

const wireCall = (c: IssuingCall) => ({ holder: c.holder, terminal: c.terminal, now: toJapanIso(c.now) });

/**
 * An IssuingPort that calls a municipality's HTTP API (`baseUrl` ends at the plugin prefix).
 * A municipality that cannot be reached gives SERVICE_UNAVAILABLE, never an exception.
 */
export const createIssuingClient = (opts: {
  municipalityCode: string;
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}): IssuingPort => {
  const doFetch = opts.fetch ?? fetch;
  const base = opts.baseUrl.replace(/\/$/, '');
  const timeout = opts.timeoutMs ?? 15_000;

  const post = async <T>(path: string, body: unknown): Promise<Result<T>> => {
    try {
      const res = await doFetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeout),
      });
      const json = (await res.json()) as Result<T>;
      if (typeof json !== 'object' || json === null || typeof json.ok !== 'boolean')
        return refuse('SERVICE_UNAVAILABLE', { detail: `bad answer from ${opts.municipalityCode}` });
      return json;
    } catch {
      return refuse('SERVICE_UNAVAILABLE', { detail: `municipality ${opts.municipalityCode} unreachable` });
    }
  };

  return {
    municipalityCode: opts.municipalityCode,
    async findRouting(serial): Promise<Routing> {
      const res = await doFetch(`${base}/routing/${encodeURIComponent(serial)}`, {
        signal: AbortSignal.timeout(timeout),
      });
      if (!res.ok) throw new Error(`routing lookup failed: HTTP ${res.status}`);
      return (await res.json()) as Routing;
    },
    choices: (call) => post<MunicipalChoices>('/choices', wireCall(call)),
    check: (call) => post<CheckedIssue>('/check', { ...wireCall(call), request: call.request }),
    async issue(call) {
      const r = await post<unknown[]>('/issue', {
        ...wireCall(call),
        request: call.request,
        orderId: call.orderId,
      });
      return r.ok ? { ok: true, value: documentsFromJson(r.value) } : r;
    },
  };
};
