import type {
  CalendarSettings,
  EligibilityInput,
  HonsekiSnapshot,
  ResidentSnapshot,
} from '../domain/eligibility-input.js';
import { japanDate, toJapanIso } from '../domain/japan-time.js';
import type { CertificateRequest } from '../domain/request.js';
import {
  findCardLink,
  findHousehold,
  findKoseki,
  findLatestInkan,
  findMunicipality,
  findResident,
  type Household,
  type InkanRegistration,
  isRestricted,
  type Koseki,
  type KosekiMember,
  listCardLinksOfResident,
  listHouseholdResidents,
  listKosekiMembers,
  listKosekiMembershipsOfResident,
  listMaintenance,
  listRegistrations,
  listTaxRecords,
  type Municipality,
  type Resident,
  type TaxRecord,
  type Tx,
} from '../registers/index.js';
import type { IssuingCall } from './issuing-port.js';

/** Every register record one request relies on, read inside the issuing transaction. */
export interface LoadedRecords {
  municipality: Municipality;
  /** The holder's record, only when it is in this municipality. */
  resident?: Resident;
  household?: Household | undefined;
  /** Current (not 消除) members of the holder's household, 世帯主 first. */
  householdResidents: Resident[];
  inkan?: InkanRegistration | undefined;
  taxRecords: TaxRecord[];
  koseki?: Koseki;
  /** Every member of the holder's 戸籍 here (除籍 members included), in order. */
  kosekiMembers: KosekiMember[];
  holderMember?: KosekiMember;
}

/** Still on the 住民票 (転出予定 people are, until they move). */
export const isCurrent = (r: Resident): boolean => r.status === 'active' || r.status === 'moving_out';

const householdOrder = (setainushi: string | null) => (a: Resident, b: Resident) =>
  Number(b.id === setainushi) - Number(a.id === setainushi) || a.birth_date.localeCompare(b.birth_date);

/** Reads the calendar settings of the center and one municipality. */
export const loadCalendar = async (trx: Tx, m: Municipality, now: Date): Promise<CalendarSettings> => {
  // Windows that ended a while ago cannot matter for today's judgement or nextOpen.
  const from = toJapanIso(new Date(now.getTime() - 2 * 86_400_000));
  const windows = await listMaintenance(trx, m.code, from);
  return {
    taxSwitchoverEnd: m.tax_switchover_end,
    maintenance: windows.map((w) => ({
      start: w.start_at,
      end: w.end_at,
      scope: w.scope,
      ...(w.note ? { note: w.note } : {}),
    })),
  };
};

/**
 * Reads everything the eligibility rules and the document builders need, for one holder
 * and one municipality, and returns the domain snapshot with the records.
 */
export const loadSnapshot = async (
  trx: Tx,
  municipalityCode: string,
  call: IssuingCall,
  request: CertificateRequest,
): Promise<{ input: EligibilityInput; records: LoadedRecords }> => {
  const municipality = await findMunicipality(trx, municipalityCode);
  if (!municipality) throw new Error(`municipality ${municipalityCode} is not in the registers`);
  const today = japanDate(call.now);
  const calendar = await loadCalendar(trx, municipality, call.now);
  const records: LoadedRecords = { municipality, householdResidents: [], taxRecords: [], kosekiMembers: [] };
  const link = await findCardLink(trx, call.holder.serial);
  const person = link ? await findResident(trx, link.resident_id) : undefined;

  let resident: ResidentSnapshot | undefined;
  if (person && person.municipality_code === municipalityCode) {
    records.resident = person;
    records.household = await findHousehold(trx, person.household_id);
    const setainushi = records.household?.setainushi_id ?? null;
    records.householdResidents = (await listHouseholdResidents(trx, person.household_id))
      .filter(isCurrent)
      .sort(householdOrder(setainushi));
    records.inkan = await findLatestInkan(trx, person.id);
    records.taxRecords = await listTaxRecords(trx, person.id, municipalityCode);
    resident = {
      residentId: person.id,
      householdId: person.household_id,
      status: person.status,
      ...(person.address_changed_on ? { addressChangedOn: person.address_changed_on } : {}),
      juminhyoRestricted: await isRestricted(trx, 'juminhyo', [person.id], today),
      householdMemberIds: records.householdResidents.map((r) => r.id),
      ...(records.inkan ? { inkan: { state: records.inkan.abolished_on ? 'abolished' : 'registered' } } : {}),
      taxDeclarations: records.taxRecords.map((t) => ({
        fiscalYear: t.fiscal_year,
        declaredOn: t.amended_on ?? t.declared_on,
      })),
    };
  }

  let honseki: HonsekiSnapshot = { kind: 'none' };
  const memberships = person ? await listKosekiMembershipsOfResident(trx, person.id) : [];
  for (const m of memberships) {
    const koseki = await findKoseki(trx, m.koseki_id);
    if (!koseki || koseki.municipality_code !== municipalityCode) continue;
    records.koseki = koseki;
    records.holderMember = m;
    records.kosekiMembers = await listKosekiMembers(trx, koseki.id);
    const serials = (await listCardLinksOfResident(trx, m.resident_id ?? '')).map((l) => l.serial);
    const registration = (
      await listRegistrations(trx, [...new Set([call.holder.serial, ...serials])], municipalityCode)
    )[0];
    honseki = {
      kind: 'participating',
      municipalityCode,
      kosekiId: koseki.id,
      holderMemberId: m.id,
      memberIds: records.kosekiMembers.filter((x) => x.removed === 0).map((x) => x.id),
      notificationPending: koseki.notification_pending === 1,
      restricted: await isRestricted(trx, 'koseki', [m.id], today),
      residesHere: !!person && person.municipality_code === municipalityCode && isCurrent(person),
      ...(registration ? { registration: { state: registration.state, serial: registration.serial } } : {}),
    };
    break;
  }
  if (honseki.kind === 'none' && person?.honseki_code) {
    const home = await findMunicipality(trx, person.honseki_code);
    if (home && home.participating === 0)
      honseki = { kind: 'not_participating', municipalityCode: home.code };
  }

  const input: EligibilityInput = {
    now: call.now,
    terminal: call.terminal.kind,
    request,
    card: { serial: call.holder.serial, issuedOn: call.holder.issuedOn },
    calendar,
    ...(resident ? { resident } : {}),
    honseki,
  };
  return { input, records };
};
