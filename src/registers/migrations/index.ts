import type { Migration } from 'kysely';
import * as m001 from './001-registers.js';
import * as m002 from './002-center.js';
import * as m003 from './003-admin.js';

/** One module per migration: `name` (NNN-words, sorts in order) and `up(db)`. */
export interface MigrationModule extends Migration {
  name: string;
}

/** Every migration, in order. Append new ones at the end (see docs/registers.md). */
export const MIGRATIONS: readonly MigrationModule[] = [m001, m002, m003];
