import { type SqlBool, sql } from 'kysely';
import { isPlainDate, japanDate } from '../domain/japan-time.js';
import {
  findHousehold,
  findKoseki,
  findLatestInkan,
  findResident,
  listCardLinksOfResident,
  listHouseholdResidents,
  listKosekiMembers,
  listKosekiMembershipsOfResident,
  listTaxRecords,
  type Resident,
  type Tx,
  withTransaction,
} from '../registers/index.js';
import { auditStaff } from './audit.js';
import { describeCard } from './cards.js';
import type { AdminDeps } from './context.js';
import { type AdminResult, done, invalid, notFound } from './errors.js';
import { can } from './permissions.js';
import type { Staff } from './staff.js';

// Finding a resident and reading their records: each section only for the roles allowed it.

export interface ResidentQuery {
  name?: string;
  kana?: string;
  birthDate?: string;
  address?: string;
}

const squeeze = (s: string): string => s.replace(/[\s\u3000]+/g, '');
// Hiragana typed in the kana box matches the katakana of the register.
const toKatakana = (s: string): string =>
  s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export const searchResidents = async (deps: AdminDeps, staff: Staff, q: ResidentQuery) => {
  const name = q.name ? squeeze(q.name) : '';
  const kana = q.kana ? toKatakana(squeeze(q.kana)) : '';
  const address = q.address ? squeeze(q.address) : '';
  const birth = q.birthDate?.trim() ?? '';
  if (!name && !kana && !address && !birth)
    return invalid('query', 'give a name, kana, birth date or address');
  if (birth && !isPlainDate(birth)) return invalid('birthDate', 'YYYY-MM-DD');
  if ([name, kana, address].some((s) => s.length > 100)) return invalid('query', 'too long');
  return withTransaction(deps.kdb, async (trx) => {
    let query = trx
      .selectFrom('residents')
      .select(['id', 'name', 'kana', 'birth_date', 'sex', 'address', 'status', 'household_id'])
      .where('municipality_code', '=', staff.municipalityCode);
    const strip = (col: 'name' | 'kana' | 'address') =>
      sql<string>`replace(replace(${sql.ref(col)}, ' ', ''), '　', '')`;
    if (name) query = query.where(sql<SqlBool>`${strip('name')} like ${`%${likeEscape(name)}%`} escape '\\'`);
    if (kana) query = query.where(sql<SqlBool>`${strip('kana')} like ${`%${likeEscape(kana)}%`} escape '\\'`);
    if (address)
      query = query.where(sql<SqlBool>`${strip('address')} like ${`%${likeEscape(address)}%`} escape '\\'`);
    if (birth) query = query.where('birth_date', '=', birth);
    const rows = await query.orderBy('kana').orderBy('id').limit(51).execute();
    await auditStaff(trx, deps.clock.now(), staff.id, 'resident.search', {
      results: Math.min(rows.length, 50),
    });
    return done({ residents: rows.slice(0, 50), truncated: rows.length > 50 });
  });
};

/** The resident, if they are in the staff member's town. */
export const findOwnResident = async (trx: Tx, staff: Staff, id: unknown): Promise<Resident | undefined> => {
  if (typeof id !== 'string' || id.length === 0 || id.length > 100) return undefined;
  const r = await findResident(trx, id);
  return r && r.municipality_code === staff.municipalityCode ? r : undefined;
};

const kosekiOf = async (trx: Tx, residentId: string, municipalityCode: string) => {
  for (const m of await listKosekiMembershipsOfResident(trx, residentId)) {
    const k = await findKoseki(trx, m.koseki_id);
    if (k && k.municipality_code === municipalityCode) return { koseki: k, member: m };
  }
  return undefined;
};

/** The resident's records, card and issuance history; sections the role may not see are left out. */
export const residentDetail = async (
  deps: AdminDeps,
  staff: Staff,
  id: string,
): Promise<AdminResult<unknown>> =>
  withTransaction(deps.kdb, async (trx) => {
    const r = await findOwnResident(trx, staff, id);
    if (!r) return notFound('residentId');
    const today = japanDate(deps.clock.now());
    const household = await findHousehold(trx, r.household_id);
    const members = (await listHouseholdResidents(trx, r.household_id)).map((m) => ({
      id: m.id,
      name: m.name,
      relationship: m.relationship,
      status: m.status,
    }));
    const events = await trx
      .selectFrom('resident_events')
      .select(['id', 'kind', 'occurred_on', 'processed_on', 'detail'])
      .where('resident_id', '=', r.id)
      .orderBy('processed_on')
      .orderBy('id')
      .execute();
    const koseki = await kosekiOf(trx, r.id, staff.municipalityCode);
    const restrictions = await trx
      .selectFrom('issuance_restrictions')
      .selectAll()
      .where('subject_id', 'in', [r.id, ...(koseki ? [koseki.member.id] : [])])
      .orderBy('starts_on')
      .execute();
    const showKoseki = can(staff.role, 'koseki.view');
    const out: Record<string, unknown> = {
      resident: {
        id: r.id,
        name: r.name,
        kana: r.kana,
        birthDate: r.birth_date,
        sex: r.sex,
        relationship: r.relationship,
        address: r.address,
        status: r.status,
        becameResidentOn: r.became_resident_on,
        addressSince: r.address_since,
        addressChangedOn: r.address_changed_on,
        ...(showKoseki ? { honseki: r.honseki, hittosha: r.hittosha } : {}),
      },
      household: {
        id: r.household_id,
        address: household?.address ?? null,
        setainushiId: household?.setainushi_id ?? null,
        members,
      },
      events,
      restrictions: restrictions
        .filter((x) => x.target === 'juminhyo' || showKoseki)
        .map((x) => ({
          id: x.id,
          target: x.target,
          startsOn: x.starts_on,
          endsOn: x.ends_on,
          inForce: x.starts_on <= today && (x.ends_on === null || x.ends_on >= today),
        })),
    };
    if (showKoseki && koseki) {
      const kosekiMembers = await listKosekiMembers(trx, koseki.koseki.id);
      out.koseki = {
        id: koseki.koseki.id,
        honseki: koseki.koseki.honseki,
        hittosha: koseki.koseki.hittosha,
        notificationPending: koseki.koseki.notification_pending === 1,
        memberId: koseki.member.id,
        members: kosekiMembers.map((m) => ({
          id: m.id,
          name: m.name,
          relationship: m.relationship,
          removed: m.removed === 1,
        })),
      };
    }
    if (can(staff.role, 'inkan.register')) {
      const inkan = await findLatestInkan(trx, r.id);
      out.inkan = inkan
        ? {
            registrationNumber: inkan.registration_number,
            registeredOn: inkan.registered_on,
            abolishedOn: inkan.abolished_on,
          }
        : null;
    }
    if (can(staff.role, 'tax.view'))
      out.tax = (await listTaxRecords(trx, r.id, staff.municipalityCode)).map((t) => ({
        id: t.id,
        fiscalYear: t.fiscal_year,
        income: JSON.parse(t.income) as unknown,
        taxableIncome: t.taxable_income,
        municipalLevy: t.municipal_income_levy + t.municipal_per_capita,
        prefecturalLevy: t.prefectural_income_levy + t.prefectural_per_capita,
        declaredOn: t.declared_on,
        amendedOn: t.amended_on,
      }));
    if (can(staff.role, 'card.view')) {
      const links = await listCardLinksOfResident(trx, r.id);
      out.card =
        describeCard(
          deps,
          links.find((l) => l.replaced_by === null),
        ) ?? null;
    }
    if (can(staff.role, 'issuance.view')) {
      const ids = [r.id, ...(koseki && showKoseki ? [koseki.member.id] : [])];
      const rows = await trx
        .selectFrom('issuance_records')
        .select(['number', 'type', 'issued_at', 'fee', 'terminal_id', 'municipality_code'])
        .where((eb) => eb.or(ids.map((i) => eb('subject_ids', 'like', `%${JSON.stringify(i)}%`))))
        .orderBy('issued_at', 'desc')
        .limit(100)
        .execute();
      out.issuances = rows
        .filter((x) => showKoseki || (x.type !== 'koseki' && x.type !== 'fuhyo'))
        .map((x) => ({
          number: x.number,
          type: x.type,
          issuedAt: x.issued_at,
          fee: x.fee,
          terminalId: x.terminal_id,
        }));
    }
    await auditStaff(trx, deps.clock.now(), staff.id, 'resident.view', { resident: r.id });
    return done(out);
  });
