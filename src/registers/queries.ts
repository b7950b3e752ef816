import type { Selectable } from 'kysely';
import type {
  CardLinksTable,
  FuhyoAddressesTable,
  HonsekiRegistrationsTable,
  HouseholdsTable,
  InkanRegistrationsTable,
  KosekiMembersTable,
  KosekiTable,
  MaintenanceWindowsTable,
  MunicipalitiesTable,
  ResidentsTable,
  TaxRecordsTable,
} from './schema.js';
import type { Tx } from './transaction.js';

// Reads of the registers. Every function takes a transaction (or the db) so that the
// issuing server reads all it relies on inside its one transaction.

export type Municipality = Selectable<MunicipalitiesTable>;
export type Resident = Selectable<ResidentsTable>;
export type Household = Selectable<HouseholdsTable>;
export type Koseki = Selectable<KosekiTable>;
export type KosekiMember = Selectable<KosekiMembersTable>;
export type FuhyoAddress = Selectable<FuhyoAddressesTable>;
export type InkanRegistration = Selectable<InkanRegistrationsTable>;
export type TaxRecord = Selectable<TaxRecordsTable>;
export type CardLink = Selectable<CardLinksTable>;
export type HonsekiRegistration = Selectable<HonsekiRegistrationsTable>;
export type MaintenanceWindowRow = Selectable<MaintenanceWindowsTable>;

export const findMunicipality = (trx: Tx, code: string): Promise<Municipality | undefined> =>
  trx.selectFrom('municipalities').selectAll().where('code', '=', code).executeTakeFirst();

export const listMunicipalities = (trx: Tx): Promise<Municipality[]> =>
  trx.selectFrom('municipalities').selectAll().orderBy('code').execute();

/** Maintenance windows of the center and of one municipality that end after `fromIso`. */
export const listMaintenance = (
  trx: Tx,
  municipalityCode: string,
  fromIso: string,
): Promise<MaintenanceWindowRow[]> =>
  trx
    .selectFrom('maintenance_windows')
    .selectAll()
    .where('scope', 'in', ['center', municipalityCode])
    .where('end_at', '>', fromIso)
    .orderBy('start_at')
    .execute();

export const findCardLink = (trx: Tx, serial: string): Promise<CardLink | undefined> =>
  trx.selectFrom('card_links').selectAll().where('serial', '=', serial).executeTakeFirst();

/** Every serial the resident's cards have had, newest link first. */
export const listCardLinksOfResident = (trx: Tx, residentId: string): Promise<CardLink[]> =>
  trx
    .selectFrom('card_links')
    .selectAll()
    .where('resident_id', '=', residentId)
    .orderBy('issued_on', 'desc')
    .execute();

export const findResident = (trx: Tx, id: string): Promise<Resident | undefined> =>
  trx.selectFrom('residents').selectAll().where('id', '=', id).executeTakeFirst();

export const findHousehold = (trx: Tx, id: string): Promise<Household | undefined> =>
  trx.selectFrom('households').selectAll().where('id', '=', id).executeTakeFirst();

/** Every resident record of a household (消除 persons included; callers filter on status). */
export const listHouseholdResidents = (trx: Tx, householdId: string): Promise<Resident[]> =>
  trx.selectFrom('residents').selectAll().where('household_id', '=', householdId).orderBy('id').execute();

/** Whether a restriction on `target` is in force for the subject on `date`. */
export const isRestricted = async (
  trx: Tx,
  target: 'juminhyo' | 'koseki',
  subjectIds: string[],
  date: string,
): Promise<boolean> => {
  if (subjectIds.length === 0) return false;
  const row = await trx
    .selectFrom('issuance_restrictions')
    .select('id')
    .where('target', '=', target)
    .where('subject_id', 'in', subjectIds)
    .where('starts_on', '<=', date)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>=', date)]))
    .executeTakeFirst();
  return row !== undefined;
};

/** The newest 印鑑登録 of a resident (abolished or not). */
export const findLatestInkan = (trx: Tx, residentId: string): Promise<InkanRegistration | undefined> =>
  trx
    .selectFrom('inkan_registrations')
    .selectAll()
    .where('resident_id', '=', residentId)
    .orderBy('registered_on', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();

export const listTaxRecords = (trx: Tx, residentId: string, municipalityCode: string): Promise<TaxRecord[]> =>
  trx
    .selectFrom('tax_records')
    .selectAll()
    .where('resident_id', '=', residentId)
    .where('municipality_code', '=', municipalityCode)
    .orderBy('fiscal_year', 'desc')
    .execute();

/** The 戸籍 member records linked to a resident (at most one current 戸籍 in practice). */
export const listKosekiMembershipsOfResident = (trx: Tx, residentId: string): Promise<KosekiMember[]> =>
  trx
    .selectFrom('koseki_members')
    .selectAll()
    .where('resident_id', '=', residentId)
    .where('removed', '=', 0)
    .execute();

export const findKosekiMember = (trx: Tx, id: string): Promise<KosekiMember | undefined> =>
  trx.selectFrom('koseki_members').selectAll().where('id', '=', id).executeTakeFirst();

export const findKoseki = (trx: Tx, id: string): Promise<Koseki | undefined> =>
  trx.selectFrom('koseki').selectAll().where('id', '=', id).executeTakeFirst();

export const listKosekiMembers = (trx: Tx, kosekiId: string): Promise<KosekiMember[]> =>
  trx
    .selectFrom('koseki_members')
    .selectAll()
    .where('koseki_id', '=', kosekiId)
    .orderBy('position')
    .execute();

export const listFuhyoAddresses = (trx: Tx, memberIds: string[]): Promise<FuhyoAddress[]> =>
  memberIds.length === 0
    ? Promise.resolve([])
    : trx
        .selectFrom('fuhyo_addresses')
        .selectAll()
        .where('koseki_member_id', 'in', memberIds)
        .orderBy('koseki_member_id')
        .orderBy('position')
        .execute();

/** 本籍地 registrations made with any of the serials, for one municipality, newest first. */
export const listRegistrations = (
  trx: Tx,
  serials: string[],
  municipalityCode: string,
): Promise<HonsekiRegistration[]> =>
  serials.length === 0
    ? Promise.resolve([])
    : trx
        .selectFrom('honseki_registrations')
        .selectAll()
        .where('serial', 'in', serials)
        .where('municipality_code', '=', municipalityCode)
        .orderBy('applied_on', 'desc')
        .orderBy('id', 'desc')
        .execute();
