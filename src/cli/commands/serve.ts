import type { Command } from 'commander';
import { type Clock, offsetClock, parseJapanIso, systemClock } from '../../domain/japan-time.js';
import { startCenterOnly, startPartServer } from '../../server/role-servers.js';
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

interface ServeOptions {
  data: string;
  port: string;
  host: string;
  now?: string;
  role: string;
  production?: boolean;
  municipalityUrl?: string;
}

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
    .option('--municipality-url <url>', '--role center: the HTTPS base URL where --role municipality serves')
    .option('--production', 'production mode (refuses --now)')
    .action(async (opts: ServeOptions) => {
      if (!(ROLES as readonly string[]).includes(opts.role))
        throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      if (opts.role === 'center' && !opts.municipalityUrl)
        throw new UsageError('--role center needs --municipality-url (where --role municipality serves)');
      const production = opts.production === true || process.env.NODE_ENV === 'production';
      const clock = serveClock(opts.now, production);
      const base = { dataDir: opts.data, port: parsePort(opts.port), host: opts.host, clock };
      const server =
        opts.role === 'all'
          ? await startServer({ ...base, logger: { level: process.env.KOFU_LOG_LEVEL ?? 'info' } })
          : opts.role === 'center'
            ? await startCenterOnly({ ...base, municipalityUrl: opts.municipalityUrl! })
            : await startPartServer(opts.role as 'municipality' | 'pki', base);
      const lines = [`kofu is running (role ${opts.role}, data ${opts.data})`];
      if (opts.role === 'all' || opts.role === 'center')
        lines.push(
          `  kiosk API (mutual TLS): ${server.url}/v1`,
          `  API documentation:      ${server.url}/docs`,
          `  terminal credentials:   ${opts.data}/terminals/store, ${opts.data}/terminals/townhall`,
        );
      if (opts.role === 'all')
        lines.push(
          `  kiosk screens:          ${server.url}/kiosk/  ${server.url}/kiosk-townhall/`,
          `  admin console:          ${server.url}/admin/`,
          `  verify a certificate:   ${server.url}/verify/`,
        );
      if (opts.role === 'all' || opts.role === 'pki')
        lines.push(`  PKI publication:        ${server.url}/pki/ca.der`);
      if (opts.role === 'municipality') lines.push(`  municipal issuing API:  ${server.url}/lgwan/<code>`);
      lines.push(`  health:                 ${server.url}/healthz`);
      ctx.io.out(lines.join('\n'));
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
};
