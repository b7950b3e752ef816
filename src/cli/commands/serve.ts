import type { Command } from 'commander';
import { type Clock, offsetClock, parseJapanIso, systemClock } from '../../domain/japan-time.js';
import { startServer } from '../../server/start-server.js';
import { UsageError } from '../io.js';
import type { CommandContext } from './index.js';

// `kofu serve --data DIR [--port N] [--now ISO] [--role all|center|municipality|pki]` (SPEC §12).

const ROLES = ['all', 'center', 'municipality', 'pki'] as const;

export const parsePort = (text: string): number => {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535) throw new UsageError(`--port must be 0..65535: ${text}`);
  return n;
};

/** The clock of `--now`: starts at that instant and advances; refused in production. */
export const serveClock = (now: string | undefined, production: boolean): Clock => {
  if (now === undefined) return systemClock;
  if (production) throw new UsageError('--now is refused in production mode');
  const at = parseJapanIso(now);
  if (!at) throw new UsageError(`--now is not an ISO time: ${now}`);
  return offsetClock(at);
};

export const registerServe = (program: Command, ctx: CommandContext): void => {
  program
    .command('serve')
    .description(
      'run the issuance center, the municipalities and the PKI publication point on one HTTPS port',
    )
    .requiredOption('--data <dir>', 'data directory (created by kofu demo init)')
    .option('--port <n>', 'TCP port (0 = any free port)', '8443')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option(
      '--now <iso>',
      'start the clock at this instant (Japan time without an offset); not in production',
    )
    .option('--role <role>', 'all | center | municipality | pki', 'all')
    .option('--production', 'production mode (refuses --now)')
    .action(
      async (opts: {
        data: string;
        port: string;
        host: string;
        now?: string;
        role: string;
        production?: boolean;
      }) => {
        if (!(ROLES as readonly string[]).includes(opts.role))
          throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
        if (opts.role !== 'all')
          throw new UsageError(`--role ${opts.role} is not available yet; use --role all`);
        const production = opts.production === true || process.env.NODE_ENV === 'production';
        const clock = serveClock(opts.now, production);
        const server = await startServer({
          dataDir: opts.data,
          port: parsePort(opts.port),
          host: opts.host,
          clock,
          logger: { level: process.env.KOFU_LOG_LEVEL ?? 'info' },
        });
        ctx.io.out(
          [
            `kofu is running (data ${opts.data})`,
            `  kiosk API (mutual TLS): ${server.url}/v1`,
            `  API documentation:      ${server.url}/docs`,
            `  PKI publication:        ${server.url}/pki/ca.der`,
            `  health:                 ${server.url}/healthz`,
            `  terminal credentials:   ${opts.data}/terminals/store, ${opts.data}/terminals/townhall`,
          ].join('\n'),
        );
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            void server.close().then(resolve, resolve);
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
      },
    );
};
