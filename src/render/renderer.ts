import { createHash, type KeyObject } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import type { CertificateDocument, DocumentHeader, ReceiptDocument } from '../domain/documents.js';
import { Canvas, PAGE_H, PAGE_W } from './canvas.js';
import { DocFonts, type PdfDoc, UnsupportedCharacterError } from './doc-fonts.js';
import { FontSet } from './font-set.js';
import {
  BODY_BOTTOM,
  BODY_TOP_FIRST,
  CERT_RESERVE,
  drawBack,
  drawBlocks,
  drawCertification,
  drawFooter,
  drawFrontHeader,
} from './frame.js';
import { drawFrontCode, shortCode } from './front-code.js';
import { type CertificateLayout, paginate } from './layout.js';
import { fuhyoLayout } from './layouts/fuhyo.js';
import { inkanLayout } from './layouts/inkan.js';
import { juminhyoLayout } from './layouts/juminhyo.js';
import { kosekiLayout } from './layouts/koseki.js';
import { taxLayout } from './layouts/tax.js';
import { officialSealOps } from './official-seal.js';
import { drawPageCodes } from './page-codes.js';
import { drawReceipt, RECEIPT_SIZE } from './receipt.js';
import { packPage, RecordingCanvas, sealContext, sealToService } from './sealed-page.js';
import {
  buildSecurityPatterns,
  latentWordPaths,
  MICRO_PATTERN,
  type SecurityPatterns,
} from './security-pattern.js';
import { encodeTamperCode, pageContentSha256, signingInput } from './tamper-code.js';

/** The municipality's issuing key, held by the caller: ECDSA P-256 over the given bytes. */
export interface DocumentSigner {
  keyId: string;
  sign(data: Uint8Array): Uint8Array;
}

/**
 * A printed certificate. The PDF holds front and back of each sheet alternately (page 1 = front
 * of sheet 1, page 2 = its back, …) for a duplex printer; `sheets` counts sheets of paper.
 */
export interface RenderedDocument {
  pdf: Uint8Array;
  sheets: number;
  /** Hex sha256 of the PDF bytes. */
  sha256: string;
  serial: string;
  /** The 照合番号 printed on each front page (signed renders only), sheet 1 first. */
  shortCodes: string[];
}

export interface RenderCertificateOptions {
  signer?: DocumentSigner;
  /** The verification service's public key (P-256): the back then carries each front page, sealed to it. */
  pageKey?: KeyObject;
}

export interface RendererOptions {
  /** Font files; by default those of the installed @expo-google-fonts packages. */
  fontPaths?: ConstructorParameters<typeof FontSet>[0];
  /** Draw the background security patterns (default true; false only to measure the content alone). */
  securityPattern?: boolean;
}

export interface Renderer {
  renderCertificate(doc: CertificateDocument, opts?: RenderCertificateOptions): Promise<RenderedDocument>;
  renderReceipt(r: ReceiptDocument): Promise<{ pdf: Uint8Array; sha256: string }>;
  /** Characters that no bundled font can print (the server refuses them with CHARACTER_NOT_SUPPORTED). */
  unsupportedCharacters(texts: string[]): string[];
  /** A one-page PDF with only the latent word's shapes filled black (to measure the copier effect). */
  renderLatentMask(): Promise<Uint8Array>;
}

const layoutOf = (d: CertificateDocument): CertificateLayout => {
  switch (d.type) {
    case 'juminhyo':
    case 'kisai':
      return juminhyoLayout(d);
    case 'inkan':
      return inkanLayout(d);
    case 'shotoku':
    case 'kazei':
      return taxLayout(d);
    case 'koseki':
      return kosekiLayout(d);
    case 'fuhyo':
      return fuhyoLayout(d);
  }
};

// Every string of a document model that may reach the paper (the 印影 is an image).
const textsOf = (value: unknown, out: string[] = []): string[] => {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) textsOf(v, out);
  else if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    for (const [k, v] of Object.entries(value)) if (k !== 'seal') textsOf(v, out);
  }
  return out;
};

const newDoc = (title: string, issuedAt: string, size: [number, number] = [PAGE_W, PAGE_H]): PdfDoc => {
  const date = new Date(issuedAt);
  if (Number.isNaN(date.getTime())) throw new Error(`issuedAt is not a date: ${issuedAt}`);
  return new PDFDocument({
    size,
    margin: 0,
    autoFirstPage: false,
    bufferPages: true,
    // Fonts and patterns arrive deflated already; the small per-page streams are cheaper left plain.
    compress: false,
    // No default Helvetica: pdfkit would parse its AFM file for every document.
    font: null as unknown as string,
    info: { Title: title, Producer: 'kofu', Creator: 'kofu', CreationDate: date, ModDate: date },
  });
};

const finish = (doc: PdfDoc, fonts: DocFonts): Promise<Uint8Array> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    fonts.finish();
    const resources = fonts.resources();
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      const page = doc.switchToPage(i);
      Object.assign(page.fonts as Record<string, unknown>, resources);
    }
    doc.end();
  });

const sha256Hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const base64url = (b: Uint8Array): string => Buffer.from(b).toString('base64url');

/** Loads and parses the fonts once; the returned renderer reuses them and the patterns for every document. */
export const createRenderer = (opts: RendererOptions = {}): Renderer => {
  const fonts = new FontSet(opts.fontPaths);
  const patterns = new Map<string, SecurityPatterns>();
  const seals = new Map<string, string>();
  const withPattern = opts.securityPattern !== false;

  const patternFor = (name: string): SecurityPatterns => {
    let p = patterns.get(name);
    if (!p) {
      p = buildSecurityPatterns(fonts, name);
      patterns.set(name, p);
    }
    return p;
  };
  const sealFor = (text: string): string => {
    let s = seals.get(text);
    if (s === undefined) {
      s = officialSealOps(fonts, text);
      seals.set(text, s);
    }
    return s;
  };

  const xobject = (doc: PdfDoc, micro: PDFKit.PDFKitReference, content: Buffer): PDFKit.PDFKitReference => {
    const ref = doc.ref({
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, PAGE_W, PAGE_H],
      Resources: { Pattern: { [MICRO_PATTERN]: micro } },
      Filter: 'FlateDecode',
    });
    ref.end(content);
    return ref;
  };
  const deflatedForm = (doc: PdfDoc, ops: string): PDFKit.PDFKitReference => {
    // In the canvas's y-down coordinates, painted where the canvas's CTM already holds.
    const ref = doc.ref({
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [0, 0, PAGE_W, PAGE_H],
      Resources: {},
      Filter: 'FlateDecode',
    });
    ref.end(deflateSync(Buffer.from(ops, 'latin1'), { level: 1 }));
    return ref;
  };
  const microPattern = (doc: PdfDoc, m: SecurityPatterns['micro']): PDFKit.PDFKitReference => {
    const ref = doc.ref({
      Type: 'Pattern',
      PatternType: 1,
      PaintType: 1,
      TilingType: 1,
      BBox: [0, 0, m.width, m.height],
      XStep: m.width,
      YStep: m.height,
      Resources: {},
      Filter: 'FlateDecode',
    });
    ref.end(m.content);
    return ref;
  };

  const renderCertificate: Renderer['renderCertificate'] = async (d, o = {}) => {
    const bad = fonts.unsupported(textsOf(d));
    if (bad.length) throw new UnsupportedCharacterError(bad);
    const layout = layoutOf(d);
    const header: DocumentHeader = d;
    const doc = newDoc(`${layout.title} ${d.serial}`, d.issuedAt);
    const df = new DocFonts(doc, fonts);
    const pages = paginate(layout.blocks, BODY_BOTTOM - BODY_TOP_FIRST - 20, CERT_RESERVE);
    const sheets = pages.length;
    let front: PDFKit.PDFKitReference | undefined;
    let back: PDFKit.PDFKitReference | undefined;
    if (withPattern) {
      const pat = patternFor(d.issuer.name);
      const micro = microPattern(doc, pat.micro);
      front = xobject(doc, micro, pat.front);
      back = xobject(doc, micro, pat.back);
    }
    const seal = sealFor(`${d.issuer.mayorTitle}之印`);
    const shortCodes: string[] = [];
    for (let i = 0; i < sheets; i++) {
      const sheet = i + 1;
      doc.addPage();
      const c = o.pageKey ? new RecordingCanvas(df, doc) : new Canvas(df, doc);
      if (front) {
        doc.page.xobjects.KP = front;
        c.raw(`q 1 0 0 -1 0 ${PAGE_H} cm /KP Do Q`);
      }
      const top = drawFrontHeader(c, header, layout, sheet, sheets);
      drawBlocks(c, pages[i]!, top);
      if (sheet === sheets) drawCertification(c, header, layout, seal);
      drawFooter(c, header, sheet, sheets);
      c.flush();
      const contentSha256 = pageContentSha256(c.texts);
      const unsigned = {
        serial: d.serial,
        page: sheet,
        pages: sheets,
        contentSha256,
        keyId: o.signer?.keyId ?? '',
      };
      const signature = o.signer ? base64url(o.signer.sign(signingInput(unsigned))) : '';
      if (o.signer)
        shortCodes.push(shortCode(drawFrontCode(c, d, sheet, sheets, contentSha256, o.signer).signature));
      const sealed =
        c instanceof RecordingCanvas && o.pageKey
          ? sealToService(packPage(c.page), o.pageKey, sealContext(d.serial, sheet, sheets))
          : undefined;
      doc.addPage();
      const b = new Canvas(df, doc);
      if (back) {
        doc.page.xobjects.KB = back;
        b.raw(`q 1 0 0 -1 0 ${PAGE_H} cm /KB Do Q`);
      }
      drawBack(b, header, sheet, sheets, {
        code: encodeTamperCode({ ...unsigned, signature }),
        signed: o.signer !== undefined,
        keyId: unsigned.keyId,
        contentSha256,
      });
      if (sealed) {
        const codes = drawPageCodes(b, sealed, { serial: d.serial, page: sheet, pages: sheets });
        // The modules deflated in a form XObject: the page streams themselves are left plain.
        doc.page.xobjects.KC = deflatedForm(doc, codes);
        b.raw('/KC Do');
      }
      b.flush();
    }
    const pdf = await finish(doc, df);
    return { pdf, sheets, sha256: sha256Hex(pdf), serial: d.serial, shortCodes };
  };

  const renderReceipt: Renderer['renderReceipt'] = async (r) => {
    const doc = newDoc(`領収書 ${r.orderId}`, r.issuedAt, RECEIPT_SIZE);
    const df = new DocFonts(doc, fonts);
    doc.addPage();
    const c = new Canvas(df, doc);
    drawReceipt(c, r);
    c.flush();
    const pdf = await finish(doc, df);
    return { pdf, sha256: sha256Hex(pdf) };
  };

  const renderLatentMask: Renderer['renderLatentMask'] = async () => {
    const doc = newDoc('latent mask', '2000-01-01T00:00:00+09:00');
    const df = new DocFonts(doc, fonts);
    doc.addPage();
    doc.addContent(`q 1 0 0 -1 0 ${PAGE_H} cm 0 g ${latentWordPaths(fonts)} f Q`);
    return finish(doc, df);
  };

  return {
    renderCertificate,
    renderReceipt,
    unsupportedCharacters: (texts) => fonts.unsupported(texts),
    renderLatentMask,
  };
};
