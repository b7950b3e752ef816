import { randomUUID } from 'node:crypto';
import { latestFiscalYear } from '../domain/calendar-days.js';
import { addDays } from '../domain/japan-time.js';
import { createSealDrawer } from '../municipality/demo/seal-image.js';
import { computeTax } from '../municipality/demo/tax.js';
import {
  abolishInkan,
  findKoseki,
  findLatestInkan,
  listKosekiMembershipsOfResident,
  listTaxRecords,
  type Resident,
  setKosekiPending,
  setRestriction,
  type Tx,
} from '../registers/index.js';
import { nextCounter, residentAction } from './action.js';
import type { AdminDeps } from './context.js';
import { done, fail, invalid } from './errors.js';
import { yen } from './input.js';
import type { Staff } from './staff.js';

// Restrictions (支援措置, 戸籍/附票), 戸籍届出 in process, 印鑑登録 and tax declarations.

export type RestrictionTarget = 'juminhyo' | 'koseki';

const ownKosekiMember = async (trx: Tx, resident: Resident) => {
  for (const m of await listKosekiMembershipsOfResident(trx, resident.id)) {
    const k = await findKoseki(trx, m.koseki_id);
    if (k && k.municipality_code === resident.municipality_code) return { member: m, koseki: k };
  }
  return undefined;
};

const subjectOf = async (trx: Tx, resident: Resident, target: RestrictionTarget) =>
  target === 'juminhyo' ? resident.id : (await ownKosekiMember(trx, resident))?.member.id;

/** Sets a restriction in force from today (until `endsOn`, or until lifted). */
export const setResidentRestriction = (
  deps: AdminDeps,
  staff: Staff,
  residentId: string,
  input: { target: RestrictionTarget; endsOn?: string },
) =>
  residentAction(deps, staff, 'restriction.set', residentId, async ({ trx, today, resident }) => {
    if (input.target !== 'juminhyo' && input.target !== 'koseki')
      return invalid('target', 'juminhyo or koseki');
    if (input.endsOn !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(input.endsOn) || input.endsOn < today))
      return invalid('endsOn', `a date from ${today}`);
    const subject = await subjectOf(trx, resident, input.target);
    if (!subject) return fail('not_found', { field: 'koseki' });
    const inForce = await trx
      .selectFrom('issuance_restrictions')
      .select('id')
      .where('target', '=', input.target)
      .where('subject_id', '=', subject)
      .where('starts_on', '<=', today)
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', today)]))
      .executeTakeFirst();
    if (inForce) return fail('conflict', { field: 'target', detail: 'already restricted' });
    const id = await setRestriction(trx, {
      target: input.target,
      subjectId: subject,
      startsOn: today,
      ...(input.endsOn ? { endsOn: input.endsOn } : {}),
    });
    return done({ value: { id }, refs: { resident: resident.id, restriction: id, target: input.target } });
  });

/** Lifts the restriction at once: it ends yesterday, so today's requests are judged without it. */
export const liftResidentRestriction = (
  deps: AdminDeps,
  staff: Staff,
  residentId: string,
  input: { target: RestrictionTarget },
) =>
  residentAction(deps, staff, 'restriction.lift', residentId, async ({ trx, today, resident }) => {
    if (input.target !== 'juminhyo' && input.target !== 'koseki')
      return invalid('target', 'juminhyo or koseki');
    const subject = await subjectOf(trx, resident, input.target);
    if (!subject) return fail('not_found', { field: 'koseki' });
    const rows = await trx
      .selectFrom('issuance_restrictions')
      .select('id')
      .where('target', '=', input.target)
      .where('subject_id', '=', subject)
      .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', today)]))
      .execute();
    if (rows.length === 0) return fail('conflict', { field: 'target', detail: 'no restriction in force' });
    const ids = rows.map((r) => r.id);
    await trx
      .updateTable('issuance_restrictions')
      .set({ ends_on: addDays(today, -1) })
      .where('id', 'in', ids)
      .execute();
    return done({
      value: { lifted: ids },
      refs: { resident: resident.id, restrictions: ids, target: input.target },
    });
  });

/** Marks the resident's 戸籍 as having a 戸籍届出 in process (or recorded). */
export const setKosekiNotification = (
  deps: AdminDeps,
  staff: Staff,
  residentId: string,
  input: { pending: boolean },
) =>
  residentAction(deps, staff, 'koseki.pending', residentId, async ({ trx, resident }) => {
    if (typeof input.pending !== 'boolean') return invalid('pending', 'true or false');
    const own = await ownKosekiMember(trx, resident);
    if (!own) return fail('not_found', { field: 'koseki' });
    if ((own.koseki.notification_pending === 1) === input.pending)
      return fail('conflict', {
        field: 'pending',
        detail: input.pending ? 'already in process' : 'not in process',
      });
    await setKosekiPending(trx, own.koseki.id, input.pending);
    return done({
      value: { kosekiId: own.koseki.id, pending: input.pending },
      refs: { koseki: own.koseki.id, pending: input.pending },
    });
  });

/** 印鑑登録: a new registration number; the 印影 is drawn from the surname (no scanner in the demo). */
export const registerInkan = (deps: AdminDeps, staff: Staff, residentId: string) =>
  residentAction(deps, staff, 'inkan.register', residentId, async ({ trx, today, resident }) => {
    if (resident.status !== 'active' && resident.status !== 'moving_out')
      return fail('conflict', { field: 'status', detail: resident.status });
    const current = await findLatestInkan(trx, resident.id);
    if (current && current.abolished_on === null)
      return fail('conflict', { field: 'inkan', detail: 'already registered' });
    const seq = await nextCounter(trx, `admin:inkan:${staff.municipalityCode}`);
    const number = `R${String(seq).padStart(6, '0')}`;
    const id = randomUUID();
    const surname = resident.name.split(/[ \u3000]/)[0] ?? resident.name;
    await trx
      .insertInto('inkan_registrations')
      .values({
        id,
        resident_id: resident.id,
        registration_number: number,
        seal_image: JSON.stringify(createSealDrawer()(surname)),
        registered_on: today,
        abolished_on: null,
      })
      .execute();
    return done({ value: { registrationNumber: number }, refs: { resident: resident.id, inkan: id } });
  });

/** 印鑑登録廃止: no 印鑑登録証明書 from this moment. */
export const abolishResidentInkan = (deps: AdminDeps, staff: Staff, residentId: string) =>
  residentAction(deps, staff, 'inkan.abolish', residentId, async ({ trx, today, resident }) => {
    const n = await abolishInkan(trx, resident.id, today);
    if (n === 0) return fail('conflict', { field: 'inkan', detail: 'not registered' });
    return done({ value: { abolishedOn: today }, refs: { resident: resident.id } });
  });

export interface TaxInput {
  fiscalYear: number;
  salary: number;
  pension: number;
  spouse: boolean;
  dependents: number;
}

/** 町県民税の申告 (enter) or its correction (amend): issuable from the 1st of the next month. */
export const saveTaxDeclaration = (
  deps: AdminDeps,
  staff: Staff,
  residentId: string,
  mode: 'enter' | 'amend',
  input: TaxInput,
) =>
  residentAction(
    deps,
    staff,
    mode === 'enter' ? 'tax.enter' : 'tax.amend',
    residentId,
    async ({ trx, today, resident }) => {
      const latest = latestFiscalYear(today);
      if (
        !Number.isInteger(input.fiscalYear) ||
        input.fiscalYear < latest - 5 ||
        input.fiscalYear > latest + 1
      )
        return invalid('fiscalYear', `${latest - 5} to ${latest + 1}`);
      for (const [v, f] of [
        [input.salary, 'salary'],
        [input.pension, 'pension'],
      ] as const) {
        const c = yen(v, f);
        if (!c.ok) return c;
      }
      if (typeof input.spouse !== 'boolean') return invalid('spouse', 'true or false');
      if (!Number.isInteger(input.dependents) || input.dependents < 0 || input.dependents > 20)
        return invalid('dependents', '0 to 20');
      const existing = (await listTaxRecords(trx, resident.id, staff.municipalityCode)).find(
        (t) => t.fiscal_year === input.fiscalYear,
      );
      if (mode === 'enter' && existing)
        return fail('conflict', { field: 'fiscalYear', detail: 'already declared: amend it' });
      if (mode === 'amend' && !existing) return fail('not_found', { field: 'fiscalYear' });
      const age = input.fiscalYear - 1 - Number(resident.birth_date.slice(0, 4));
      const t = computeTax({
        salary: input.salary,
        pension: input.pension,
        age,
        spouse: input.spouse,
        dependents: input.dependents,
      });
      const figures = {
        income: JSON.stringify(t.income),
        deductions: JSON.stringify(t.deductions),
        taxable_income: t.taxableIncome,
        dependents_spouse: input.spouse ? (1 as const) : (0 as const),
        dependents_count: input.dependents,
        municipal_income_levy: t.municipalIncomeLevy,
        municipal_per_capita: t.municipalPerCapita,
        prefectural_income_levy: t.prefecturalIncomeLevy,
        prefectural_per_capita: t.prefecturalPerCapita,
      };
      let id: string;
      if (existing) {
        id = existing.id;
        await trx
          .updateTable('tax_records')
          .set({ ...figures, amended_on: today })
          .where('id', '=', id)
          .execute();
      } else {
        id = randomUUID();
        await trx
          .insertInto('tax_records')
          .values({
            id,
            resident_id: resident.id,
            municipality_code: staff.municipalityCode,
            fiscal_year: input.fiscalYear,
            address: resident.address,
            ...figures,
            declared_on: today,
            amended_on: null,
          })
          .execute();
      }
      return done({
        value: { id, fiscalYear: input.fiscalYear, taxableIncome: t.taxableIncome },
        refs: { resident: resident.id, tax: id, fiscalYear: input.fiscalYear },
      });
    },
  );
