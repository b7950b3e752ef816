import { adminApiContract } from './admin-api.contract.js';

adminApiContract('SQLite', {});
