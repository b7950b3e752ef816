import { createHash, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

// What the center keeps of each printed certificate to answer a typed 固有番号 + 照合番号:
// DATA/center/issued-codes.jsonl, one line per certificate with its type, municipality, issue date,
// number of sheets and sha256("kofu-short|serial|照合番号") of each sheet — no content of the certificate.

export interface IssuedCodes {
  serial: string;
  type: string;
  municipality: string;
  /** YYYY-MM-DD (Japan date). */
  issuedOn: string;
  sheets: number;
  /** One hash per sheet (see codeHash). */
  codes: string[];
}

const pathOf = (dataDir: string): string => join(dataDir, 'center', 'issued-codes.jsonl');

/** The 照合番号 as printed, from what was typed (case, spaces, hyphens, O/I/L read as 0/1/1). */
export const normaliseShortCode = (typed: string): string | undefined => {
  const c = typed
    .toUpperCase()
    .replace(/[\s\-‐－ー]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return /^[0-9A-HJKMNP-TV-Z]{8}$/.test(c) ? `${c.slice(0, 4)}-${c.slice(4)}` : undefined;
};

/** sha256 hex of a number's 照合番号 (as printed, XXXX-XXXX). */
export const codeHash = (serial: string, shortCode: string): string =>
  createHash('sha256').update(`kofu-short|${serial}|${shortCode}`, 'utf8').digest('hex');

/** Records a printed certificate's 照合番号 hashes (appended and synced). */
export const recordIssuedCodes = (
  dataDir: string,
  c: Omit<IssuedCodes, 'codes'> & { shortCodes: readonly string[] },
): void => {
  // Field by field: a caller passing a whole document must not leak its content here.
  const line: IssuedCodes = {
    serial: c.serial,
    type: c.type,
    municipality: c.municipality,
    issuedOn: c.issuedOn,
    sheets: c.sheets,
    codes: c.shortCodes.map((s) => codeHash(c.serial, s)),
  };
  mkdirSync(join(dataDir, 'center'), { recursive: true });
  const fd = openSync(pathOf(dataDir), 'a', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(line)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};

/** The record of a number, if that number was printed (a torn last line is skipped). */
export const findIssuedCodes = (dataDir: string, serial: string): IssuedCodes | undefined => {
  const path = pathOf(dataDir);
  if (!existsSync(path)) return undefined;
  let found: IssuedCodes | undefined;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.includes(serial)) continue;
    try {
      const r = JSON.parse(line) as IssuedCodes;
      if (r.serial === serial) found = r;
    } catch {
      // a line cut by a crash
    }
  }
  return found;
};

/** Whether a typed 照合番号 is one of the number's sheets' (compared in constant time). */
export const matchesShortCode = (record: IssuedCodes, typed: string): boolean => {
  const code = normaliseShortCode(typed);
  if (!code) return false;
  const want = Buffer.from(codeHash(record.serial, code), 'hex');
  let ok = false;
  for (const h of record.codes) ok = timingSafeEqual(Buffer.from(h, 'hex'), want) || ok;
  return ok;
};
