import type { DocumentInfo } from '../center/api-types.js';
import type { Refusal } from '../domain/refusal.js';
import type { CenterApi, OrderRef } from './center-api.js';
import type { Printer } from './devices/printer.js';
import { checkDocument, type Mismatch } from './document-check.js';
import type { KioskNotice } from './resident.js';

// Delivery of an issued order: every document is fetched once, checked against the order,
// the authenticated serial and its digest, and only then printed. A failed fetch or a jam
// is re-delivered through the center's reprint (no second charge); a document that fails
// the check is reported (audited by the center) and never printed.

export interface PrintedDocument {
  documentId: string;
  kind: 'certificate' | 'receipt';
  file: string;
  serial: string;
  pages: number;
  cert?: string;
  copy?: number;
  copies?: number;
}

export interface DeliveryContext {
  api: CenterApi;
  printer: Printer;
  order: OrderRef;
  holderSerial: string;
  maxReprints: number;
  notify: (n: KioskNotice) => void;
}

export type FetchOutcome = { ok: true; bytes: Buffer } | { ok: false; error: Refusal; integrity: Mismatch[] };

const fileNameOf = (orderId: string, doc: DocumentInfo): string => {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');
  return doc.kind === 'receipt'
    ? `receipt-${safe(orderId)}.pdf`
    : `${doc.cert ?? 'certificate'}-${safe(doc.serial)}.pdf`;
};

/** Counts re-deliveries asked of the center in this transaction. */
export class Delivery {
  reprints = 0;
  constructor(private readonly ctx: DeliveryContext) {}

  private async redeliver(doc: DocumentInfo, reason: string): Promise<Refusal | undefined> {
    this.reprints += 1;
    const r = await this.ctx.api.reprint(this.ctx.order, doc.documentId, reason.slice(0, 200));
    return r.ok ? undefined : r.error;
  }

  /** Fetches one document and checks it; `again` first asks the center to deliver it once more. */
  async fetch(doc: DocumentInfo, again?: string): Promise<FetchOutcome> {
    let reason = again;
    let integrity: Mismatch[] = [];
    for (let attempt = 0; attempt <= this.ctx.maxReprints; attempt++) {
      if (reason !== undefined) {
        const refused = await this.redeliver(doc, reason);
        if (refused) return { ok: false, error: refused, integrity };
      }
      const d = await this.ctx.api.download(this.ctx.order, doc.documentId);
      if (!d.ok) {
        if (d.error.code === 'SESSION_EXPIRED') return { ok: false, error: d.error, integrity };
        reason = `download failed: ${d.error.code}`;
        continue;
      }
      const bad = checkDocument(
        { orderId: this.ctx.order.orderId, holderSerial: this.ctx.holderSerial, document: doc },
        d.value.headers,
        d.value.bytes,
      );
      if (bad.length === 0) return { ok: true, bytes: d.value.bytes };
      // Someone else's or altered paper: report it (the reprint request is audited), try once more.
      if (integrity.length > 0)
        return { ok: false, error: integrityRefusal(bad), integrity: [...integrity, ...bad] };
      integrity = bad;
      reason = `integrity check failed: ${bad.map((m) => m.field).join(',')}`;
    }
    return {
      ok: false,
      error: integrity.length
        ? integrityRefusal(integrity)
        : { code: 'SERVICE_UNAVAILABLE', detail: reason ?? '' },
      integrity,
    };
  }

  /** Prints one checked document; on a jam, re-delivers, re-checks and prints again. */
  async print(
    doc: DocumentInfo,
    bytes: Buffer,
  ): Promise<{ ok: true; value: PrintedDocument } | { ok: false; error: Refusal }> {
    let current: Buffer | undefined = bytes;
    for (let attempt = 0; attempt <= this.ctx.maxReprints; attempt++) {
      if (!current) {
        this.ctx.notify({ type: 'reprinting', documentId: doc.documentId });
        const again = await this.fetch(doc, 'printer failure');
        if (!again.ok) return again;
        current = again.bytes;
      }
      const p = await this.ctx.printer.print({
        orderId: this.ctx.order.orderId,
        documentId: doc.documentId,
        fileName: fileNameOf(this.ctx.order.orderId, doc),
        bytes: current,
      });
      current = undefined; // the kiosk keeps nothing once the printer has the job
      if (!p.ok) continue;
      // Paper is out either way: an unconfirmed document is closed by the center's own clock.
      await this.ctx.api.printed(this.ctx.order, [doc.documentId]);
      return {
        ok: true,
        value: {
          documentId: doc.documentId,
          kind: doc.kind === 'receipt' ? 'receipt' : 'certificate',
          file: p.value.file,
          serial: doc.serial,
          // Sheets of paper, as numbered on them (1 / N); the PDF has a back for each.
          pages: doc.pages,
          ...(doc.cert !== undefined ? { cert: doc.cert } : {}),
          ...(doc.copy !== undefined ? { copy: doc.copy } : {}),
          ...(doc.copies !== undefined ? { copies: doc.copies } : {}),
        },
      };
    }
    return {
      ok: false,
      error: { code: 'SERVICE_UNAVAILABLE', detail: 'the printer failed; reprints exhausted' },
    };
  }
}

const integrityRefusal = (bad: Mismatch[]): Refusal => ({
  code: 'SERVICE_UNAVAILABLE',
  detail: `document refused before printing: ${bad.map((m) => `${m.field} (${m.detail})`).join('; ')}`,
});
