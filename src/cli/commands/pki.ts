import type { Command } from 'commander';
import { type Clock, fixedClock, systemClock } from '../../domain/japan-time.js';
import { refusalMessage } from '../../domain/messages.js';
import type { Refusal } from '../../domain/refusal.js';
import {
  type CardSummary,
  findCardSummary,
  isCardName,
  isPin,
  normalizeSerial,
  openCertificateAuthority,
  pkiPaths,
  REVOCATION_REASONS,
  type RevocationReason,
  resetCardPin,
} from '../../pki/index.js';
import { EXIT_REFUSED, printJson, refusalJson, UsageError } from '../io.js';
import type { CommandContext } from './index.js';
import { parseInstant } from './rules.js';

// `kofu card show|reset-pin` and `kofu pki revoke|suspend|resume|renew` (SPEC §7, issue 3).

const refused = (ctx: CommandContext, json: boolean | undefined, e: Refusal): void => {
  const message = refusalMessage(e, 'ja');
  if (json) printJson(ctx.io, refusalJson({ ...e, message }));
  else ctx.io.err(`kofu: ${e.code}: ${message}${e.detail ? ` (${e.detail})` : ''}`);
  ctx.setExit(EXIT_REFUSED);
};

const cardName = (value: string): string => {
  if (!isCardName(value))
    throw new UsageError(`card name: letters, digits, - or _ only: ${JSON.stringify(value)}`);
  return value;
};

const describeCard = (c: CardSummary): string =>
  [
    `card ${c.name}`,
    `  serial      ${c.serial}`,
    `  valid       ${c.notBefore} – ${c.notAfter}`,
    `  certificate ${c.status}`,
    `  PIN         ${c.pin.locked ? 'LOCKED (reset at the town hall)' : `${c.pin.remainingTries} of ${c.pin.maxTries} tries left`}`,
  ].join('\n');

const registerCard = (program: Command, ctx: CommandContext): void => {
  const card = program.command('card').description('virtual My Number cards');
  card
    .command('show')
    .description('serial, validity and PIN state of a card (never the PIN or the key)')
    .argument('<name>', 'card name')
    .requiredOption('--data <dir>', 'data directory')
    .option('--json', 'print one JSON object')
    .action((name: string, opts: { data: string; json?: boolean }) => {
      const summary = findCardSummary(opts.data, cardName(name));
      if (!summary) return refused(ctx, opts.json, { code: 'CARD_UNKNOWN', detail: `no card ${name}` });
      if (opts.json) printJson(ctx.io, { ok: true, card: summary });
      else ctx.io.out(describeCard(summary));
    });
  card
    .command('reset-pin')
    .description('town-hall PIN reset: set a new 4-digit PIN and unlock the card')
    .argument('<name>', 'card name')
    .requiredOption('--data <dir>', 'data directory')
    .requiredOption('--pin <pin>', 'the new 4-digit PIN')
    .option('--json', 'print one JSON object')
    .action(async (name: string, opts: { data: string; pin: string; json?: boolean }) => {
      if (!isPin(opts.pin)) throw new UsageError('--pin: must be 4 digits');
      const r = await resetCardPin(opts.data, cardName(name), opts.pin);
      if (!r.ok) return refused(ctx, opts.json, { ...r.error, detail: `no card ${name}` });
      if (opts.json) printJson(ctx.io, { ok: true, card: r.value });
      else ctx.io.out(`PIN of card ${name} reset; ${r.value.pin.remainingTries} tries`);
    });
};

interface PkiOpts {
  data: string;
  serial?: string;
  card?: string;
  reason?: string;
  now?: string;
  json?: boolean;
}

type Action = 'revoke' | 'suspend' | 'resume' | 'renew';

const runPki = async (ctx: CommandContext, action: Action, opts: PkiOpts): Promise<void> => {
  if ((opts.serial === undefined) === (opts.card === undefined))
    throw new UsageError('give exactly one of --serial S or --card NAME');
  const serialArg = opts.serial === undefined ? undefined : normalizeSerial(opts.serial);
  if (opts.serial !== undefined && !serialArg)
    throw new UsageError(`--serial: not hexadecimal: ${opts.serial}`);
  if (opts.card !== undefined) cardName(opts.card);
  let reason: RevocationReason = 'request';
  if (opts.reason !== undefined) {
    if (action !== 'revoke') throw new UsageError('--reason: only for revoke');
    if (!(REVOCATION_REASONS as readonly string[]).includes(opts.reason) || opts.reason === 'superseded')
      throw new UsageError('--reason: death, loss or request');
    reason = opts.reason as RevocationReason;
  }
  const clock: Clock = opts.now ? fixedClock(parseInstant(opts.now, '--now')) : systemClock;
  let ca: ReturnType<typeof openCertificateAuthority>;
  try {
    ca = openCertificateAuthority(opts.data, { clock });
  } catch {
    return refused(ctx, opts.json, {
      code: 'SERVICE_UNAVAILABLE',
      detail: `no CA in ${pkiPaths(opts.data).dir}`,
    });
  }
  const serial = serialArg ?? (opts.card ? findCardSummary(opts.data, opts.card)?.serial : undefined);
  if (!serial) return refused(ctx, opts.json, { code: 'CARD_UNKNOWN', detail: `no card ${opts.card}` });
  if (action === 'renew') {
    const name = opts.card ?? ca.records().find((r) => r.serial === serial)?.card;
    if (!name) return refused(ctx, opts.json, { code: 'CARD_UNKNOWN', detail: `no card holds ${serial}` });
    if (findCardSummary(opts.data, name)?.serial !== serial)
      return refused(ctx, opts.json, {
        code: 'CARD_REVOKED',
        detail: `${serial} is no longer on card ${name}`,
      });
    const r = await ca.renew(name);
    if (!r.ok) return refused(ctx, opts.json, r.error);
    if (opts.json) printJson(ctx.io, { ok: true, ...r.value });
    else ctx.io.out(`card ${name}: new certificate ${r.value.serial} (${r.value.previousSerial} revoked)`);
    return;
  }
  const r =
    action === 'revoke'
      ? await ca.revoke(serial, reason)
      : action === 'suspend'
        ? await ca.suspend(serial)
        : await ca.resume(serial);
  if (!r.ok) return refused(ctx, opts.json, r.error);
  const status = ca.status(serial);
  if (opts.json) printJson(ctx.io, { ok: true, ...status, ...(r.value.card ? { card: r.value.card } : {}) });
  else ctx.io.out(`certificate ${serial}: ${status.status}${status.reason ? ` (${status.reason})` : ''}`);
};

const registerPki = (program: Command, ctx: CommandContext): void => {
  const pki = program.command('pki').description('the certificate authority of the card certificates');
  const actions: [Action, string][] = [
    ['revoke', 'revoke a user certificate (death, loss, on request)'],
    ['suspend', 'suspend a user certificate (一時保留)'],
    ['resume', 'lift a suspension'],
    ['renew', 'new key pair, certificate and serial on the card; the old one is revoked'],
  ];
  for (const [action, description] of actions) {
    const c = pki
      .command(action)
      .description(description)
      .requiredOption('--data <dir>', 'data directory')
      .option('--serial <hex>', 'certificate serial')
      .option('--card <name>', 'the card whose current certificate is meant')
      .option('--now <iso>', 'the instant to record (default: now)')
      .option('--json', 'print one JSON object');
    if (action === 'revoke') c.option('--reason <reason>', 'death, loss or request (default request)');
    c.action((opts: PkiOpts) => runPki(ctx, action, opts));
  }
};

/** Registers `kofu card …` and `kofu pki …`. */
export const registerPkiCommands = (program: Command, ctx: CommandContext): void => {
  registerCard(program, ctx);
  registerPki(program, ctx);
};
