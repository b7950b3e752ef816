import type { CertificateCode } from '../domain/catalogue.js';
import type { CertificateDocument, ReceiptDocument } from '../domain/documents.js';
import type { PlainDate } from '../domain/japan-time.js';
import type { Result } from '../domain/refusal.js';
import type { CertificateRequest, TerminalKind } from '../domain/request.js';

// What the center needs from the PKI, the municipalities and the renderer. The server's
// start-up (src/server) adapts the real parts to these; the center knows nothing more.

/** The card facts established by authentication. */
export interface CardIdentity {
  serial: string;
  issuedOn: PlainDate;
}

export interface CardAuthenticator {
  /** Consumes the challenge, verifies the card's signature over it, its chain, validity and revocation. */
  authenticate(input: {
    challengeId: string;
    certificateDer: Uint8Array;
    signature: Uint8Array;
  }): Promise<Result<CardIdentity>>;
}

export interface Holder {
  serial: string;
  issuedOn: PlainDate;
}

export interface IssuingContext {
  holder: Holder;
  terminal: { id: string; kind: TerminalKind };
  now: Date;
}

export interface ChoiceEntry {
  cert: CertificateCode;
  available: boolean;
  reason?: Extract<Result<unknown>, { ok: false }>['error'];
}

export interface HolderChoices {
  certificates: ChoiceEntry[];
  household: { id: string; name: string; relationship?: string }[];
  koseki: { id: string; name: string; relationship?: string }[];
}

/** A request that passed eligibility, with the municipality that will issue it. */
export interface CheckedRequest {
  request: CertificateRequest;
  municipalityCode: string;
  municipalityName: string;
}

export interface CenterIssuing {
  /** What this holder can get now, and why not, with household and 戸籍 members. */
  choices(ctx: IssuingContext): Promise<Result<HolderChoices>>;
  /** Eligibility of one request (routing included), before payment. */
  check(ctx: IssuingContext, request: CertificateRequest): Promise<Result<CheckedRequest>>;
  /** Issues every request of a paid order; the registers are re-read inside. */
  issue(
    ctx: IssuingContext & { orderId: string },
    requests: readonly CheckedRequest[],
  ): Promise<Result<CertificateDocument[]>>;
}

export interface RenderedPdf {
  pdf: Uint8Array;
  pages: number;
  sha256: string;
}

export interface CenterRenderer {
  /** Renders and signs (with the issuing municipality's key) one certificate. */
  certificate(doc: CertificateDocument): Promise<RenderedPdf>;
  receipt(receipt: ReceiptDocument): Promise<RenderedPdf>;
  /** Characters of the texts that no font can print (CHARACTER_NOT_SUPPORTED before payment). */
  unsupportedCharacters(texts: readonly string[]): string[];
}
