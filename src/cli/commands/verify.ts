import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { appendAuditEntry } from '../../registers/audit.js';
import { openDatabase } from '../../registers/database.js';
import {
  addVoid,
  askVoided,
  issuerKeysFromDataDir,
  parseIssuerKeys,
  SERIAL_PATTERN,
  verifyFiles,
  withVoidCheck,
} from '../../verify/index.js';
import { EXIT_OK, EXIT_REFUSED, printJson, UsageError } from '../io.js';
import type { CommandContext } from './index.js';

// `kofu verify FILE…`: is this printed certificate genuine, unaltered and whole? Exit 0 only for valid.

const loadKeys = (o: { data?: string; keys?: string }) => {
  if (!o.data && !o.keys) throw new UsageError('give --data DIR or --keys FILE (the published issuer keys)');
  const keys = o.data ? issuerKeysFromDataDir(o.data) : new Map();
  if (o.keys) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(o.keys, 'utf8'));
    } catch {
      throw new UsageError(`--keys: cannot read JSON from ${o.keys}`);
    }
    const parsed = parseIssuerKeys(json);
    if (!parsed) throw new UsageError('--keys: expected { "keys": { keyId: SPKI PEM } }');
    for (const [id, k] of parsed) keys.set(id, k);
  }
  return keys;
};

export const registerVerify = (program: Command, ctx: CommandContext): void => {
  program
    .command('verify')
    .description('verify a printed certificate: a PDF, or PNG/JPEG scans of either side (one per sheet)')
    .argument('<files...>', 'the PDF, or PNG or JPEG scans')
    .option('--data <dir>', 'data directory holding the issuing public keys')
    .option('--keys <file>', 'published issuer keys (/.well-known/kofu-issuers.json)')
    .option('--center <url>', 'also ask the center whether the number was voided')
    .option('--json', 'print one JSON object')
    .action(async (files: string[], o: { data?: string; keys?: string; center?: string; json?: boolean }) => {
      const keys = loadKeys(o);
      const bytes = files.map((f) => {
        try {
          return new Uint8Array(readFileSync(f));
        } catch {
          throw new UsageError(`cannot read ${f}`);
        }
      });
      let v = verifyFiles(bytes, keys);
      if (o.center && v.serial) v = withVoidCheck(v, await askVoided(o.center, v.serial));
      if (o.json) printJson(ctx.io, v);
      else {
        ctx.io.out(`${v.outcome}${v.serial ? ` ${v.serial}` : ''}${v.pages ? ` (${v.pages} sheets)` : ''}`);
        for (const p of v.problems) ctx.io.out(`  ${p}`);
      }
      ctx.setExit(v.outcome === 'valid' ? EXIT_OK : EXIT_REFUSED);
    });
  program
    .command('certificate')
    .description('issued certificates')
    .command('void')
    .description('void a certificate number issued in error (verification then says voided)')
    .argument('<serial>', '固有番号, e.g. K284815-20261125-000101-4')
    .requiredOption('--data <dir>', 'data directory')
    .requiredOption('--reason <text>', 'why it is voided (kept in the audit log)')
    .option('--by <name>', 'who voids it', 'cli')
    .option('--json', 'print one JSON object')
    .action(async (serial: string, o: { data: string; reason: string; by: string; json?: boolean }) => {
      if (!SERIAL_PATTERN.test(serial))
        throw new UsageError('<serial>: expected the 固有番号 as printed (999999-YYYY-99999999-9)');
      const at = new Date().toISOString();
      const added = addVoid(o.data, { serial, at, by: o.by, reason: o.reason });
      const kdb = await openDatabase({ dataDir: o.data });
      try {
        if (added)
          await appendAuditEntry(kdb, {
            at,
            actor: o.by,
            action: 'certificate.void',
            refs: { serial, reason: o.reason },
          });
      } finally {
        await kdb.close();
      }
      if (o.json) printJson(ctx.io, { ok: true, serial, voided: true, alreadyVoided: !added });
      else ctx.io.out(added ? `voided ${serial}` : `${serial} was already voided`);
    });
};
