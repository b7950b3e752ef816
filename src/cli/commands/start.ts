import type { Command } from 'commander';
import { CATALOGUE, CERTIFICATE_CODES } from '../../domain/catalogue.js';
import { japanParts, systemClock, toJapanIso } from '../../domain/japan-time.js';
import { formatJapaneseDateTime } from '../../domain/messages.js';
import { DEFAULT_CALENDAR_SETTINGS, serviceAvailability } from '../../domain/service-hours.js';
import { formatWareki } from '../../domain/wareki.js';
import type { CommandContext } from './index.js';
import { pad, parseInstant, renderMonth } from './rules.js';

// `kofu start` (what `npm start` runs) until the server exists: what is open now, and this month.
// Its own module so the server can replace it without touching the rules commands.

/** Registers `kofu start`. */
export const registerStart = (program: Command, ctx: CommandContext): void => {
  program
    .command('start')
    .description('show what can be requested right now at store and town-hall terminals, and this month')
    .option('--now <iso>', 'pretend it is this instant (ISO 8601, Japan time without an offset)')
    .action((opts: { now?: string }) => {
      const now = opts.now === undefined ? systemClock.now() : parseInstant(opts.now, '--now');
      const calendar = DEFAULT_CALENDAR_SETTINGS;
      const iso = toJapanIso(new Date(Math.floor(now.getTime() / 1000) * 1000));
      const lines = [
        'kofu — コンビニ交付 (convenience-store certificate issuance), an open implementation',
        `Now: ${formatWareki(iso.slice(0, 10))} ${iso.slice(11, 16)} (${iso}), default calendar settings`,
        '',
        `${pad('certificate', 30)}${pad('store (コンビニ)', 36)}town hall (役場)`,
      ];
      for (const cert of CERTIFICATE_CODES) {
        const cells = (['store', 'townhall'] as const).map((terminal) => {
          const a = serviceAvailability({ cert, terminal, at: now, calendar });
          return a.available ? 'open' : `closed until ${formatJapaneseDateTime(a.nextOpen)}`;
        });
        const name = `${cert} ${CATALOGUE[cert].nameJa.split('・')[0]}`;
        lines.push(`${pad(name, 30)}${pad(cells[0]!, 36)}${cells[1]}`);
      }
      const p = japanParts(now);
      lines.push('', renderMonth(p.year, p.month, 'store', calendar), '');
      lines.push('More: npx kofu rules availability --help, npx kofu rules calendar --help, npx kofu --help');
      ctx.io.out(lines.join('\n'));
    });
};
