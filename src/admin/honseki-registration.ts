import { businessDaysAfter, isOfficeOpenDay } from '../domain/calendar-days.js';
import { addDays, type Clock, japanDate } from '../domain/japan-time.js';
import { ok, type Result, refuse } from '../domain/refusal.js';
import { appendAudit, appendAuditEntry } from '../registers/audit.js';
import {
  findCardLink,
  findResident,
  type HonsekiRegistration,
  type KofuDatabase,
  listCardLinksOfResident,
  type Tx,
  withTransaction,
} from '../registers/index.js';
import { nextCounter } from './action.js';
import { hasControlCharacters } from './input.js';

// 本籍地 user registration (SPEC §8): applied for with the card (kiosk via the center, or the
// CLI), checked and decided by the 本籍 town in the console, bound to the certificate serial.

/** Business days the town aims to decide in (seed: about a week, 年末年始・土日休日 excluded). */
export const REGISTRATION_BUSINESS_DAYS = 5;

export interface HonsekiApplicationInput {
  /** 本籍 as the applicant writes it, e.g. 兵庫県赤穂郡上郡町鞍居77番地. */
  honseki: string;
  /** 筆頭者氏名. */
  hittosha: string;
}

export interface RegistrationView {
  receiptNumber: string;
  municipalityCode: string;
  municipalityName: string;
  state: HonsekiRegistration['state'];
  /** The state as the kiosk judges it: an approval for an older certificate is 'invalidated'. */
  effectiveState: HonsekiRegistration['state'];
  appliedOn: string;
  expectedCompletion: string;
  decidedOn: string | null;
  reason: string | null;
}

/** Spaces of either width collapse, so 「上郡　太郎」 and 「上郡 太郎」 are the same name. */
export const normalizeStated = (s: string): string =>
  s
    .normalize('NFKC')
    .trim()
    .replace(/[\s\u3000]+/g, ' ');
const squeeze = (s: string): string => normalizeStated(s).replace(/ /g, '');

const view = (r: HonsekiRegistration, currentSerial: string, name: string): RegistrationView => ({
  receiptNumber: r.id,
  municipalityCode: r.municipality_code,
  municipalityName: name,
  state: r.state,
  effectiveState: r.state === 'approved' && r.serial !== currentSerial ? 'invalidated' : r.state,
  appliedOn: r.applied_on,
  expectedCompletion: businessDaysAfter(r.applied_on, REGISTRATION_BUSINESS_DAYS),
  decidedOn: r.decided_on,
  reason: r.reason,
});

/** The participating (or not) municipality whose printed name starts the stated 本籍. */
const municipalityOfHonseki = async (trx: Tx, honseki: string) => {
  const all = await trx.selectFrom('municipalities').selectAll().execute();
  const text = squeeze(honseki);
  return all.find(
    (m) => text.startsWith(squeeze(m.prefecture + m.print_name)) || text.startsWith(squeeze(m.print_name)),
  );
};

const checkInput = (input: HonsekiApplicationInput): Result<HonsekiApplicationInput> => {
  const honseki = typeof input?.honseki === 'string' ? normalizeStated(input.honseki) : '';
  const hittosha = typeof input?.hittosha === 'string' ? normalizeStated(input.hittosha) : '';
  if (honseki.length < 4 || honseki.length > 200) return refuse('INVALID_REQUEST', { field: 'honseki' });
  if (hittosha.length < 1 || hittosha.length > 60) return refuse('INVALID_REQUEST', { field: 'hittosha' });
  if (hasControlCharacters(honseki)) return refuse('INVALID_REQUEST', { field: 'honseki' });
  if (hasControlCharacters(hittosha)) return refuse('INVALID_REQUEST', { field: 'hittosha' });
  return ok({ honseki, hittosha });
};

/**
 * Records a pending application for the authenticated card's serial, with a receipt number and
 * the expected completion date (5 business days). The caller must have verified card and PIN.
 * An application already pending (or approved) for this serial is returned as it is.
 */
export const applyForHonsekiRegistration = async (
  deps: { kdb: KofuDatabase; clock: Clock },
  /** `terminal`: the kiosk terminal it was made at (audited); none online. */
  holder: { serial: string; terminal?: string },
  input: HonsekiApplicationInput,
): Promise<Result<RegistrationView & { existing: boolean }>> => {
  const r = await applyIn(deps, holder, input);
  // A refused application is audited too (who tried what at which terminal, never the text).
  if (!r.ok)
    await appendAuditEntry(deps.kdb, {
      at: deps.clock.now().toISOString(),
      actor: `card:${holder.serial}`,
      action: 'honseki.apply.refused',
      refs: {
        serial: holder.serial,
        code: r.error.code,
        ...(r.error.field ? { field: r.error.field } : {}),
        ...(holder.terminal ? { terminal: holder.terminal } : {}),
      },
    });
  return r;
};

const applyIn = async (
  deps: { kdb: KofuDatabase; clock: Clock },
  holder: { serial: string; terminal?: string },
  input: HonsekiApplicationInput,
): Promise<Result<RegistrationView & { existing: boolean }>> => {
  const checked = checkInput(input);
  if (!checked.ok) return checked;
  const { honseki, hittosha } = checked.value;
  return withTransaction(deps.kdb, async (trx) => {
    const now = deps.clock.now();
    const today = japanDate(now);
    const link = await findCardLink(trx, holder.serial);
    const person = link ? await findResident(trx, link.resident_id) : undefined;
    if (!link || !person || link.replaced_by !== null) return refuse('CARD_UNKNOWN');
    const town = await municipalityOfHonseki(trx, honseki);
    if (!town)
      return refuse('INVALID_REQUEST', { field: 'honseki', detail: 'no municipality matches the 本籍' });
    if (town.participating !== 1) return refuse('HONSEKI_NOT_PARTICIPATING');
    if (
      person.municipality_code === town.code &&
      (person.status === 'active' || person.status === 'moving_out')
    )
      return refuse('INVALID_REQUEST', {
        field: 'honseki',
        detail: 'not needed: the holder lives in the 本籍 town',
      });
    const previous = await trx
      .selectFrom('honseki_registrations')
      .selectAll()
      .where('serial', '=', holder.serial)
      .where('municipality_code', '=', town.code)
      .where('state', 'in', ['pending', 'approved'])
      .orderBy('applied_on', 'desc')
      .executeTakeFirst();
    if (previous) return ok({ ...view(previous, holder.serial, town.name), existing: true });
    const seq = await nextCounter(trx, `honseki-registration:${town.code}`);
    const id = `HR-${town.code}-${String(seq).padStart(6, '0')}`;
    const row = {
      id,
      serial: holder.serial,
      municipality_code: town.code,
      koseki_member_id: null,
      state: 'pending' as const,
      applied_on: today,
      decided_on: null,
      stated_honseki: honseki,
      stated_hittosha: hittosha,
      reason: null,
    };
    await trx.insertInto('honseki_registrations').values(row).execute();
    await appendAudit(trx, {
      at: now.toISOString(),
      actor: `card:${holder.serial}`,
      action: 'honseki.apply',
      refs: {
        registration: id,
        municipality: town.code,
        serial: holder.serial,
        ...(holder.terminal ? { terminal: holder.terminal } : {}),
      },
    });
    return ok({ ...view(row, holder.serial, town.name), existing: false });
  });
};

/** Every registration made with the holder's cards (old serials included), newest first. */
export const honsekiRegistrationStatus = async (
  deps: { kdb: KofuDatabase },
  holder: { serial: string },
): Promise<Result<{ registrations: RegistrationView[] }>> =>
  withTransaction(deps.kdb, async (trx) => {
    const link = await findCardLink(trx, holder.serial);
    if (!link) return refuse('CARD_UNKNOWN');
    const serials = (await listCardLinksOfResident(trx, link.resident_id)).map((l) => l.serial);
    const rows = await trx
      .selectFrom('honseki_registrations')
      .selectAll()
      .where('serial', 'in', serials)
      .orderBy('applied_on', 'desc')
      .orderBy('id', 'desc')
      .execute();
    const names = new Map(
      (await trx.selectFrom('municipalities').select(['code', 'name']).execute()).map((m) => [
        m.code,
        m.name,
      ]),
    );
    return ok({
      registrations: rows.map((r) =>
        view(r, holder.serial, names.get(r.municipality_code) ?? r.municipality_code),
      ),
    });
  });

/** 開庁日 after `from` up to and including `to`: how long an application has waited. */
export const businessDaysBetween = (from: string, to: string): number => {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isOfficeOpenDay(d)) n++;
  return n;
};
