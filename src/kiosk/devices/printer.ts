import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

// A virtual printer. A job is addressed only by (orderId, documentId): it is written to its
// own spool file, "printed" (copied atomically to the output directory), confirmed, and the
// spool file is deleted. There is no queue a job could be taken from by someone else.

export interface PrintJob {
  orderId: string;
  documentId: string;
  /** Name of the printed sheet set in the output tray (a file name, no directories). */
  fileName: string;
  bytes: Uint8Array;
}

export interface Printed {
  file: string;
  pages: number;
}

export type PrinterError = { code: 'PRINTER_FAILURE' | 'BAD_JOB'; detail: string };
export type PrintResult = { ok: true; value: Printed } | { ok: false; error: PrinterError };

export interface Printer {
  print(job: PrintJob): Promise<PrintResult>;
  /** Spool files still present (should be none between jobs: the kiosk keeps nothing). */
  spooled(): string[];
}

export interface VirtualPrinterOptions {
  spoolDir: string;
  outDir: string;
  /** The next N jobs fail after spooling (paper jam), to exercise reprints. */
  failNext?: number;
}

const SAFE = /^[A-Za-z0-9_-]{1,100}$/;
const SAFE_FILE = /^[A-Za-z0-9_.-]{1,200}$/;

/** Counts the pages of a PDF by its page objects (`/Type /Page`, not `/Pages`). */
export const countPdfPages = (bytes: Uint8Array): number => {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
};

export interface VirtualPrinter extends Printer {
  failNext(n: number): void;
}

/** A printer that "prints" into `outDir`; `failNext(n)` simulates n consecutive jams. */
export const openVirtualPrinter = (opts: VirtualPrinterOptions): VirtualPrinter => {
  let failures = opts.failNext ?? 0;
  mkdirSync(opts.spoolDir, { recursive: true });
  mkdirSync(opts.outDir, { recursive: true });
  const spooled = (): string[] => {
    const out: string[] = [];
    for (const d of readdirSync(opts.spoolDir)) {
      const p = join(opts.spoolDir, d);
      if (statSync(p).isDirectory()) for (const f of readdirSync(p)) out.push(join(d, f));
      else out.push(d);
    }
    return out;
  };
  const dropSpool = (dir: string, file: string): void => {
    rmSync(file, { force: true });
    try {
      rmdirSync(dir);
    } catch {
      // another document of the same order is still spooled
    }
  };
  return {
    spooled,
    failNext(n) {
      failures = n;
    },
    async print(job) {
      if (!SAFE.test(job.orderId) || !SAFE.test(job.documentId) || !SAFE_FILE.test(job.fileName))
        return { ok: false, error: { code: 'BAD_JOB', detail: 'unsafe identifiers' } };
      const dir = join(opts.spoolDir, job.orderId);
      const spool = join(dir, `${job.documentId}.pdf`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(spool, job.bytes);
      try {
        if (failures > 0) {
          failures -= 1;
          return { ok: false, error: { code: 'PRINTER_FAILURE', detail: 'paper jam' } };
        }
        const target = join(opts.outDir, job.fileName);
        const partial = `${target}.printing`;
        copyFileSync(spool, partial);
        renameSync(partial, target);
        // The confirmation: the sheet in the tray is the whole job.
        if (statSync(target).size !== job.bytes.byteLength) {
          rmSync(target, { force: true });
          return { ok: false, error: { code: 'PRINTER_FAILURE', detail: 'incomplete output' } };
        }
        return { ok: true, value: { file: target, pages: countPdfPages(job.bytes) } };
      } finally {
        dropSpool(dir, spool);
      }
    },
  };
};
