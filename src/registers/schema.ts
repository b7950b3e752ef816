// Row types of every register table. Dates are `YYYY-MM-DD` Japan dates, instants ISO
// strings, booleans 0/1 integers and structured values JSON text, so that SQLite and
// PostgreSQL return exactly the same values through one query code path.

/** 0 or 1: SQLite has no boolean type. */
export type Flag = 0 | 1;

export interface MunicipalitiesTable {
  code: string;
  prefecture: string;
  name: string;
  /** The name as printed, e.g. 赤穂郡上郡町. */
  print_name: string;
  participating: Flag;
  mayor_title: string;
  mayor_name: string;
  /** MM-DD, last day of the June tax switch-over. */
  tax_switchover_end: string;
}

export interface MaintenanceWindowsTable {
  id: string;
  /** 'center' or a municipality code. */
  scope: string;
  start_at: string;
  end_at: string;
  note: string | null;
}

export interface HouseholdsTable {
  id: string;
  municipality_code: string;
  address: string;
  setainushi_id: string | null;
}

export type ResidentStatusColumn = 'active' | 'moving_out' | 'moved_out' | 'deceased' | 'removed';

export interface ResidentsTable {
  id: string;
  municipality_code: string;
  household_id: string;
  name: string;
  kana: string;
  birth_date: string;
  sex: '男' | '女';
  /** 続柄 to the 世帯主: 世帯主, 妻, 子 … */
  relationship: string;
  address: string;
  /** 住民票コード (11 digits): kept in the register, never printed. */
  juminhyo_code: string;
  /** 個人番号 (12 digits): kept in the register, never printed. */
  kojin_bango: string;
  honseki: string | null;
  hittosha: string | null;
  /** Municipality code of the 本籍, when in Japan. */
  honseki_code: string | null;
  status: ResidentStatusColumn;
  became_resident_on: string;
  address_since: string;
  previous_address: string | null;
  notified_on: string | null;
  /** Japan date the last 転入/転居 was processed. */
  address_changed_on: string | null;
}

export interface ResidentEventsTable {
  id: string;
  resident_id: string;
  /** 出生, 転入, 転居, 転出予定, 転出, 死亡, 職権消除, 世帯変更 */
  kind: string;
  /** The date the event happened. */
  occurred_on: string;
  /** The date the town processed it. */
  processed_on: string;
  detail: string | null;
}

export interface IssuanceRestrictionsTable {
  id: string;
  /** 'juminhyo' (支援措置 on 住民票) or 'koseki' (戸籍 and 附票). */
  target: 'juminhyo' | 'koseki';
  /** Resident ID for 'juminhyo', 戸籍 member ID for 'koseki'. */
  subject_id: string;
  starts_on: string;
  ends_on: string | null;
}

export interface KosekiTable {
  id: string;
  municipality_code: string;
  honseki: string;
  hittosha: string;
  /** A 戸籍届出 accepted but not yet recorded. */
  notification_pending: Flag;
  /** JSON DatedEvent[]: 戸籍事項 (編製, 転籍 …). */
  events: string;
}

export interface KosekiMembersTable {
  id: string;
  koseki_id: string;
  /** Order in the 戸籍 (筆頭者 first). */
  position: number;
  /** The person's resident record anywhere in Japan (linked by 個人番号 in reality). */
  resident_id: string | null;
  name: string;
  kana: string;
  relationship: string | null;
  birth_date: string;
  sex: '男' | '女';
  father: string | null;
  mother: string | null;
  /** JSON DatedEvent[]: 身分事項. */
  events: string;
  removed: Flag;
  removed_on: string | null;
}

export interface FuhyoAddressesTable {
  id: string;
  koseki_member_id: string;
  position: number;
  address: string;
  since: string;
}

export interface InkanRegistrationsTable {
  id: string;
  resident_id: string;
  registration_number: string;
  /** JSON SealImage (png data base64-encoded). */
  seal_image: string;
  registered_on: string;
  abolished_on: string | null;
}

export interface TaxRecordsTable {
  id: string;
  resident_id: string;
  municipality_code: string;
  fiscal_year: number;
  /** Address on January 1 of the fiscal year. */
  address: string;
  /** JSON MoneyItem[] */
  income: string;
  /** JSON MoneyItem[] */
  deductions: string;
  taxable_income: number;
  dependents_spouse: Flag;
  dependents_count: number;
  municipal_income_levy: number;
  municipal_per_capita: number;
  prefectural_income_levy: number;
  prefectural_per_capita: number;
  declared_on: string;
  amended_on: string | null;
}

export interface CardLinksTable {
  /** The user certificate's serial (hex). */
  serial: string;
  resident_id: string;
  municipality_code: string;
  /** Japan date the certificate was issued. */
  issued_on: string;
  previous_serial: string | null;
  /** Set when a renewal replaced this serial. */
  replaced_by: string | null;
}

export interface HonsekiRegistrationsTable {
  id: string;
  serial: string;
  municipality_code: string;
  koseki_member_id: string | null;
  state: 'pending' | 'approved' | 'rejected' | 'invalidated';
  applied_on: string;
  decided_on: string | null;
  stated_honseki: string;
  stated_hittosha: string;
  reason: string | null;
}

export interface IssuanceRecordsTable {
  /** 固有番号 */
  number: string;
  type: string;
  municipality_code: string;
  /** JSON string[] of register IDs. */
  subject_ids: string;
  fee: number;
  /** SHA-256 hex of the canonical document JSON. */
  digest: string;
  issued_at: string;
  order_id: string;
  terminal_id: string;
  copy: number;
  copies: number;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  /** JSON object of references (IDs, codes), never personal data. */
  refs: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface Database {
  municipalities: MunicipalitiesTable;
  maintenance_windows: MaintenanceWindowsTable;
  households: HouseholdsTable;
  residents: ResidentsTable;
  resident_events: ResidentEventsTable;
  issuance_restrictions: IssuanceRestrictionsTable;
  koseki: KosekiTable;
  koseki_members: KosekiMembersTable;
  fuhyo_addresses: FuhyoAddressesTable;
  inkan_registrations: InkanRegistrationsTable;
  tax_records: TaxRecordsTable;
  card_links: CardLinksTable;
  honseki_registrations: HonsekiRegistrationsTable;
  issuance_records: IssuanceRecordsTable;
  counters: CountersTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
}
