import { createHash } from 'node:crypto';

// The machine-readable code on the back of every sheet. Format (one QR code, byte mode):
//   KOFU1|<serial>|<page>|<pages>|<sha256 hex of the front page's content text>|<keyId>|<signature>
// keyId and signature are empty on an unsigned specimen. The signature (base64url) is the
// issuing municipality's ECDSA P-256 signature over signingInput() — the same line without
// its last field — in whatever encoding the signer returns (kofu's signers use IEEE P1363, r‖s).

export const TAMPER_CODE_VERSION = 'KOFU1';

/** What the back of one sheet certifies about its front. */
export interface TamperCode {
  serial: string;
  /** 1-based sheet number and the number of sheets of the certificate. */
  page: number;
  pages: number;
  /** sha256 (hex) of pageContentText() of the front page. */
  contentSha256: string;
  /** Empty when unsigned. */
  keyId: string;
  /** base64url signature bytes; empty when unsigned. */
  signature: string;
}

const FIELD = /^[A-Za-z0-9._:-]*$/;
/** A 1-based count (sheet, sheets, part, parts) as the codes write it. */
export const COUNT = /^[1-9]\d{0,3}$/;

/** The `|`-separated fields of a kofu code after its version tag; undefined for another tag or count. */
export const codeFields = (text: string, version: string, count: number): string[] | undefined => {
  const f = text.split('|');
  return f.length === count && f[0] === version ? f.slice(1) : undefined;
};

/** The text whose digest the code carries: every text drawn on the front page, in order, one per line (NFC). */
export const pageContentText = (texts: readonly string[]): string => texts.join('\n').normalize('NFC');

/** sha256 hex of a page's content text. */
export const pageContentSha256 = (texts: readonly string[]): string =>
  createHash('sha256').update(pageContentText(texts), 'utf8').digest('hex');

/** The bytes the issuing key signs. */
export const signingInput = (c: Omit<TamperCode, 'signature'>): Uint8Array => {
  if (!FIELD.test(c.serial) || !FIELD.test(c.keyId))
    throw new Error('serial and keyId must be [A-Za-z0-9._:-]');
  return new TextEncoder().encode(
    [TAMPER_CODE_VERSION, c.serial, c.page, c.pages, c.contentSha256, c.keyId].join('|'),
  );
};

/** The text stored in the QR code. */
export const encodeTamperCode = (c: TamperCode): string => {
  if (!FIELD.test(c.signature)) throw new Error('signature must be base64url');
  return `${new TextDecoder().decode(signingInput(c))}|${c.signature}`;
};

/** Parses the QR code's text; undefined when it is not a kofu code. */
export const decodeTamperCode = (text: string): TamperCode | undefined => {
  const f = codeFields(text, TAMPER_CODE_VERSION, 7);
  if (!f) return undefined;
  const [serial, page, pages, sha, keyId, signature] = f as [string, string, string, string, string, string];
  if (!COUNT.test(page) || !COUNT.test(pages) || !/^[0-9a-f]{64}$/.test(sha)) return undefined;
  if (!FIELD.test(serial) || !FIELD.test(keyId) || !FIELD.test(signature)) return undefined;
  return { serial, page: Number(page), pages: Number(pages), contentSha256: sha, keyId, signature };
};

// The page codes beside it: the sealed front page (src/render/sealed-page.ts), split in parts:
//   KOFU1P|<serial>|<sheet>|<sheets>|<part>|<parts>|<base64url of the part's bytes>

export const PAGE_PART_VERSION = 'KOFU1P';

/** One part of a sheet's sealed page. */
export interface PagePart {
  serial: string;
  page: number;
  pages: number;
  /** 1-based part number and the number of parts. */
  part: number;
  parts: number;
  data: Uint8Array;
}

/** The text stored in one page code. */
export const encodePagePart = (p: PagePart): string => {
  if (!FIELD.test(p.serial)) throw new Error('serial must be [A-Za-z0-9._:-]');
  return [
    PAGE_PART_VERSION,
    p.serial,
    p.page,
    p.pages,
    p.part,
    p.parts,
    Buffer.from(p.data).toString('base64url'),
  ].join('|');
};

/** Parses a page code's text; undefined when it is not one. */
export const decodePagePart = (text: string): PagePart | undefined => {
  const f = text.split('|');
  if (f.length !== 7 || f[0] !== PAGE_PART_VERSION) return undefined;
  const [, serial, page, pages, part, parts, data] = f as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (![page, pages, part, parts].every((n) => COUNT.test(n)) || !FIELD.test(serial)) return undefined;
  if (!/^[A-Za-z0-9_-]+$/.test(data) || Number(part) > Number(parts)) return undefined;
  return {
    serial,
    page: Number(page),
    pages: Number(pages),
    part: Number(part),
    parts: Number(parts),
    data: new Uint8Array(Buffer.from(data, 'base64url')),
  };
};

/** Splits a sealed page into `parts` nearly equal parts. */
export const splitPage = (
  sealed: Uint8Array,
  head: { serial: string; page: number; pages: number },
  parts: number,
): PagePart[] => {
  const size = Math.ceil(sealed.length / parts);
  return Array.from({ length: parts }, (_, i) => ({
    ...head,
    part: i + 1,
    parts,
    data: sealed.subarray(i * size, (i + 1) * size),
  }));
};

/** Joins the parts of one sheet in order; undefined when one is missing or they disagree. */
export const joinPage = (parts: readonly PagePart[]): Uint8Array | undefined => {
  const first = parts[0];
  if (!first) return undefined;
  const byNo = new Map(parts.map((p) => [p.part, p]));
  const out: Uint8Array[] = [];
  for (let i = 1; i <= first.parts; i++) {
    const p = byNo.get(i);
    if (!p || p.serial !== first.serial || p.page !== first.page || p.parts !== first.parts) return undefined;
    out.push(p.data);
  }
  return new Uint8Array(Buffer.concat(out));
};
