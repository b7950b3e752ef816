import { PG_SKIP_MESSAGE, pgTestUrl } from '../src/registers/test-db.js';
import { adminApiContract } from './admin-api.contract.js';

const url = pgTestUrl();
adminApiContract('PostgreSQL', url ? { postgresUrl: url } : {}, url ? undefined : PG_SKIP_MESSAGE);
