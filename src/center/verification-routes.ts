import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Clock, japanDate } from '../domain/japan-time.js';
import { appendAuditEntry, type KofuDatabase } from '../registers/index.js';
import {
  findIssuedCodes,
  issueDateOfSerial,
  issuerKeysFromDataDir,
  matchesShortCode,
  pageSvg,
  publishIssuerKeys,
  readVoids,
  SERIAL_PATTERN,
  type Verification,
  verificationPrivateKey,
  verifyFiles,
  withVoidCheck,
} from '../verify/index.js';

// The public verification service: the issuers' public keys at a well-known URL, the status of a
// number (voided?), a typed 固有番号 + 照合番号 look-up, and a check of an uploaded PDF or scan —
// which, from a back side, opens the sealed front page to compare by eye; the page at /verify/.
// Rate-limited per IP, every look-up audited, nothing answered 3 months after the issue date.

export interface VerificationRoutesOptions {
  dataDir: string;
  clock: Clock;
  kdb: KofuDatabase;
  /** Look-ups per IP per minute (default 10). */
  perMinute?: number;
}

const UPLOAD_LIMIT = 8 * 1024 * 1024;
const LOOKUP_DAYS = 92;

/** The last day (YYYY-MM-DD) a certificate issued on `issuedOn` is answered for: 3 months on, less a day. */
export const validUntil = (issuedOn: string): string => {
  const [y, m, d] = issuedOn.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + 3, d - 1));
  return last.toISOString().slice(0, 10);
};

/** A checked upload as the page receives it: the opened pages as SVG, not as runs. */
export type CheckAnswer = Omit<Verification, 'opened'> & {
  decodedPages?: { sheet: number; page: number; svg: string }[];
};

const invalid = (reply: FastifyReply, status: number, detail: string, messageEn: string) =>
  reply
    .code(status)
    .send({ ok: false, error: { code: 'INVALID_REQUEST', detail, message: detail, messageEn } });

const webDir = (): string =>
  join(createRequire(import.meta.url).resolve('../../package.json'), '..', 'web', 'verify');

/** Mount with `app.register(verificationRoutes, { dataDir, clock, kdb })` (no prefix). */
export const verificationRoutes = async (
  app: FastifyInstance,
  o: VerificationRoutesOptions,
): Promise<void> => {
  const limit = o.perMinute ?? 10;
  const hits = new Map<string, number[]>();
  const allow = (ip: string): boolean => {
    const now = o.clock.now().getTime();
    const recent = (hits.get(ip) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= limit) {
      hits.set(ip, recent);
      return false;
    }
    recent.push(now);
    hits.set(ip, recent);
    return true;
  };
  /** The date in the number, else the date recorded when it was printed. */
  const issuedOnOf = (serial: string, record = findIssuedCodes(o.dataDir, serial)): string | undefined =>
    issueDateOfSerial(serial) ?? record?.issuedOn;
  const tooOld = (issued: string | undefined): boolean =>
    issued !== undefined &&
    (Date.parse(japanDate(o.clock.now())) - Date.parse(issued)) / 86_400_000 > LOOKUP_DAYS;
  const refuseOld = (reply: FastifyReply) =>
    invalid(
      reply,
      400,
      '発行から3か月を過ぎた証明書は照会できません。',
      'Certificates older than 3 months cannot be looked up.',
    );
  const refuseSerial = (reply: FastifyReply) =>
    invalid(reply, 400, '固有番号の形式が違います。', 'Not a certificate number.');
  const audit = (req: FastifyRequest, action: string, refs: Record<string, unknown>) =>
    appendAuditEntry(o.kdb, { at: o.clock.now().toISOString(), actor: `verify:${req.ip}`, action, refs });
  const guard = (req: FastifyRequest, reply: FastifyReply): boolean => {
    if (allow(req.ip)) return true;
    void invalid(
      reply,
      429,
      '照会が多すぎます。1分ほど待ってからやり直してください。',
      'Too many look-ups: wait a minute and try again.',
    );
    return false;
  };

  app.get('/.well-known/kofu-issuers.json', async () => publishIssuerKeys(issuerKeysFromDataDir(o.dataDir)));

  app.get<{ Params: { serial: string } }>('/verify/api/status/:serial', async (req, reply) => {
    if (!guard(req, reply)) return reply;
    const { serial } = req.params;
    if (!SERIAL_PATTERN.test(serial)) return refuseSerial(reply);
    const issuedOn = issuedOnOf(serial);
    if (tooOld(issuedOn)) return refuseOld(reply);
    const v = readVoids(o.dataDir).get(serial);
    await audit(req, 'verify.status', { serial, voided: v !== undefined });
    return {
      serial,
      issuedOn: issuedOn ?? null,
      voided: v !== undefined,
      ...(v ? { voidedAt: v.at } : {}),
    };
  });

  app.addContentTypeParser(
    ['application/pdf', 'image/png', 'image/jpeg', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT },
    (_req, body, done) => done(null, body),
  );
  app.post('/verify/api/check', { bodyLimit: UPLOAD_LIMIT }, async (req, reply) => {
    if (!guard(req, reply)) return reply;
    if (!Buffer.isBuffer(req.body))
      return invalid(
        reply,
        400,
        'PDF または PNG・JPEG 画像を送ってください。',
        'Send a PDF or a PNG or JPEG image.',
      );
    let v: Verification = verifyFiles([new Uint8Array(req.body)], issuerKeysFromDataDir(o.dataDir), {
      pageKey: verificationPrivateKey(o.dataDir),
    });
    if (v.serial && tooOld(issuedOnOf(v.serial))) return refuseOld(reply);
    if (v.serial) v = withVoidCheck(v, readVoids(o.dataDir).has(v.serial));
    const { opened, ...rest } = v;
    await audit(req, 'verify.check', {
      serial: v.serial ?? null,
      outcome: v.outcome,
      bytes: req.body.length,
      pagesOpened: opened?.length ?? 0,
    });
    // Only pages matching the signed digest: a page sealed by anyone else is never shown as genuine.
    const shown = (opened ?? []).filter(
      (p) => v.outcome !== 'forged' && v.sheets.find((x) => x.index === p.index)?.pageMatches === true,
    );
    const answer: CheckAnswer = {
      ...rest,
      ...(shown.length
        ? { decodedPages: shown.map((p) => ({ sheet: p.index, page: p.page, svg: pageSvg(p.image) })) }
        : {}),
    };
    return answer;
  });

  const notFound = (reply: FastifyReply) =>
    reply.code(404).send({
      ok: false,
      error: {
        code: 'INVALID_REQUEST',
        message: '固有番号と照合番号の組み合わせが見つかりません。入力を確かめてください。',
        messageEn: 'No certificate with this number and verification code: check what you typed.',
      },
    });
  app.post<{ Body: { serial?: unknown; code?: unknown } }>('/verify/api/lookup', async (req, reply) => {
    if (!guard(req, reply)) return reply;
    const serial = typeof req.body?.serial === 'string' ? req.body.serial.trim() : '';
    const code = typeof req.body?.code === 'string' ? req.body.code : '';
    if (!SERIAL_PATTERN.test(serial)) return refuseSerial(reply);
    const record = findIssuedCodes(o.dataDir, serial);
    if (tooOld(issuedOnOf(serial, record))) return refuseOld(reply);
    // An unknown number and a wrong code answer alike: nothing tells which numbers exist.
    const matched = record !== undefined && matchesShortCode(record, code);
    await audit(req, 'verify.lookup', { serial, matched });
    if (!record || !matched) return notFound(reply);
    const v = readVoids(o.dataDir).get(serial);
    return {
      serial,
      type: record.type,
      municipality: record.municipality,
      issuedOn: record.issuedOn,
      validUntil: validUntil(record.issuedOn),
      sheets: record.sheets,
      voided: v !== undefined,
      ...(v ? { voidedAt: v.at } : {}),
    };
  });

  app.get('/verify', async (_req, reply) => reply.redirect('/verify/'));
  app.get('/verify/', async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(readFileSync(join(webDir(), 'index.html'))),
  );
  app.get('/verify/font-mincho.ttf', async (_req, reply) =>
    reply
      .type('font/ttf')
      .send(
        readFileSync(
          createRequire(import.meta.url).resolve(
            '@expo-google-fonts/biz-udmincho/400Regular/BIZUDMincho_400Regular.ttf',
          ),
        ),
      ),
  );
  app.get('/verify/font.ttf', async (_req, reply) =>
    reply
      .type('font/ttf')
      .send(
        readFileSync(
          createRequire(import.meta.url).resolve(
            '@expo-google-fonts/biz-udgothic/400Regular/BIZUDGothic_400Regular.ttf',
          ),
        ),
      ),
  );
};
