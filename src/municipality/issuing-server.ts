import { CERTIFICATE_CODES, type CertificateCode } from '../domain/catalogue.js';
import type { CertificateDocument } from '../domain/documents.js';
import { checkEligibility } from '../domain/eligibility.js';
import { requestFee } from '../domain/fees.js';
import { japanParts } from '../domain/japan-time.js';
import { ok, type Result, refuse } from '../domain/refusal.js';
import type { CertificateRequest } from '../domain/request.js';
import { validateRequest } from '../domain/request-validation.js';
import {
  advanceCounter,
  CounterBlocks,
  canonicalJson,
  findMunicipality,
  type IssuanceRecordsTable,
  issuanceNumber,
  type KofuDatabase,
  listFuhyoAddresses,
  sha256Hex,
  type Tx,
  withTransaction,
} from '../registers/index.js';
import { buildDocumentBody, type DocumentBody, printedTexts } from './build-documents.js';
import type {
  CheckedIssue,
  IssuingCall,
  IssuingPort,
  MunicipalChoices,
  PersonChoice,
} from './issuing-port.js';
import { findRouting } from './routing.js';
import { type LoadedRecords, loadSnapshot } from './snapshot.js';

export interface IssuingServerOptions {
  kdb: KofuDatabase;
  municipalityCode: string;
  /** Characters of the texts that no font can print; the renderer provides it (default: none). */
  unsupportedCharacters?: (texts: string[]) => string[];
}

const DEFAULT_REQUEST: Record<CertificateCode, CertificateRequest> = Object.fromEntries(
  CERTIFICATE_CODES.map((cert) => [cert, { cert, copies: 1 }]),
) as Record<CertificateCode, CertificateRequest>;

type Judged =
  | { ok: false; refusal: ReturnType<typeof refuse> }
  | { ok: true; records: LoadedRecords; body: DocumentBody };

/**
 * The issuing server of one municipality: stateless (every fact is read from the registers
 * inside one transaction per call), so any number of instances can share one database.
 */
export const createIssuingServer = (opts: IssuingServerOptions): IssuingPort => {
  const { kdb, municipalityCode } = opts;
  const unsupported = opts.unsupportedCharacters ?? (() => []);
  const numbers = new CounterBlocks(kdb);

  /** Judges at `call.now`; the document is dated `issuedAt` (default: now; a retry keeps the first date). */
  const judge = async (
    trx: Tx,
    call: IssuingCall,
    request: CertificateRequest,
    issuedAt: Date = call.now,
  ): Promise<Judged> => {
    const { input, records } = await loadSnapshot(trx, municipalityCode, call, request);
    const verdict = checkEligibility(input);
    if (!verdict.ok) return { ok: false, refusal: verdict };
    const addresses =
      request.cert === 'fuhyo'
        ? await listFuhyoAddresses(
            trx,
            records.kosekiMembers.map((m) => m.id),
          )
        : [];
    const body = buildDocumentBody(request, records, issuedAt, addresses);
    const characters = unsupported(printedTexts(body));
    if (characters.length > 0)
      return { ok: false, refusal: refuse('CHARACTER_NOT_SUPPORTED', { characters }) };
    return { ok: true, records, body };
  };

  const recordsOf = (db: Tx, orderId: string, cert: string) =>
    db
      .selectFrom('issuance_records')
      .selectAll()
      .where('order_id', '=', orderId)
      .where('municipality_code', '=', municipalityCode)
      .where('type', '=', cert)
      .orderBy('copy')
      .execute();

  /**
   * The same order asked again: the documents of the records already written, with their
   * numbers and first date (so the same bytes when the registers did not change); judged again
   * now. A record is brought up to date only if the registers changed its content meanwhile.
   */
  const reissue = async (
    trx: Tx,
    call: IssuingCall,
    request: CertificateRequest,
    existing: IssuanceRecordsTable[],
  ): Promise<Result<CertificateDocument[]>> => {
    if (existing.length !== request.copies || existing.some((r, i) => r.copy !== i + 1))
      return refuse('INVALID_REQUEST', {
        field: 'orderId',
        detail: `order already issued ${existing.length} ${request.cert} copies`,
      });
    const firstAt = new Date(existing[0]!.issued_at);
    const j = await judge(trx, call, request, Number.isNaN(firstAt.getTime()) ? call.now : firstAt);
    if (!j.ok) return j.refusal;
    const docs: CertificateDocument[] = [];
    for (const r of existing) {
      const doc = { ...j.body, serial: r.number, copy: r.copy, copies: r.copies } as CertificateDocument;
      const digest = sha256Hex(canonicalJson(doc));
      if (digest !== r.digest)
        await trx
          .updateTable('issuance_records')
          .set({ digest, subject_ids: JSON.stringify(doc.subjectIds), issued_at: doc.issuedAt })
          .where('number', '=', r.number)
          .execute();
      docs.push(doc);
    }
    return ok(docs);
  };

  const municipalityName = async (trx: Tx): Promise<string> =>
    (await findMunicipality(trx, municipalityCode))?.print_name ?? municipalityCode;

  return {
    municipalityCode,

    findRouting: (serial) => findRouting(kdb.db, serial),

    async choices(call): Promise<Result<MunicipalChoices>> {
      return withTransaction(kdb, async (trx) => {
        // One read of the registers; each certificate is judged on the same snapshot.
        const { input, records } = await loadSnapshot(trx, municipalityCode, call, DEFAULT_REQUEST.juminhyo);
        const certificates = CERTIFICATE_CODES.map((cert) => {
          const v = checkEligibility({ ...input, request: DEFAULT_REQUEST[cert] });
          return v.ok ? { cert, available: true } : { cert, available: false, reason: v.error };
        });
        const household: PersonChoice[] = records.householdResidents.map((p) => ({
          id: p.id,
          name: p.name,
          relationship: p.relationship,
        }));
        const koseki: PersonChoice[] = records.kosekiMembers
          .filter((m) => m.removed === 0)
          .map((m) => ({
            id: m.id,
            name: m.name,
            ...(m.relationship ? { relationship: m.relationship } : {}),
          }));
        return ok({
          municipalityCode,
          municipalityName: records.municipality.print_name,
          certificates,
          household,
          koseki,
        });
      });
    },

    async check(call): Promise<Result<CheckedIssue>> {
      const valid = validateRequest(call.request);
      if (!valid.ok) return valid;
      const request = valid.value;
      return withTransaction(kdb, async (trx) => {
        const j = await judge(trx, call, request);
        if (!j.ok) return j.refusal;
        return ok({
          request,
          fee: requestFee(request),
          municipalityCode,
          municipalityName: await municipalityName(trx),
        });
      });
    },

    async issue(call): Promise<Result<CertificateDocument[]>> {
      const valid = validateRequest(call.request);
      if (!valid.ok) return valid;
      const request = valid.value;
      const year = japanParts(call.now).year;
      // A retry of an order (a crash, a fenced-out attempt) reuses its records: no new numbers.
      const already = await recordsOf(kdb.db, call.orderId, request.cert);
      // Numbers come from blocks reserved outside the transaction: never reused, gaps allowed.
      const seqs: number[] = [];
      for (let i = 0; i < (already.length > 0 ? 0 : request.copies); i++)
        seqs.push(await numbers.next(`issuance:${municipalityCode}:${year}`));
      return withTransaction(kdb, async (trx) => {
        // One attempt at a time per order and certificate (a row lock until commit), then look again.
        await advanceCounter(trx, `issue-attempts:${municipalityCode}:${call.orderId}:${request.cert}`, 1);
        const existing = await recordsOf(trx, call.orderId, request.cert);
        if (existing.length > 0) return reissue(trx, call, request, existing);
        if (seqs.length === 0)
          return refuse('SERVICE_UNAVAILABLE', { detail: 'issuance records vanished; try again' });
        const j = await judge(trx, call, request);
        if (!j.ok) return j.refusal;
        const fee = requestFee(request) / request.copies;
        const docs: CertificateDocument[] = [];
        for (let copy = 1; copy <= request.copies; copy++) {
          const serial = issuanceNumber(municipalityCode, year, seqs[copy - 1]!);
          const doc = { ...j.body, serial, copy, copies: request.copies } as CertificateDocument;
          const digest = sha256Hex(canonicalJson(doc));
          await trx
            .insertInto('issuance_records')
            .values({
              number: serial,
              type: request.cert,
              municipality_code: municipalityCode,
              subject_ids: JSON.stringify(doc.subjectIds),
              fee,
              digest,
              issued_at: doc.issuedAt,
              order_id: call.orderId,
              terminal_id: call.terminal.id,
              copy,
              copies: request.copies,
            })
            .execute();
          docs.push(doc);
        }
        return ok(docs);
      });
    },
  };
};
