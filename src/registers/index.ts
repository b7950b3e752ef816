// The register package: what other parts import.
export * from './audit.js';
export * from './bulk.js';
export * from './canonical-json.js';
export * from './changes.js';
export * from './codes.js';
export * from './database.js';
export * from './numbers.js';
export * from './queries.js';
export type * from './schema.js';
export * from './transaction.js';
