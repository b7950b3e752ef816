import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { createDemoStaff } from '../../admin/index.js';
import { CATALOGUE, CERTIFICATE_CODES } from '../../domain/catalogue.js';
import { toJapanIso } from '../../domain/japan-time.js';
import { formatJapaneseDateTime } from '../../domain/messages.js';
import { DEFAULT_CALENDAR_SETTINGS, serviceAvailability } from '../../domain/service-hours.js';
import { initDemo, isDemoInitialised } from '../../municipality/demo/demo-setup.js';
import { openDatabase } from '../../registers/database.js';
import { startServer } from '../../server/start-server.js';
import type { CommandContext } from './index.js';
import { pad } from './rules.js';
import { parsePort, serveClock } from './serve.js';

// `kofu start` (what `npm start` runs): `kofu demo init` when the data directory is empty,
// then `kofu serve`, printing the URLs and what can be requested right now.

/** The default demo installation: .kofu/demo under the repository (gitignored). */
export const defaultDataDir = (): string => resolve(process.cwd(), '.kofu', 'demo');

const openNow = (now: Date): string[] =>
  CERTIFICATE_CODES.map((cert) => {
    const cells = (['store', 'townhall'] as const).map((terminal) => {
      const a = serviceAvailability({ cert, terminal, at: now, calendar: DEFAULT_CALENDAR_SETTINGS });
      return a.available ? 'open' : `closed until ${formatJapaneseDateTime(a.nextOpen)}`;
    });
    return `  ${pad(`${cert} ${CATALOGUE[cert].nameJa.split('・')[0]}`, 30)}${pad(cells[0]!, 36)}${cells[1]}`;
  });

/** Registers `kofu start`. */
export const registerStart = (program: Command, ctx: CommandContext): void => {
  program
    .command('start')
    .description('create the demo installation if needed, then run everything on one HTTPS port')
    .option('--data <dir>', 'data directory (default .kofu/demo)')
    .option('--port <n>', 'TCP port', '8443')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option(
      '--now <iso>',
      'start the clock at this instant (Japan time without an offset); not in production',
    )
    .action(async (opts: { data?: string; port: string; host: string; now?: string }) => {
      const dataDir = opts.data ?? defaultDataDir();
      const production = process.env.NODE_ENV === 'production';
      const clock = serveClock(opts.now, production);
      const port = parsePort(opts.port);
      let staff: Awaited<ReturnType<typeof createDemoStaff>> = [];
      const kdb = await openDatabase({ dataDir });
      try {
        if (!(await isDemoInitialised(kdb)) || !existsSync(join(dataDir, 'pki'))) {
          ctx.io.out(`Creating the demo installation in ${dataDir} …`);
          await initDemo({ dataDir, clock, kdb });
          staff = await createDemoStaff(kdb, clock);
        }
      } finally {
        await kdb.close();
      }
      const server = await startServer({ dataDir, port, host: opts.host, clock, logger: { level: 'warn' } });
      const now = clock.now();
      ctx.io.out(
        [
          'kofu — コンビニ交付 (convenience-store certificate issuance), an open implementation',
          `Data: ${dataDir}    Now: ${toJapanIso(new Date(Math.floor(now.getTime() / 1000) * 1000))}`,
          '',
          `  kiosk screen (store):    ${server.url}/kiosk/`,
          `  kiosk screen (town hall): ${server.url}/kiosk-townhall/`,
          `  kiosk API (mutual TLS):  ${server.url}/v1   (terminal credentials in ${join(dataDir, 'terminals')})`,
          `  admin console:           ${server.url}/admin/`,
          `  API documentation:       ${server.url}/docs`,
          `  PKI publication:         ${server.url}/pki/ca.der`,
          `  verify a certificate:    ${server.url}/verify/`,
          `  metrics:                 ${server.url}/metrics`,
          '  (the center uses its own CA: accept its certificate in the browser once)',
          ...(staff.length > 0
            ? [
                '',
                '  Console accounts (passwords shown only now):',
                ...staff.map((a) => `    ${a.user} (${a.role}): ${a.password}`),
              ]
            : []),
          '',
          `  Try: npx kofu issue --data ${dataDir} --now <ISO> --terminal store --card taro --pin 1234 --cert juminhyo --out out --json`,
          '',
          `  ${pad('certificate', 30)}${pad('store (コンビニ)', 36)}town hall (役場)`,
          ...openNow(now),
          '',
          'Ctrl-C stops the server.',
        ].join('\n'),
      );
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(done, done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
};
