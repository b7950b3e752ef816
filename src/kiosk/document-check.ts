import { createHash } from 'node:crypto';
import { DOCUMENT_HEADERS, type DocumentInfo } from '../center/api-types.js';
import { countPdfPages } from './devices/printer.js';

// The check before printing (SPEC §10): a document is printed only if the center's headers
// AND its bytes bind it to this order, this authenticated card serial, the serial and digest
// announced at issue. Anything else is someone else's paper: refuse it.

export interface Expected {
  orderId: string;
  holderSerial: string;
  document: DocumentInfo;
}

export interface Mismatch {
  field: 'order' | 'holder' | 'serial' | 'sha256' | 'kind' | 'pages' | 'pdf';
  detail: string;
}

const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Every way a downloaded document fails to be this order's; empty when it may be printed. */
export const checkDocument = (
  expected: Expected,
  headers: Record<string, string>,
  bytes: Uint8Array,
): Mismatch[] => {
  const out: Mismatch[] = [];
  const h = (name: string) => headers[name.toLowerCase()];
  const doc = expected.document;
  if (h(DOCUMENT_HEADERS.orderId) !== expected.orderId)
    out.push({ field: 'order', detail: `header order ${h(DOCUMENT_HEADERS.orderId)} ≠ ${expected.orderId}` });
  if (h(DOCUMENT_HEADERS.holderSerial) !== expected.holderSerial)
    out.push({ field: 'holder', detail: 'header holder serial is not the authenticated card' });
  if (h(DOCUMENT_HEADERS.documentSerial) !== doc.serial)
    out.push({
      field: 'serial',
      detail: `header serial ${h(DOCUMENT_HEADERS.documentSerial)} ≠ ${doc.serial}`,
    });
  const kind = h(DOCUMENT_HEADERS.kind);
  if (kind !== undefined && kind !== doc.kind) out.push({ field: 'kind', detail: `${kind} ≠ ${doc.kind}` });
  const digest = sha256Hex(bytes);
  if (digest !== doc.sha256.toLowerCase())
    out.push({ field: 'sha256', detail: 'content digest differs from the issued one' });
  else if (h(DOCUMENT_HEADERS.sha256)?.toLowerCase() !== digest)
    out.push({ field: 'sha256', detail: 'header digest differs from the content' });
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 8)).toString('latin1');
  if (!text.startsWith('%PDF-')) out.push({ field: 'pdf', detail: 'not a PDF' });
  else {
    // The center counts sheets; a duplex sheet (front + anti-tampering back) is two PDF pages.
    const pages = countPdfPages(bytes);
    if (pages !== doc.pages && pages !== 2 * doc.pages)
      out.push({ field: 'pages', detail: `${pages} PDF pages for ${doc.pages} sheets announced` });
  }
  return out;
};
