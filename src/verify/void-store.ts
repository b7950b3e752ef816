import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Certificate numbers the town hall voided (issued in error), in DATA/center/voided.json;
// written whole to a temporary file and renamed, so a reader never sees half a file.

export interface VoidEntry {
  serial: string;
  at: string;
  by: string;
  reason: string;
}

/** A 固有番号 as printed: the issuing server's `<code>-<year>-<seq 8>-<check>`, or the fixtures' `K<code>-<YYYYMMDD>-<seq 6>-<check>`. */
export const SERIAL_PATTERN = /^(?:K\d{6}-\d{8}-\d{6}-\d|\d{6}-\d{4}-\d{8}-\d)$/;

/** The municipality code a 固有番号 starts with. */
export const municipalityOfSerial = (serial: string): string | undefined =>
  SERIAL_PATTERN.test(serial) ? serial.replace(/^K/, '').slice(0, 6) : undefined;

const pathOf = (dataDir: string): string => join(dataDir, 'center', 'voided.json');

/** Every voided number, by serial. */
export const readVoids = (dataDir: string): Map<string, VoidEntry> => {
  const path = pathOf(dataDir);
  if (!existsSync(path)) return new Map();
  const list = JSON.parse(readFileSync(path, 'utf8')) as VoidEntry[];
  return new Map(list.map((e) => [e.serial, e]));
};

/** Voids a number; false when it was already voided (the first entry is kept). */
export const addVoid = (dataDir: string, entry: VoidEntry): boolean => {
  const voids = readVoids(dataDir);
  if (voids.has(entry.serial)) return false;
  voids.set(entry.serial, entry);
  mkdirSync(join(dataDir, 'center'), { recursive: true });
  const tmp = `${pathOf(dataDir)}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify([...voids.values()], null, 1));
  renameSync(tmp, pathOf(dataDir));
  return true;
};

/** The issue date (YYYY-MM-DD) a certificate number carries (K<municipality>-<YYYYMMDD>-…), if it does. */
export const issueDateOfSerial = (serial: string): string | undefined => {
  // Only the K-form carries the date; the issuing server's numbers carry the year only.
  if (!SERIAL_PATTERN.test(serial) || !serial.startsWith('K')) return undefined;
  const d = serial.slice(8, 16);
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`;
};
