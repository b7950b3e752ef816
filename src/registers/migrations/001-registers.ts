import type { Kysely } from 'kysely';

// The registers of SPEC §2: one schema for SQLite and PostgreSQL, built with kysely's
// schema builder only (text, integer; no dialect-specific types).

export const name = '001-registers';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the current types
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable('municipalities')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('prefecture', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('print_name', 'text', (c) => c.notNull())
    .addColumn('participating', 'integer', (c) => c.notNull())
    .addColumn('mayor_title', 'text', (c) => c.notNull())
    .addColumn('mayor_name', 'text', (c) => c.notNull())
    .addColumn('tax_switchover_end', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('maintenance_windows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('end_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createTable('households')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('setainushi_id', 'text')
    .execute();
  await db.schema
    .createTable('residents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
    .addColumn('household_id', 'text', (c) => c.notNull().references('households.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kana', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('juminhyo_code', 'text', (c) => c.notNull().unique())
    .addColumn('kojin_bango', 'text', (c) => c.notNull().unique())
    .addColumn('honseki', 'text')
    .addColumn('hittosha', 'text')
    .addColumn('honseki_code', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('became_resident_on', 'text', (c) => c.notNull())
    .addColumn('address_since', 'text', (c) => c.notNull())
    .addColumn('previous_address', 'text')
    .addColumn('notified_on', 'text')
    .addColumn('address_changed_on', 'text')
    .execute();
  await db.schema.createIndex('residents_household').on('residents').column('household_id').execute();
  await db.schema
    .createTable('resident_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('processed_on', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .execute();
  await db.schema
    .createIndex('resident_events_resident')
    .on('resident_events')
    .column('resident_id')
    .execute();
  await db.schema
    .createTable('issuance_restrictions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .execute();
  await db.schema
    .createIndex('issuance_restrictions_subject')
    .on('issuance_restrictions')
    .column('subject_id')
    .execute();
  await db.schema
    .createTable('koseki')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
    .addColumn('honseki', 'text', (c) => c.notNull())
    .addColumn('hittosha', 'text', (c) => c.notNull())
    .addColumn('notification_pending', 'integer', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('koseki_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('koseki_id', 'text', (c) => c.notNull().references('koseki.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('resident_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kana', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text')
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('father', 'text')
    .addColumn('mother', 'text')
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('removed', 'integer', (c) => c.notNull())
    .addColumn('removed_on', 'text')
    .execute();
  await db.schema.createIndex('koseki_members_koseki').on('koseki_members').column('koseki_id').execute();
  await db.schema.createIndex('koseki_members_resident').on('koseki_members').column('resident_id').execute();
  await db.schema
    .createTable('fuhyo_addresses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('koseki_member_id', 'text', (c) => c.notNull().references('koseki_members.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('fuhyo_addresses_member')
    .on('fuhyo_addresses')
    .column('koseki_member_id')
    .execute();
  await db.schema
    .createTable('inkan_registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
    .addColumn('registration_number', 'text', (c) => c.notNull())
    .addColumn('seal_image', 'text', (c) => c.notNull())
    .addColumn('registered_on', 'text', (c) => c.notNull())
    .addColumn('abolished_on', 'text')
    .execute();
  await db.schema.createIndex('inkan_resident').on('inkan_registrations').column('resident_id').execute();
  await db.schema
    .createTable('tax_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
    .addColumn('municipality_code', 'text', (c) => c.notNull())
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('income', 'text', (c) => c.notNull())
    .addColumn('deductions', 'text', (c) => c.notNull())
    .addColumn('taxable_income', 'integer', (c) => c.notNull())
    .addColumn('dependents_spouse', 'integer', (c) => c.notNull())
    .addColumn('dependents_count', 'integer', (c) => c.notNull())
    .addColumn('municipal_income_levy', 'integer', (c) => c.notNull())
    .addColumn('municipal_per_capita', 'integer', (c) => c.notNull())
    .addColumn('prefectural_income_levy', 'integer', (c) => c.notNull())
    .addColumn('prefectural_per_capita', 'integer', (c) => c.notNull())
    .addColumn('declared_on', 'text', (c) => c.notNull())
    .addColumn('amended_on', 'text')
    .execute();
  await db.schema.createIndex('tax_resident').on('tax_records').column('resident_id').execute();
  await db.schema
    .createTable('card_links')
    .addColumn('serial', 'text', (c) => c.primaryKey())
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id'))
    .addColumn('municipality_code', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('previous_serial', 'text')
    .addColumn('replaced_by', 'text')
    .execute();
  await db.schema.createIndex('card_links_resident').on('card_links').column('resident_id').execute();
  await db.schema
    .createTable('honseki_registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('serial', 'text', (c) => c.notNull())
    .addColumn('municipality_code', 'text', (c) => c.notNull())
    .addColumn('koseki_member_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('applied_on', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text')
    .addColumn('stated_honseki', 'text', (c) => c.notNull())
    .addColumn('stated_hittosha', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('honseki_reg_serial').on('honseki_registrations').column('serial').execute();
  await db.schema
    .createTable('issuance_records')
    .addColumn('number', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('municipality_code', 'text', (c) => c.notNull())
    .addColumn('subject_ids', 'text', (c) => c.notNull())
    .addColumn('fee', 'integer', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('copy', 'integer', (c) => c.notNull())
    .addColumn('copies', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('issuance_records_order').on('issuance_records').column('order_id').execute();
  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('refs', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('audit_head')
    .values({ id: 1, seq: 0, hash: '0'.repeat(64) })
    .execute();
};
