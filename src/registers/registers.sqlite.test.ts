import { registersContract } from './registers.contract.js';
import { sqliteTestDatabase } from './test-db.js';

registersContract('SQLite', sqliteTestDatabase);
