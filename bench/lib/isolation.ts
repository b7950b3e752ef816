import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/registers/index.js';
import type { IssuedCertificate, TextSample } from './driver.js';

// The isolation check on every document: each printed certificate's 固有番号 leads to its
// issuance record, whose subject IDs must all be in the requester's own scope (household for
// 住民票, 戸籍 for 戸籍/附票, the holder alone otherwise). A sample is also read as text.

export interface IsolationReport {
  checked: number;
  /** A subject outside the requester's scope, or a printed serial with no issuance record. */
  violations: number;
  unrecorded: number;
  samples: string[];
}

/** Looks every printed serial up in issuance_records after the run. */
export const checkIssuedScopes = async (
  issued: IssuedCertificate[],
  db: { dataDir: string; pg?: { url: string; schema: string } },
): Promise<IsolationReport> => {
  const kdb = await openDatabase({
    dataDir: db.dataDir,
    ...(db.pg ? { url: db.pg.url, schema: db.pg.schema } : {}),
  });
  const report: IsolationReport = { checked: 0, violations: 0, unrecorded: 0, samples: [] };
  try {
    for (let i = 0; i < issued.length; i += 500) {
      const chunk = issued.slice(i, i + 500);
      const rows = await kdb.db
        .selectFrom('issuance_records')
        .select(['number', 'subject_ids', 'type'])
        .where(
          'number',
          'in',
          chunk.map((c) => c.serial),
        )
        .execute();
      const bySerial = new Map(rows.map((row) => [row.number, row]));
      for (const c of chunk) {
        report.checked++;
        const row = bySerial.get(c.serial);
        if (!row) {
          report.unrecorded++;
          report.violations++;
          if (report.samples.length < 5) report.samples.push(`${c.serial}: no issuance record`);
          continue;
        }
        const subjects = JSON.parse(row.subject_ids) as string[];
        const outside = subjects.filter((s) => !c.allowedIds.includes(s));
        if (outside.length > 0 || row.type !== c.cert) {
          report.violations++;
          if (report.samples.length < 5)
            report.samples.push(
              `${c.serial} (${row.type} for ${c.holder}): outside scope ${outside.join(',')}`,
            );
        }
      }
    }
  } finally {
    await kdb.close();
  }
  return report;
};

const squash = (s: string) => s.replace(/\s+/g, '');

/** pdftotext on sampled certificates: the holder's name is there and no other load holder's is. */
export const checkTextSamples = (
  samples: TextSample[],
  everyName: readonly string[],
): { checked: number; violations: number; skipped: string | undefined; problems: string[] } => {
  const out = {
    checked: 0,
    violations: 0,
    skipped: undefined as string | undefined,
    problems: [] as string[],
  };
  if (samples.length === 0) return out;
  const dir = mkdtempSync(join(tmpdir(), 'kofu-bench-text-'));
  try {
    for (const [i, s] of samples.entries()) {
      const pdf = join(dir, `${i}.pdf`);
      writeFileSync(pdf, s.bytes);
      let text: string;
      try {
        text = squash(execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }));
      } catch (e) {
        out.skipped = `pdftotext unavailable: ${String(e).slice(0, 80)}`;
        return out;
      }
      out.checked++;
      const allowed = new Set(s.allowedNames.map(squash));
      const strangers = everyName.map(squash).filter((n) => !allowed.has(n) && text.includes(n));
      const own = text.includes(squash(s.holderName)) || s.allowedNames.some((n) => text.includes(squash(n)));
      if (strangers.length > 0 || !own) {
        out.violations++;
        if (out.problems.length < 5)
          out.problems.push(
            strangers.length ? `names outside scope: ${strangers.join(', ')}` : 'holder name missing',
          );
      }
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
