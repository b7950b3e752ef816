import { verify as ecdsaVerify, type KeyObject } from 'node:crypto';
import {
  BACK_CODE_REGION,
  decodeTamperCode,
  pageContentSha256,
  signingInput,
  type TamperCode,
} from '../render/index.js';
import { pdfPageTexts } from './pdf-text.js';
import { findBackCode, type RgbaImage, rasterisePdfPage } from './scan.js';

// Offline verification of a printed certificate: every sheet's signed back code, the front's
// actual text against the signed digest, and that the sheets form one whole certificate.

export type Outcome = 'valid' | 'altered' | 'forged' | 'incomplete' | 'voided' | 'unreadable';

export type SignatureCheck = 'ok' | 'bad' | 'unknown-key' | 'unsigned';

export interface SheetCheck {
  /** Position of the sheet in the file (1-based). */
  index: number;
  serial?: string;
  page?: number;
  pages?: number;
  keyId?: string;
  /** undefined: no code found; 'unknown-key' / 'bad' / 'ok'. */
  signature?: SignatureCheck;
  /** Whether the front's text matches the signed digest (undefined when no front was available). */
  contentMatches?: boolean;
}

export interface Verification {
  outcome: Outcome;
  serial?: string;
  pages?: number;
  sheets: SheetCheck[];
  /** What was checked and what was not. */
  checks: { signatures: boolean; content: boolean; completeness: boolean; voided: boolean };
  problems: string[];
}

const b64url = (s: string): Buffer => Buffer.from(s, 'base64url');

/** Checks one back code's signature with the published keys. */
export const checkSignature = (c: TamperCode, keys: ReadonlyMap<string, KeyObject>): SignatureCheck => {
  if (c.keyId === '' || c.signature === '') return 'unsigned';
  const key = keys.get(c.keyId);
  if (!key) return 'unknown-key';
  const sig = b64url(c.signature);
  const good = ecdsaVerify('sha256', signingInput(c), { key, dsaEncoding: 'ieee-p1363' }, sig);
  return good ? 'ok' : 'bad';
};

/** Judges a set of sheets: the worst finding wins (unreadable > forged > altered > incomplete). */
export const judge = (sheets: SheetCheck[], contentChecked: boolean): Verification => {
  const problems: string[] = [];
  let outcome: Outcome = 'valid';
  const set = (o: Outcome, why: string): void => {
    problems.push(why);
    const rank: Outcome[] = ['unreadable', 'forged', 'altered', 'incomplete', 'voided', 'valid'];
    if (rank.indexOf(o) < rank.indexOf(outcome)) outcome = o;
  };
  if (sheets.length === 0) set('unreadable', 'no sheet found');
  for (const s of sheets) {
    if (s.signature === undefined) set('unreadable', `sheet ${s.index}: no back code could be read`);
    else if (s.signature !== 'ok')
      set('forged', `sheet ${s.index}: signature ${s.signature} (key ${s.keyId || '-'})`);
    if (s.contentMatches === false)
      set('altered', `sheet ${s.index}: the front's text differs from the signed digest`);
  }
  const read = sheets.filter((s) => s.serial !== undefined);
  const serial = read[0]?.serial;
  const pages = read[0]?.pages;
  for (const s of read) {
    if (s.serial !== serial) set('incomplete', `sheet ${s.index}: foreign certificate ${s.serial}`);
    else if (s.pages !== pages) set('incomplete', `sheet ${s.index}: says ${s.pages} sheets, not ${pages}`);
  }
  const own = read.filter((s) => s.serial === serial).map((s) => s.page);
  for (let p = 1; pages !== undefined && p <= pages; p++)
    if (!own.includes(p)) set('incomplete', `sheet ${p}/${pages} is missing`);
  if (new Set(own).size !== own.length) set('incomplete', 'a sheet appears twice');
  return {
    outcome,
    ...(serial !== undefined ? { serial } : {}),
    ...(pages !== undefined ? { pages } : {}),
    sheets,
    checks: { signatures: true, content: contentChecked, completeness: true, voided: false },
    problems,
  };
};

const sheetFromCode = (
  index: number,
  text: string | undefined,
  keys: ReadonlyMap<string, KeyObject>,
): [SheetCheck, TamperCode | undefined] => {
  const code = text === undefined ? undefined : decodeTamperCode(text);
  if (!code) return [{ index }, undefined];
  return [
    {
      index,
      serial: code.serial,
      page: code.page,
      pages: code.pages,
      keyId: code.keyId,
      signature: checkSignature(code, keys),
    },
    code,
  ];
};

/** Verifies a kofu PDF (front page, back page per sheet): signatures, content and completeness. */
export const verifyPdf = (pdf: Uint8Array, keys: ReadonlyMap<string, KeyObject>, dpi = 150): Verification => {
  const texts = pdfPageTexts(pdf);
  if (!texts || texts.length === 0) return judge([], false);
  const sheets: SheetCheck[] = [];
  for (let i = 0; i * 2 < texts.length; i++) {
    const back =
      i * 2 + 2 <= texts.length ? rasterisePdfPage(pdf, i * 2 + 2, dpi, BACK_CODE_REGION) : undefined;
    const found = back ? findBackCode(back) : undefined;
    const [sheet, code] = sheetFromCode(i + 1, found, keys);
    if (code) sheet.contentMatches = pageContentSha256(texts[i * 2]!) === code.contentSha256;
    sheets.push(sheet);
  }
  return judge(sheets, true);
};

/** Verifies scanned back sides (one image per sheet): signatures and completeness; the front's text is not compared. */
export const verifyScans = (images: RgbaImage[], keys: ReadonlyMap<string, KeyObject>): Verification =>
  judge(
    images.map((img, i) => sheetFromCode(i + 1, findBackCode(img), keys)[0]),
    false,
  );
