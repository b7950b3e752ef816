import { createHash } from 'node:crypto';
import type { DocumentHeader } from '../domain/documents.js';
import { type Canvas, num } from './canvas.js';
import { RIGHT } from './layout.js';
import { qrOps } from './qr.js';
import { COUNT, codeFields } from './tamper-code.js';

// The small signed QR code on the front of every sheet, so that a front alone can be checked:
//   KF1|<municipality>|<type>|<serial>|<sheet>|<sheets>|<issue date YYYYMMDD>|<digest>|<keyId>|<signature>
// digest = the first 16 bytes (base64url) of the page's content-text sha256 (the back code's digest);
// the signature (base64url, IEEE P1363) is the issuing key's over the line without its last field.
// Beside it, 照合番号 XXXX-XXXX: 8 characters derived from the signature, for typed look-ups.

export const FRONT_CODE_VERSION = 'KF1';
/** The front code's square, in points from the page's top-left corner (free on every front page). */
export const FRONT_CODE_REGION = { x: RIGHT - 50, y: 34, w: 50, h: 50 } as const;
export const SHORT_CODE_LABEL = '照合番号 ';

/** What the front of one sheet certifies. */
export interface FrontCode {
  municipality: string;
  type: string;
  serial: string;
  page: number;
  pages: number;
  /** YYYYMMDD (Japan date of issue). */
  issuedOn: string;
  /** base64url of the first 16 bytes of the content text's sha256. */
  digest: string;
  keyId: string;
  signature: string;
}

const FIELD = /^[A-Za-z0-9._:-]+$/;

/** The front digest of a page from its content-text sha256 (hex). */
export const frontDigest = (contentSha256Hex: string): string =>
  Buffer.from(contentSha256Hex, 'hex').subarray(0, 16).toString('base64url');

/** The bytes the issuing key signs for the front code. */
export const frontSigningInput = (c: Omit<FrontCode, 'signature'>): Uint8Array => {
  const f = [c.municipality, c.type, c.serial, c.issuedOn, c.digest, c.keyId];
  if (!f.every((x) => FIELD.test(x))) throw new Error('front code fields must be [A-Za-z0-9._:-]');
  return new TextEncoder().encode(
    [
      FRONT_CODE_VERSION,
      c.municipality,
      c.type,
      c.serial,
      c.page,
      c.pages,
      c.issuedOn,
      c.digest,
      c.keyId,
    ].join('|'),
  );
};

/** The text stored in the front QR code. */
export const encodeFrontCode = (c: FrontCode): string =>
  `${new TextDecoder().decode(frontSigningInput(c))}|${c.signature}`;

/** Parses a front QR code's text; undefined when it is not a kofu front code. */
export const decodeFrontCode = (text: string): FrontCode | undefined => {
  const f = codeFields(text, FRONT_CODE_VERSION, 10);
  if (!f) return undefined;
  const [municipality, type, serial, page, pages, issuedOn, digest, keyId, signature] = f as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (!COUNT.test(page) || !COUNT.test(pages) || !/^\d{8}$/.test(issuedOn)) return undefined;
  if (![municipality, type, serial, digest, keyId, signature].every((x) => FIELD.test(x))) return undefined;
  return {
    municipality,
    type,
    serial,
    page: Number(page),
    pages: Number(pages),
    issuedOn,
    digest,
    keyId,
    signature,
  };
};

/** The short verification code printed beside the QR: 8 characters (Crockford base32) of the signature's sha256. */
export const shortCode = (signatureB64url: string): string => {
  const abc = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const h = createHash('sha256').update(signatureB64url, 'utf8').digest();
  let out = '';
  for (let i = 0; i < 8; i++) out += abc[h[i]! & 31];
  return `${out.slice(0, 4)}-${out.slice(4)}`;
};

/** Builds, signs and draws the front code and its short code on a front page (after its texts were hashed). */
export const drawFrontCode = (
  c: Canvas,
  d: DocumentHeader,
  sheet: number,
  sheets: number,
  contentSha256: string,
  signer: { keyId: string; sign(data: Uint8Array): Uint8Array },
): FrontCode => {
  const unsigned = {
    municipality: d.issuer.code,
    type: d.type,
    serial: d.serial,
    page: sheet,
    pages: sheets,
    issuedOn: d.issuedOn.replaceAll('-', ''),
    digest: frontDigest(contentSha256),
    keyId: signer.keyId,
  };
  const signature = Buffer.from(signer.sign(frontSigningInput(unsigned))).toString('base64url');
  const code = { ...unsigned, signature };
  const r = FRONT_CODE_REGION;
  // One QR encoding at one module per unit, scaled into the region.
  const qr = qrOps(encodeFrontCode(code), 0, 0, 1);
  const unit = r.w / qr.size;
  c.fillRect(r.x - 2, r.y - 2, r.w + 4, r.h + 4, [1, 1, 1]);
  c.raw(`q ${num(unit)} 0 0 ${num(unit)} ${num(r.x)} ${num(r.y)} cm ${qr.ops} Q`);
  // Decorative: not part of the signed content text (it derives from the signature).
  c.text(r.x - 4, r.y + r.h - 8, `${SHORT_CODE_LABEL}${shortCode(signature)}`, {
    size: 7,
    style: 'gothic',
    align: 'right',
    decorative: true,
  });
  c.flush();
  return code;
};
