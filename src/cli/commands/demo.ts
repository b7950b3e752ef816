import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { createDemoStaff } from '../../admin/index.js';
import { fixedClock, japanDate, offsetClock, systemClock } from '../../domain/japan-time.js';
import {
  addSyntheticResidents,
  type DemoSummary,
  initDemo,
  isDemoInitialised,
} from '../../municipality/demo/demo-setup.js';
import { openDatabase } from '../../registers/index.js';
import { EXIT_REFUSED, printJson, UsageError } from '../io.js';
import type { CommandContext } from './index.js';
import { parseInstant } from './rules.js';

// Terminal columns: CJK characters take two.
const width = (s: string) => [...s].reduce((w, c) => w + ((c.codePointAt(0) ?? 0) >= 0x1100 ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(1, n - width(s)));
const TOWNS: Record<string, string> = { '284815': '上郡町', '282081': '相生市' };

type StaffAccount = Awaited<ReturnType<typeof createDemoStaff>>[number];

const table = (s: DemoSummary, staff: StaffAccount[]): string => {
  const lines = [
    `Demo installation in ${s.dataDir} (${s.database}), demo day ${s.demoDay}, ${s.residents} residents`,
    '',
    `${pad('card', 11)}${pad('PIN', 6)}${pad('person', 12)}${pad('town', 8)}${pad('card state', 11)}situation`,
  ];
  for (const c of s.cards)
    lines.push(
      `${pad(c.name, 11)}${pad(c.pin, 6)}${pad(c.person, 12)}${pad(TOWNS[c.municipality] ?? c.municipality, 8)}${pad(c.state, 11)}${c.situation}`,
    );
  if (staff.length > 0) {
    lines.push('', 'Town-hall console accounts (passwords are shown only now):');
    for (const a of staff) lines.push(`  ${pad(a.user, 12)}${pad(a.role, 10)}${a.password}`);
  }
  lines.push('', `Try: npx kofu issue --data ${s.dataDir} --card taro --pin 1234 --cert juminhyo …`);
  return lines.join('\n');
};

const parseCount = (v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) > 50_000_000) throw new UsageError(`--residents: not a count: ${v}`);
  return Number(v);
};

/** Registers `kofu demo init`. */
export const registerDemo = (program: Command, ctx: CommandContext): void => {
  const demo = program.command('demo').description('demo installations (SPEC §10a)');
  demo
    .command('init')
    .description('create the demo registers, CA and cards in DIR; --residents N adds synthetic residents')
    .requiredOption('--data <dir>', 'data directory')
    .option('--now <iso>', 'demo day and time (ISO 8601, Japan time without an offset; default now)')
    .option('--residents <n>', 'add N synthetic residents (households, 戸籍, tax, seals)')
    .option('--json', 'print one JSON object')
    .action(async (opts: { data: string; now?: string; residents?: string; json?: boolean }) => {
      const now = opts.now === undefined ? systemClock.now() : parseInstant(opts.now, '--now');
      const count = parseCount(opts.residents);
      const kdb = await openDatabase({ dataDir: opts.data });
      try {
        let summary: DemoSummary | undefined;
        let staff: StaffAccount[] = [];
        if (!(await isDemoInitialised(kdb))) {
          const clock = offsetClock(now);
          summary = await initDemo({ dataDir: opts.data, clock, kdb });
          staff = await createDemoStaff(kdb, clock);
        } else if (count === undefined) {
          const message = `${opts.data} already holds a demo installation (use --residents N to add residents)`;
          if (opts.json) printJson(ctx.io, { ok: false, error: { code: 'INVALID_REQUEST', message } });
          else ctx.io.err(`kofu: ${message}`);
          ctx.setExit(EXIT_REFUSED);
          return;
        }
        let added = 0;
        let seconds = 0;
        if (count) {
          const bar = new cliProgress.SingleBar(
            { stream: process.stderr, format: 'residents [{bar}] {percentage}% {value}/{total} {duration}s' },
            cliProgress.Presets.shades_classic,
          );
          if (!opts.json) bar.start(count, 0);
          const t0 = performance.now();
          added = await addSyntheticResidents(kdb, {
            count,
            today: japanDate(fixedClock(now).now()),
            onProgress: (done) => bar.update(done),
          });
          seconds = (performance.now() - t0) / 1000;
          bar.stop();
        }
        if (opts.json)
          printJson(ctx.io, { ok: true, ...(summary ?? {}), staff, dataDir: opts.data, added, seconds });
        else {
          if (summary) ctx.io.out(table(summary, staff));
          if (count) ctx.io.out(`Added ${added} synthetic residents in ${seconds.toFixed(1)} s.`);
        }
      } finally {
        await kdb.close();
      }
    });
};
