import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { authenticateLocalCard } from '../../admin/card-login.js';
import { applyForHonsekiRegistration, honsekiRegistrationStatus } from '../../admin/index.js';
import { type Clock, fixedClock, parseJapanIso, systemClock } from '../../domain/japan-time.js';
import { refusalMessage } from '../../domain/messages.js';
import type { Refusal } from '../../domain/refusal.js';
import { findCardSummary, isCardName, pkiPaths } from '../../pki/index.js';
import { openDatabase } from '../../registers/database.js';
import { EXIT_REFUSED, printJson, refusalJson, UsageError } from '../io.js';
import type { CommandContext } from './index.js';

// `kofu honseki apply|status`: the 本籍地 user registration, online (SPEC §8).

const clockOf = (now: string | undefined): Clock => {
  if (now === undefined) return systemClock;
  const at = parseJapanIso(now);
  if (!at) throw new UsageError(`--now: not an ISO date-time: ${JSON.stringify(now)}`);
  return fixedClock(at);
};

const checkData = (data: string, card: string): void => {
  if (!existsSync(pkiPaths(data).caCertificate))
    throw new UsageError(`--data: ${data} is not a kofu installation (run kofu demo init --data ${data})`);
  if (!isCardName(card)) throw new UsageError(`--card: not a card name: ${JSON.stringify(card)}`);
};

export const registerHonseki = (program: Command, ctx: CommandContext): void => {
  const refused = (json: boolean | undefined, e: Refusal) => {
    ctx.setExit(EXIT_REFUSED);
    if (json) printJson(ctx.io, refusalJson({ ...e, message: refusalMessage(e, 'ja') }));
    else ctx.io.err(`kofu: ${e.code}: ${refusalMessage(e, 'ja')}${e.detail ? ` (${e.detail})` : ''}`);
  };
  const honseki = program
    .command('honseki')
    .description('本籍地 user registration (for people living outside the 本籍 town)');
  honseki
    .command('apply')
    .description('apply with the card and PIN, naming the 本籍 and the 筆頭者')
    .requiredOption('--data <dir>', 'data directory (kofu demo init)')
    .option('--now <iso>', 'the instant of the application (Japan time without an offset)')
    .requiredOption('--card <name>', 'card name')
    .requiredOption('--pin <pin>', 'the 4-digit PIN of the user certificate')
    .requiredOption('--honseki <text>', '本籍, e.g. 兵庫県赤穂郡上郡町鞍居77番地')
    .requiredOption('--hittosha <name>', '筆頭者氏名')
    .option('--json', 'print one JSON object')
    .action(
      async (o: {
        data: string;
        now?: string;
        card: string;
        pin: string;
        honseki: string;
        hittosha: string;
        json?: boolean;
      }) => {
        checkData(o.data, o.card);
        if (!/^[0-9]{4}$/.test(o.pin)) throw new UsageError('--pin: four digits');
        const clock = clockOf(o.now);
        const auth = await authenticateLocalCard(o.data, clock, o.card, o.pin);
        if (!auth.ok) return refused(o.json, auth.error);
        const kdb = await openDatabase({ dataDir: o.data });
        try {
          const r = await applyForHonsekiRegistration({ kdb, clock }, auth.value, {
            honseki: o.honseki,
            hittosha: o.hittosha,
          });
          if (!r.ok) return refused(o.json, r.error);
          if (o.json) return printJson(ctx.io, { ok: true, ...r.value });
          ctx.io.out(
            `${r.value.existing ? '申請済みです' : '申請を受け付けました'}: 受付番号 ${r.value.receiptNumber}（${r.value.municipalityName}）` +
              ` 状態 ${r.value.state}、完了予定日 ${r.value.expectedCompletion}`,
          );
        } finally {
          await kdb.close();
        }
      },
    );
  honseki
    .command('status')
    .description("the state of the card holder's 本籍地 registrations")
    .requiredOption('--data <dir>', 'data directory')
    .requiredOption('--card <name>', 'card name')
    .option('--json', 'print one JSON object')
    .action(async (o: { data: string; card: string; json?: boolean }) => {
      checkData(o.data, o.card);
      const card = findCardSummary(o.data, o.card);
      if (!card) return refused(o.json, { code: 'CARD_UNKNOWN' });
      const kdb = await openDatabase({ dataDir: o.data });
      try {
        const r = await honsekiRegistrationStatus({ kdb }, { serial: card.serial });
        if (!r.ok) return refused(o.json, r.error);
        const latest = r.value.registrations[0];
        const code =
          latest === undefined || latest.effectiveState === 'rejected'
            ? 'REGISTRATION_REQUIRED'
            : latest.effectiveState === 'pending'
              ? 'REGISTRATION_PENDING'
              : latest.effectiveState === 'invalidated'
                ? 'REGISTRATION_INVALIDATED'
                : undefined;
        const out = {
          ok: true,
          serial: card.serial,
          state: latest?.effectiveState ?? 'none',
          ...(code ? { code } : {}),
          registrations: r.value.registrations,
        };
        if (o.json) return printJson(ctx.io, out);
        if (!latest) return ctx.io.out('本籍地の利用者登録はありません (REGISTRATION_REQUIRED)');
        for (const x of r.value.registrations)
          ctx.io.out(
            `${x.receiptNumber} ${x.municipalityName} ${x.effectiveState} 申請日 ${x.appliedOn} 完了予定日 ${x.expectedCompletion}${x.reason ? ` 理由: ${x.reason}` : ''}`,
          );
      } finally {
        await kdb.close();
      }
    });
};
