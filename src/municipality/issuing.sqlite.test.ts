import { sqliteTestDatabase } from '../registers/test-db.js';
import { issuingConcurrencyContract } from './issuing-concurrency.contract.js';
import { issuingTableContract } from './issuing-table.contract.js';

issuingTableContract('SQLite', sqliteTestDatabase);
issuingConcurrencyContract('SQLite', sqliteTestDatabase);
