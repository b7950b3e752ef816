import { businessDaysAfter } from '../domain/calendar-days.js';
import { japanDate } from '../domain/japan-time.js';
import {
  decideRegistration,
  findCardLink,
  findResident,
  type HonsekiRegistration,
  type Tx,
  withTransaction,
} from '../registers/index.js';
import { runAction } from './action.js';
import { auditStaff } from './audit.js';
import type { AdminDeps } from './context.js';
import { done, fail, invalid } from './errors.js';
import { businessDaysBetween, normalizeStated, REGISTRATION_BUSINESS_DAYS } from './honseki-registration.js';
import { text } from './input.js';
import type { Staff } from './staff.js';

// The 本籍地 registrations inbox: each application beside what the 戸籍 says.

export type MatchResult =
  | { found: true; kosekiId: string; memberId: string; memberName: string; honseki: string; hittosha: string }
  | { found: false; why: 'no_koseki' | 'hittosha_differs' | 'not_a_member' };

const squeeze = (s: string): string => normalizeStated(s).replace(/ /g, '');

/** Finds the applicant in the 戸籍 named by the stated 本籍 and 筆頭者. */
export const matchInKoseki = async (trx: Tx, r: HonsekiRegistration): Promise<MatchResult> => {
  const link = await findCardLink(trx, r.serial);
  const person = link ? await findResident(trx, link.resident_id) : undefined;
  const candidates = (
    await trx.selectFrom('koseki').selectAll().where('municipality_code', '=', r.municipality_code).execute()
  ).filter((k) => squeeze(k.honseki) === squeeze(r.stated_honseki));
  if (candidates.length === 0) return { found: false, why: 'no_koseki' };
  const named = candidates.filter((k) => squeeze(k.hittosha) === squeeze(r.stated_hittosha));
  if (named.length === 0) return { found: false, why: 'hittosha_differs' };
  for (const k of named) {
    const members = await trx
      .selectFrom('koseki_members')
      .selectAll()
      .where('koseki_id', '=', k.id)
      .where('removed', '=', 0)
      .execute();
    const m = members.find(
      (x) =>
        (person && x.resident_id === person.id) ||
        (person && squeeze(x.name) === squeeze(person.name) && x.birth_date === person.birth_date),
    );
    if (m)
      return {
        found: true,
        kosekiId: k.id,
        memberId: m.id,
        memberName: m.name,
        honseki: k.honseki,
        hittosha: k.hittosha,
      };
  }
  return { found: false, why: 'not_a_member' };
};

export const listRegistrationInbox = async (deps: AdminDeps, staff: Staff, state: string | undefined) => {
  if (state !== undefined && !['pending', 'approved', 'rejected', 'invalidated', 'all'].includes(state))
    return invalid('state', 'pending, approved, rejected or all');
  return withTransaction(deps.kdb, async (trx) => {
    const today = japanDate(deps.clock.now());
    let q = trx
      .selectFrom('honseki_registrations')
      .selectAll()
      .where('municipality_code', '=', staff.municipalityCode);
    if (state !== 'all') q = q.where('state', '=', (state ?? 'pending') as HonsekiRegistration['state']);
    const rows = await q.orderBy('applied_on').orderBy('id').limit(200).execute();
    const names = new Map(
      (await trx.selectFrom('municipalities').select(['code', 'name']).execute()).map((m) => [
        m.code,
        m.name,
      ]),
    );
    const items = [];
    for (const r of rows) {
      const link = await findCardLink(trx, r.serial);
      const person = link ? await findResident(trx, link.resident_id) : undefined;
      items.push({
        receiptNumber: r.id,
        state: r.state,
        appliedOn: r.applied_on,
        decidedOn: r.decided_on,
        reason: r.reason,
        expectedCompletion: businessDaysAfter(r.applied_on, REGISTRATION_BUSINESS_DAYS),
        waitingBusinessDays: businessDaysBetween(r.applied_on, r.decided_on ?? today),
        stated: { honseki: r.stated_honseki, hittosha: r.stated_hittosha },
        serial: r.serial,
        serialCurrent: link ? link.replaced_by === null : false,
        applicant: person
          ? {
              name: person.name,
              kana: person.kana,
              birthDate: person.birth_date,
              address: person.address,
              municipality: names.get(person.municipality_code) ?? person.municipality_code,
            }
          : null,
        match: await matchInKoseki(trx, r),
      });
    }
    await auditStaff(trx, deps.clock.now(), staff.id, 'registration.list', { results: items.length });
    return done({ registrations: items });
  });
};

/** Approves (binding the registration to the matched 戸籍 member and the serial) or rejects with a reason. */
export const decideRegistrationOf = (
  deps: AdminDeps,
  staff: Staff,
  receiptNumber: string,
  input: { decision: 'approve' | 'reject'; reason?: string },
) =>
  runAction(
    deps,
    staff,
    `registration.${input.decision === 'approve' ? 'approve' : 'reject'}`,
    async ({ trx, today }) => {
      if (input.decision !== 'approve' && input.decision !== 'reject')
        return invalid('decision', 'approve or reject');
      const reason =
        input.reason !== undefined || input.decision === 'reject'
          ? text(input.reason, 'reason', 500)
          : undefined;
      if (reason && !reason.ok) return reason;
      const r = await trx
        .selectFrom('honseki_registrations')
        .selectAll()
        .where('id', '=', receiptNumber)
        .executeTakeFirst();
      if (!r || r.municipality_code !== staff.municipalityCode)
        return fail('not_found', { field: 'receiptNumber' });
      if (r.state !== 'pending') return fail('conflict', { field: 'state', detail: r.state });
      let memberId: string | undefined;
      if (input.decision === 'approve') {
        const m = await matchInKoseki(trx, r);
        if (!m.found) return fail('conflict', { field: 'match', detail: m.why });
        memberId = m.memberId;
      }
      const changed = await decideRegistration(trx, r.id, {
        state: input.decision === 'approve' ? 'approved' : 'rejected',
        on: today,
        ...(memberId ? { kosekiMemberId: memberId } : {}),
        ...(reason?.ok ? { reason: reason.value } : {}),
      });
      if (!changed) return fail('conflict', { field: 'state' });
      return done({
        value: {
          receiptNumber: r.id,
          state: input.decision === 'approve' ? 'approved' : 'rejected',
          decidedOn: today,
        },
        refs: { registration: r.id, serial: r.serial, member: memberId },
      });
    },
  );
