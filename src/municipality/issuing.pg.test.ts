import { PG_SKIP_MESSAGE, pgTestUrl, postgresTestDatabase } from '../registers/test-db.js';
import { issuingConcurrencyContract } from './issuing-concurrency.contract.js';
import { issuingTableContract } from './issuing-table.contract.js';

const url = pgTestUrl();
const factory = url ? postgresTestDatabase(url) : () => Promise.reject(new Error(PG_SKIP_MESSAGE));
issuingTableContract('PostgreSQL', factory, url ? undefined : PG_SKIP_MESSAGE);
issuingConcurrencyContract('PostgreSQL', factory, url ? undefined : PG_SKIP_MESSAGE);
