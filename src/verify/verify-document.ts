import { verify as ecdsaVerify, type KeyObject } from 'node:crypto';
import {
  BACK_CODE_REGION,
  decodeFrontCode,
  decodeTamperCode,
  FRONT_CODE_REGION,
  type FrontCode,
  frontDigest,
  frontSigningInput,
  pageContentSha256,
  shortCode,
  signingInput,
  type TamperCode,
} from '../render/index.js';
import {
  type DecodedPage,
  findPageParts,
  openPageParts,
  pdfSlots,
  type SlotImage,
  scanSlots,
} from './page-decode.js';
import { pdfPageTexts } from './pdf-text.js';
import { decodeImage, findBackCode, findFrontCode, type RgbaImage, rasterisePdfPage } from './scan.js';

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
  /** What the front code states (when it was read). */
  front?: { municipality: string; type: string; issuedOn: string; shortCode: string };
  /** false when the front and back codes speak of different sheets. */
  sidesMatch?: boolean;
  /** With the verification key: whether the page opened from the back codes matches the signed digest. */
  pageMatches?: boolean;
}

/** What a verifier holding the verification service's private key may add. */
export interface VerifyOptions {
  /** Opens the back's page codes (the verification service only). */
  pageKey?: KeyObject;
}

/** A front page opened from the back of sheet `index`. */
export interface OpenedPage {
  index: number;
  page: number;
  image: DecodedPage['image'];
}

export interface Verification {
  outcome: Outcome;
  serial?: string;
  pages?: number;
  sheets: SheetCheck[];
  /** What was checked and what was not. */
  checks: { signatures: boolean; content: boolean; completeness: boolean; voided: boolean };
  problems: string[];
  /** The pages opened from the back codes (only with VerifyOptions.pageKey). */
  opened?: OpenedPage[];
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
    if (s.pageMatches === false)
      set('altered', `sheet ${s.index}: the page sealed on the back differs from the signed digest`);
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

const checkFrontSignature = (c: FrontCode, keys: ReadonlyMap<string, KeyObject>): SignatureCheck => {
  const key = keys.get(c.keyId);
  if (!key) return 'unknown-key';
  const good = ecdsaVerify(
    'sha256',
    frontSigningInput(c),
    { key, dsaEncoding: 'ieee-p1363' },
    b64url(c.signature),
  );
  return good ? 'ok' : 'bad';
};

const worse = (a: SignatureCheck | undefined, b: SignatureCheck | undefined): SignatureCheck | undefined => {
  const rank: (SignatureCheck | undefined)[] = ['bad', 'unknown-key', 'unsigned', 'ok', undefined];
  return rank.indexOf(a) <= rank.indexOf(b) ? a : b;
};

/** One sheet from what could be read of it: its back code and/or its front code. */
export const sheetFromCodes = (
  index: number,
  backText: string | undefined,
  frontText: string | undefined,
  keys: ReadonlyMap<string, KeyObject>,
): { sheet: SheetCheck; back?: TamperCode; front?: FrontCode } => {
  const back = backText === undefined ? undefined : decodeTamperCode(backText);
  const front = frontText === undefined ? undefined : decodeFrontCode(frontText);
  const main = back ?? front;
  if (!main) return { sheet: { index } };
  const sheet: SheetCheck = {
    index,
    serial: main.serial,
    page: main.page,
    pages: main.pages,
    keyId: main.keyId,
  };
  const sig = worse(back && checkSignature(back, keys), front && checkFrontSignature(front, keys));
  if (sig) sheet.signature = sig;
  if (front) {
    sheet.front = {
      municipality: front.municipality,
      type: front.type,
      issuedOn: front.issuedOn,
      shortCode: shortCode(front.signature),
    };
    // Both sides must speak of the same sheet; a back from another sheet is a swapped page.
    if (
      back &&
      (back.serial !== front.serial ||
        back.page !== front.page ||
        back.pages !== front.pages ||
        frontDigest(back.contentSha256) !== front.digest)
    )
      sheet.sidesMatch = false;
  }
  return { sheet, ...(back ? { back } : {}), ...(front ? { front } : {}) };
};

const SHORT_TEXT = /^照合番号 [0-9A-Z]{4}-[0-9A-Z]{4}$/;

/** The front page's signed content texts: the short code drawn after the hash is not part of them. */
const contentTexts = (texts: string[]): string[] =>
  texts.length > 0 && SHORT_TEXT.test(texts[texts.length - 1]!) ? texts.slice(0, -1) : texts;

const FRONT_CROP = {
  x: FRONT_CODE_REGION.x - 6,
  y: FRONT_CODE_REGION.y - 6,
  w: FRONT_CODE_REGION.w + 12,
  h: FRONT_CODE_REGION.h + 12,
};

/** Verifies a kofu PDF (front page, back page per sheet): both codes' signatures, content and completeness. */
export const verifyPdf = (
  pdf: Uint8Array,
  keys: ReadonlyMap<string, KeyObject>,
  o: VerifyOptions = {},
  dpi = 150,
): Verification => {
  const texts = pdfPageTexts(pdf);
  if (!texts || texts.length === 0) return judge([], false);
  const sheets: SheetCheck[] = [];
  const opened: OpenedPage[] = [];
  const notes: string[] = [];
  for (let i = 0; i * 2 < texts.length; i++) {
    const backImg =
      i * 2 + 2 <= texts.length ? rasterisePdfPage(pdf, i * 2 + 2, dpi, BACK_CODE_REGION) : undefined;
    const frontImg = rasterisePdfPage(pdf, i * 2 + 1, 300, FRONT_CROP);
    const { sheet, back, front } = sheetFromCodes(
      i + 1,
      backImg ? findBackCode(backImg) : undefined,
      frontImg ? decodeImage(frontImg) : undefined,
      keys,
    );
    const sha = pageContentSha256(contentTexts(texts[i * 2]!));
    if (back) sheet.contentMatches = sha === back.contentSha256;
    if (front) sheet.contentMatches = (sheet.contentMatches ?? true) && frontDigest(sha) === front.digest;
    if (o.pageKey && i * 2 + 2 <= texts.length)
      openBack(pdfSlots(pdf, i * 2 + 2), sheet, back, o.pageKey, opened, notes);
    sheets.push(sheet);
  }
  return withOpened(judge(sheets, true), o, opened, notes);
};

/** Opens the page codes of one back side and checks the page against the signed back code. */
const openBack = (
  slots: SlotImage,
  sheet: SheetCheck,
  back: TamperCode | undefined,
  key: KeyObject,
  opened: OpenedPage[],
  notes: string[],
): void => {
  const page = openPageParts(findPageParts(slots), key);
  if (typeof page === 'string') {
    notes.push(`sheet ${sheet.index}: ${page}`);
    return;
  }
  sheet.pageMatches =
    back !== undefined &&
    page.serial === back.serial &&
    page.page === back.page &&
    page.pages === back.pages &&
    page.contentSha256 === back.contentSha256;
  opened.push({ index: sheet.index, page: page.page, image: page.image });
};

const withOpened = (
  v: Verification,
  o: VerifyOptions,
  opened: OpenedPage[],
  notes: string[],
): Verification => (o.pageKey ? { ...v, opened, problems: [...v.problems, ...notes] } : v);

/** Verifies scanned sides (one image per sheet, front or back): signatures and completeness; no text is compared. */
export const verifyScans = (
  images: RgbaImage[],
  keys: ReadonlyMap<string, KeyObject>,
  o: VerifyOptions = {},
): Verification => {
  const opened: OpenedPage[] = [];
  const notes: string[] = [];
  const sheets = images.map((img, i) => {
    const backText = findBackCode(img);
    const isBack = backText !== undefined && decodeTamperCode(backText) !== undefined;
    const { sheet, back } = sheetFromCodes(
      i + 1,
      isBack ? backText : undefined,
      isBack ? undefined : findFrontCode(img),
      keys,
    );
    if (o.pageKey && isBack) openBack(scanSlots(img), sheet, back, o.pageKey, opened, notes);
    return sheet;
  });
  // A back whose sealed page matched its signed digest proves the text of that front.
  const content = sheets.length > 0 && sheets.every((s) => s.pageMatches === true);
  return withOpened(judge(sheets, content), o, opened, notes);
};
