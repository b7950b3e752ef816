import { sqliteTestDatabase } from '../registers/test-db.js';
import { issuingTableContract } from './issuing-table.contract.js';

issuingTableContract('SQLite', sqliteTestDatabase);
