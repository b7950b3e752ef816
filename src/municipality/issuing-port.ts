import type { CertificateCode } from '../domain/catalogue.js';
import type { CertificateDocument } from '../domain/documents.js';
import type { PlainDate } from '../domain/japan-time.js';
import type { Refusal, Result } from '../domain/refusal.js';
import type { CertificateRequest, TerminalKind } from '../domain/request.js';

// The port a municipality's issuing server offers the center: in process (all-in-one
// server) or over HTTP on the LGWAN side (split deployment), with the same semantics.

/** Who asks, from where, when: established by the center (card authentication, terminal). */
export interface IssuingCall {
  /** The authenticated user certificate's serial and its Japan issue date (notBefore). */
  holder: { serial: string; issuedOn: PlainDate };
  terminal: { id: string; kind: TerminalKind };
  now: Date;
}

/** Where a card holder's requests go: 住民票 group to `residence`, 戸籍 group to `honseki`. */
export interface Routing {
  residence?: string;
  honseki?: string;
  honsekiParticipating?: boolean;
}

export interface CertificateChoice {
  cert: CertificateCode;
  available: boolean;
  /** Why not (with nextOpen for hours), judged with the default options. */
  reason?: Refusal;
}

export interface PersonChoice {
  /** Register ID to put in `request.members`. */
  id: string;
  name: string;
  /** 続柄 (世帯主, 妻, 子 / 長男, 妻 …). */
  relationship?: string;
}

export interface MunicipalChoices {
  municipalityCode: string;
  municipalityName: string;
  certificates: CertificateChoice[];
  /** Current members of the holder's household (住民票 scope), the holder first. */
  household: PersonChoice[];
  /** Current members of the holder's 戸籍 (戸籍・附票 individual). */
  koseki: PersonChoice[];
}

export interface CheckedIssue {
  /** The request with defaults filled in (validateRequest). */
  request: CertificateRequest;
  /** Total fee in yen for every copy. */
  fee: number;
  municipalityCode: string;
  municipalityName: string;
}

export interface IssuingPort {
  readonly municipalityCode: string;
  /** Residence and 本籍 municipality of a card holder (what J-LIS knows from the card links). */
  findRouting(serial: string): Promise<Routing>;
  /** Every certificate with its availability now, and the household and 戸籍 members. */
  choices(call: IssuingCall): Promise<Result<MunicipalChoices>>;
  /** Judges one request before payment (eligibility, printable characters) and prices it. */
  check(call: IssuingCall & { request: unknown }): Promise<Result<CheckedIssue>>;
  /** Issues one request of a paid order: one document per copy, recorded in one transaction. */
  issue(call: IssuingCall & { request: unknown; orderId: string }): Promise<Result<CertificateDocument[]>>;
}
