import type { Command } from 'commander';
import { createDemoStaff, createStaff } from '../../admin/index.js';
import { generatePassword } from '../../admin/password.js';
import { isRole, ROLES } from '../../admin/permissions.js';
import { systemClock } from '../../domain/japan-time.js';
import { openDatabase } from '../../registers/database.js';
import { EXIT_REFUSED, printJson, UsageError } from '../io.js';
import type { CommandContext } from './index.js';

// `kofu admin staff add|demo`: console accounts; generated passwords are printed once, never stored.

export const registerAdmin = (program: Command, ctx: CommandContext): void => {
  const staff = program
    .command('admin')
    .description('the town hall console')
    .command('staff')
    .description('staff accounts');
  staff
    .command('add')
    .description('create (or reset) a staff account with a generated password')
    .requiredOption('--data <dir>', 'data directory')
    .requiredOption('--user <id>', 'login name (a-z 0-9 _ . -)')
    .requiredOption('--role <role>', ROLES.join(' | '))
    .option('--name <text>', 'display name')
    .option('--municipality <code>', 'municipality code', '284815')
    .option('--json', 'print one JSON object')
    .action(
      async (o: {
        data: string;
        user: string;
        role: string;
        name?: string;
        municipality: string;
        json?: boolean;
      }) => {
        if (!isRole(o.role)) throw new UsageError(`--role: one of ${ROLES.join(', ')}`);
        const password = generatePassword();
        const kdb = await openDatabase({ dataDir: o.data });
        try {
          const r = await createStaff(kdb, systemClock, {
            id: o.user,
            displayName: o.name ?? o.user,
            role: o.role,
            municipalityCode: o.municipality,
            password,
          });
          if (!r.ok) {
            ctx.setExit(EXIT_REFUSED);
            return o.json
              ? printJson(ctx.io, { ok: false, error: r.error })
              : ctx.io.err(`kofu: ${r.error.field}: ${r.error.detail}`);
          }
          if (o.json) printJson(ctx.io, { ok: true, user: o.user, role: o.role, password });
          else ctx.io.out(`${o.user} (${o.role}): ${password}   — shown once; write it down`);
        } finally {
          await kdb.close();
        }
      },
    );
  staff
    .command('demo')
    .description('create one account per role (juminka, zeimuka, kanrisha) with generated passwords')
    .requiredOption('--data <dir>', 'data directory')
    .option('--json', 'print one JSON object')
    .action(async (o: { data: string; json?: boolean }) => {
      const kdb = await openDatabase({ dataDir: o.data });
      try {
        const accounts = await createDemoStaff(kdb, systemClock);
        if (o.json) return printJson(ctx.io, { ok: true, accounts });
        for (const a of accounts) ctx.io.out(`${a.user} (${a.role}): ${a.password}`);
        ctx.io.out('Passwords are shown once. Console: https://localhost:PORT/admin/');
      } finally {
        await kdb.close();
      }
    });
};
