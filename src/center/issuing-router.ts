import { CATALOGUE, CERTIFICATE_CODES, type CertificateCode } from '../domain/catalogue.js';
import type { CertificateDocument } from '../domain/documents.js';
import { ok, type Refusal, type Result, refuse } from '../domain/refusal.js';
import type { CertificateRequest } from '../domain/request.js';
import type { IssuingPort, MunicipalChoices, Routing } from '../municipality/issuing-port.js';
import type { CenterIssuing, ChoiceEntry, HolderChoices, IssuingContext } from './ports.js';

// Routing (SPEC §2): 住民票-group requests go to the municipality of residence, 戸籍-group
// requests to the municipality of 本籍, each through that municipality's IssuingPort.

const down = (detail: string) => refuse('SERVICE_UNAVAILABLE', { detail });

const call = (ctx: IssuingContext) => ({ holder: ctx.holder, terminal: ctx.terminal, now: ctx.now });

/** A CenterIssuing over every participating municipality's port. */
export const createIssuingRouter = (ports: readonly IssuingPort[]): CenterIssuing => {
  const byCode = new Map(ports.map((p) => [p.municipalityCode, p]));

  const routing = async (serial: string): Promise<Routing> => {
    const merged: Routing = {};
    for (const p of ports) {
      const r = await p.findRouting(serial);
      if (r.residence && !merged.residence) merged.residence = r.residence;
      if (r.honseki && !merged.honseki) {
        merged.honseki = r.honseki;
        if (r.honsekiParticipating !== undefined) merged.honsekiParticipating = r.honsekiParticipating;
      }
    }
    return merged;
  };

  /** The port that must answer a request of `cert`, or why none can. */
  const portFor = (r: Routing, cert: CertificateCode): Result<IssuingPort> => {
    if (CATALOGUE[cert].group === 'A') {
      const p = r.residence ? byCode.get(r.residence) : undefined;
      return p ? ok(p) : refuse('NOT_RESIDENT');
    }
    if (!r.honseki) return refuse('NOT_IN_KOSEKI', { detail: 'no 戸籍 known for the holder' });
    const p = byCode.get(r.honseki);
    if (!p || r.honsekiParticipating === false) return refuse('HONSEKI_NOT_PARTICIPATING');
    return ok(p);
  };

  /**
   * Who judges a request: its port, or — when no 本籍 port serves a 戸籍-group request — the
   * residence's, which applies the documented order (hours before routing, docs/rules.md)
   * and can only refuse it; `refusal` is what to say if it would not.
   */
  const judgeFor = (
    r: Routing,
    cert: CertificateCode,
  ): { port: IssuingPort; refusal?: Refusal } | { error: Refusal } => {
    const port = portFor(r, cert);
    if (port.ok) return { port: port.value };
    const residence = r.residence ? byCode.get(r.residence) : undefined;
    if (CATALOGUE[cert].group === 'B' && residence) return { port: residence, refusal: port.error };
    return { error: port.error };
  };

  const guard = async <T>(fn: () => Promise<Result<T>>): Promise<Result<T>> => {
    try {
      return await fn();
    } catch {
      return down('municipality did not answer');
    }
  };

  return {
    choices: (ctx) =>
      guard(async () => {
        const r = await routing(ctx.holder.serial);
        const answers = new Map<string, Result<MunicipalChoices>>();
        const ask = async (code: string | undefined): Promise<Result<MunicipalChoices> | undefined> => {
          if (!code || !byCode.has(code)) return undefined;
          if (!answers.has(code)) answers.set(code, await byCode.get(code)!.choices(call(ctx)));
          return answers.get(code);
        };
        const residence = await ask(r.residence);
        const honseki = r.honsekiParticipating === false ? undefined : await ask(r.honseki);
        const certificates: ChoiceEntry[] = [];
        for (const cert of CERTIFICATE_CODES) {
          const judge = judgeFor(r, cert);
          if ('error' in judge) {
            certificates.push({ cert, available: false, reason: judge.error });
            continue;
          }
          const source = await ask(judge.port.municipalityCode);
          const entry = source?.ok ? source.value.certificates.find((c) => c.cert === cert) : undefined;
          if (source && !source.ok) certificates.push({ cert, available: false, reason: source.error });
          else if (!entry)
            certificates.push({ cert, available: false, reason: { code: 'SERVICE_UNAVAILABLE' } as Refusal });
          else if (entry.available && !judge.refusal) certificates.push({ cert, available: true });
          else {
            const reason = entry.reason ?? judge.refusal;
            certificates.push({ cert, available: false, ...(reason ? { reason } : {}) });
          }
        }
        const out: HolderChoices = {
          certificates,
          household: residence?.ok ? residence.value.household : [],
          koseki: honseki?.ok ? honseki.value.koseki : [],
        };
        return ok(out);
      }),

    check: (ctx, request) =>
      guard(async () => {
        const judge = judgeFor(await routing(ctx.holder.serial), request.cert);
        if ('error' in judge) return { ok: false, error: judge.error };
        const c = await judge.port.check({ ...call(ctx), request });
        if (!c.ok) return c;
        if (judge.refusal) return { ok: false, error: judge.refusal };
        return ok({
          request: c.value.request,
          municipalityCode: c.value.municipalityCode,
          municipalityName: c.value.municipalityName,
        });
      }),

    issue: (ctx, requests) =>
      guard(async () => {
        const docs: CertificateDocument[] = [];
        for (const checked of requests) {
          const port = byCode.get(checked.municipalityCode);
          if (!port) return down(`no port for ${checked.municipalityCode}`);
          const r = await port.issue({
            ...call(ctx),
            request: checked.request as CertificateRequest,
            orderId: ctx.orderId,
          });
          if (!r.ok) return r;
          docs.push(...r.value);
        }
        return ok(docs);
      }),
  };
};
