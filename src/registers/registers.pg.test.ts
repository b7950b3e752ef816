import { registersContract } from './registers.contract.js';
import { PG_SKIP_MESSAGE, pgTestUrl, postgresTestDatabase } from './test-db.js';

const url = pgTestUrl();
registersContract(
  'PostgreSQL',
  url ? postgresTestDatabase(url) : async () => Promise.reject(),
  url ? undefined : PG_SKIP_MESSAGE,
);
