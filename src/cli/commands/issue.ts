import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Choices } from '../../center/api-types.js';
import { CERTIFICATE_CODES, isCertificateCode } from '../../domain/catalogue.js';
import { fixedClock, offsetClock, parseJapanIso, systemClock } from '../../domain/japan-time.js';
import { refusalMessage } from '../../domain/messages.js';
import type { Refusal } from '../../domain/refusal.js';
import type { CertificateRequest } from '../../domain/request.js';
import { validateRequest } from '../../domain/request-validation.js';
import { openVirtualJpkiCard } from '../../kiosk/devices/jpki-card.js';
import { runTransaction, type TransactionOutcome } from '../../kiosk/kiosk-client.js';
import { scriptedResident } from '../../kiosk/scripted-resident.js';
import { openVirtualKiosk } from '../../kiosk/virtual-kiosk.js';
import { PEOPLE } from '../../municipality/demo/demo-people.js';
import { demoMemberId, demoResidentId } from '../../municipality/demo/demo-registers.js';
import { cardPath, isCardName, pkiPaths } from '../../pki/paths.js';
import { startServer } from '../../server/start-server.js';
import { EXIT_REFUSED, printJson, UsageError } from '../io.js';
import type { CommandContext } from './index.js';

// `kofu issue …` (SPEC §12): one whole kiosk transaction through the real HTTPS API with the
// terminal's certificate, the virtual card of DATA/cards (its PIN counter persists there).

export interface IssueOptions {
  data: string;
  now?: string;
  terminal: string;
  card: string;
  pin: string;
  cert: string;
  scope?: string;
  householder?: boolean;
  honseki?: boolean;
  kind?: string;
  members?: string;
  copies?: string;
  cash?: string;
  out: string;
  json?: boolean;
  center?: string;
}

interface Parsed {
  request: CertificateRequest;
  /** Demo card names standing for household or 戸籍 members (SPEC §10a). */
  memberNames: string[];
  cash: number | 'exact';
}

const names = (text: string, option: string): string[] => {
  const list = text.split(',').map((s) => s.trim());
  for (const n of list)
    if (!PEOPLE.some((p) => p.key === n))
      throw new UsageError(
        `${option}: ${JSON.stringify(n)} is not a demo person (${PEOPLE.map((p) => p.key).join(', ')})`,
      );
  return list;
};

const parseRequest = (o: IssueOptions): Parsed => {
  if (!isCertificateCode(o.cert))
    throw new UsageError(`--cert must be one of ${CERTIFICATE_CODES.join(', ')}`);
  if (!/^\d{4}$/.test(o.pin)) throw new UsageError('--pin must be 4 digits');
  if (o.copies !== undefined && !/^\d{1,2}$/.test(o.copies)) throw new UsageError('--copies must be 1 to 10');
  let cash: number | 'exact' = 'exact';
  if (o.cash !== undefined) {
    if (!/^\d{1,7}$/.test(o.cash) || Number(o.cash) % 10 !== 0)
      throw new UsageError('--cash must be yen in notes and coins (a multiple of 10)');
    cash = Number(o.cash);
  }
  let memberNames: string[] = [];
  let scope: string | undefined = o.scope;
  if (o.scope?.startsWith('members:')) {
    scope = 'members';
    memberNames = names(o.scope.slice('members:'.length), '--scope');
  } else if (o.scope !== undefined && !['self', 'household'].includes(o.scope))
    throw new UsageError('--scope must be self, household or members:NAME,...');
  if (o.members !== undefined) {
    if (memberNames.length) throw new UsageError('--members: the members are already in --scope members:');
    memberNames = names(o.members, '--members');
  }
  if (o.kind !== undefined && !['all', 'individual'].includes(o.kind))
    throw new UsageError('--kind must be all or individual');
  const input = {
    cert: o.cert,
    copies: o.copies === undefined ? 1 : Number(o.copies),
    ...(scope !== undefined ? { scope } : {}),
    ...(o.kind !== undefined ? { kind: o.kind } : {}),
    ...(memberNames.length ? { members: memberNames } : {}),
    ...(o.householder ? { householder: true } : {}),
    ...(o.honseki ? { honseki: true } : {}),
  };
  const v = validateRequest(input);
  if (!v.ok)
    throw new UsageError(
      `--${v.error.field ?? 'cert'}: ${v.error.detail ?? 'not valid for this certificate'}`,
    );
  return { request: v.value, memberNames, cash };
};

/** Turns demo card names into the register IDs the choices screen shows (by ID, then by name). */
export const resolveMembers = (
  request: CertificateRequest,
  memberNames: string[],
  choices: Choices,
): CertificateRequest => {
  if (!memberNames.length) return request;
  const koseki = request.cert === 'koseki' || request.cert === 'fuhyo';
  const list = koseki ? choices.koseki : choices.household;
  const members = memberNames.map((key) => {
    const wanted = koseki ? demoMemberId(key) : demoResidentId(key);
    const person = PEOPLE.find((p) => p.key === key);
    const hit = list.find((m) => m.id === wanted) ?? list.find((m) => m.name === person?.name);
    // Someone not on the screen is still asked for: the center, not the kiosk, refuses.
    return hit?.id ?? wanted;
  });
  return { ...request, members };
};

const errorJson = (e: Refusal & { message?: string; messageEn?: string }) => ({
  ...e,
  message: e.message ?? refusalMessage(e, 'ja'),
  messageEn: e.messageEn ?? refusalMessage(e, 'en'),
});

/** The SPEC §12 JSON of a transaction's outcome. */
export const issueJson = (r: TransactionOutcome) => {
  if (!r.ok) {
    const { code, message, messageEn, ...details } = errorJson(r.error);
    const refundedYen = r.refunded.reduce((s, p) => s + p, 0);
    return {
      ok: false as const,
      error: { code, message, messageEn, ...details, ...(refundedYen ? { refundedYen } : {}) },
    };
  }
  return {
    ok: true as const,
    certificates: r.certificates.map((c) => ({
      file: c.file,
      serial: c.serial,
      pages: c.pages,
      type: c.cert ?? '',
      copies: c.copies ?? 1,
    })),
    receipt: { file: r.receipt.file, fee: r.totalYen, paid: r.paidYen, change: r.changeYen },
  };
};

/** Runs `kofu issue` with parsed options; returns the JSON object and the exit code. */
export const runIssue = async (
  o: IssueOptions,
): Promise<{ exit: number; json: ReturnType<typeof issueJson> }> => {
  const parsed = parseRequest(o);
  if (o.terminal !== 'store' && o.terminal !== 'townhall')
    throw new UsageError('--terminal must be store or townhall');
  if (!isCardName(o.card)) throw new UsageError(`--card: not a card name: ${JSON.stringify(o.card)}`);
  if (o.now === undefined && o.center === undefined)
    throw new UsageError('--now is required (ISO, Japan time)');
  const at = o.now === undefined ? systemClock.now() : parseJapanIso(o.now);
  if (!at) throw new UsageError(`--now: not an ISO date-time: ${JSON.stringify(o.now)}`);
  if (!existsSync(pkiPaths(o.data).caCertificate))
    throw new UsageError(
      `--data: ${o.data} is not a kofu installation (run kofu demo init --data ${o.data})`,
    );
  if (!existsSync(cardPath(o.data, o.card))) {
    const json = issueJson({
      ok: false,
      error: { code: 'CARD_UNKNOWN', detail: `no card ${o.card}` },
      refunded: [],
      printed: [],
      path: [],
    });
    return { exit: EXIT_REFUSED, json };
  }
  const clock = offsetClock(at);
  const server = o.center ? undefined : await startServer({ dataDir: o.data, port: 0, clock, sweepMs: 0 });
  const terminalDir = join(o.data, 'terminals', o.terminal);
  const kiosk = openVirtualKiosk({
    terminalDir,
    centerUrl: o.center ?? server!.url,
    outDir: o.out,
    stateDir: join(o.data, 'kiosks', o.terminal),
    clock: fixedClock(at),
  });
  try {
    const resident = scriptedResident({
      card: openVirtualJpkiCard(o.data, o.card),
      pins: [o.pin],
      choose: (choices) => [resolveMembers(parsed.request, parsed.memberNames, choices)],
      cash: parsed.cash,
    });
    const outcome = await runTransaction(kiosk.deps, resident);
    return { exit: outcome.ok ? 0 : EXIT_REFUSED, json: issueJson(outcome) };
  } finally {
    kiosk.close();
    await server?.close();
  }
};

/** Registers `kofu issue`. */
export const registerIssue = (program: Command, ctx: CommandContext): void => {
  program
    .command('issue')
    .description(
      'run one whole kiosk transaction (card, PIN, choice, payment, printing) through the HTTPS API',
    )
    .requiredOption('--data <dir>', 'data directory (kofu demo init)')
    .option('--now <iso>', 'the instant of the transaction (Japan time without an offset)')
    .requiredOption('--terminal <kind>', 'store | townhall')
    .requiredOption('--card <name>', 'demo card name (SPEC §10a)')
    .requiredOption('--pin <pin>', 'the 4-digit PIN of the user certificate')
    .requiredOption('--cert <code>', CERTIFICATE_CODES.join(' | '))
    .option('--scope <scope>', 'self | household | members:NAME,...')
    .option('--householder', 'print 世帯主氏名・続柄')
    .option('--honseki', 'print 本籍・筆頭者氏名')
    .option('--kind <kind>', 'all | individual (戸籍, 附票)')
    .option('--members <names>', 'members for --kind individual: NAME,...')
    .option('--copies <n>', 'copies (1-10)')
    .option('--cash <yen>', 'yen put in the cash box (default: the exact fee)')
    .requiredOption('--out <dir>', 'where the printed PDFs land')
    .option('--center <url>', 'an already running center (default: one in this process)')
    .option('--json', 'print one JSON object')
    .action(async (opts: IssueOptions) => {
      const { exit, json } = await runIssue(opts);
      if (exit !== 0) ctx.setExit(exit);
      if (opts.json) return printJson(ctx.io, json);
      if (json.ok) {
        for (const c of json.certificates)
          ctx.io.out(`printed ${c.type} ${c.serial} (${c.pages} pages): ${c.file}`);
        const r = json.receipt;
        ctx.io.out(`receipt: ${r.file} — fee ${r.fee} yen, paid ${r.paid}, change ${r.change}`);
      } else ctx.io.err(`kofu: ${json.error.code}: ${json.error.message}`);
    });
};
