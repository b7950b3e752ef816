import type { Command } from 'commander';
import { verifyAuditChain } from '../../registers/audit.js';
import { openDatabase } from '../../registers/database.js';
import { EXIT_REFUSED, printJson } from '../io.js';
import type { CommandContext } from './index.js';

// `kofu audit verify --data DIR [--json]`: recomputes the hash chain, names the first broken entry.

export const registerAudit = (program: Command, ctx: CommandContext): void => {
  const audit = program.command('audit').description('the hash-chained audit log');
  audit
    .command('verify')
    .description('check the audit chain; exit 1 naming the first broken entry')
    .requiredOption('--data <dir>', 'data directory')
    .option('--json', 'print one JSON object')
    .action(async (opts: { data: string; json?: boolean }) => {
      const kdb = await openDatabase({ dataDir: opts.data });
      try {
        const r = await verifyAuditChain(kdb);
        if (opts.json) printJson(ctx.io, r);
        else if (r.ok) ctx.io.out(`audit chain intact: ${r.entries} entries`);
        else ctx.io.out(`audit chain BROKEN at entry ${r.firstBrokenSeq}: ${r.reason}`);
        if (!r.ok) ctx.setExit(EXIT_REFUSED);
      } finally {
        await kdb.close();
      }
    });
};
