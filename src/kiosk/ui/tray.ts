import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { countPdfPages } from '../devices/printer.js';
import type { TrayDocument } from './ui-types.js';

// What lies in the printer's output tray, read from the printed files themselves.

const RECEIPT = /^receipt-(.+)\.pdf$/;
const CERTIFICATE = /^([a-z]+)-(.+)\.pdf$/;

/** Describes one printed file of the tray (named by the kiosk client's delivery). */
export const trayDocumentOf = (dir: string, file: string): TrayDocument => {
  const pdfPages = countPdfPages(readFileSync(join(dir, file)));
  const r = RECEIPT.exec(file);
  if (r) return { id: file, kind: 'receipt', serial: r[1] ?? '', pdfPages };
  const c = CERTIFICATE.exec(file);
  return {
    id: file,
    kind: 'certificate',
    ...(c?.[1] ? { cert: c[1] } : {}),
    serial: c?.[2] ?? file,
    pdfPages,
  };
};

/** Every printed document lying in the tray directory `dir`. */
export const listTray = (dir: string): TrayDocument[] => {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.pdf'));
  } catch {
    return [];
  }
  return names.sort().map((f) => trayDocumentOf(dir, f));
};

/** Removes everything inside `dir` but the directory itself (the printer keeps using it). */
export const emptyDir = (dir: string, only?: (name: string) => boolean): void => {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const e of entries) if (!only || only(e)) rmSync(join(dir, e), { recursive: true, force: true });
};
