// The municipality package: what the center, the admin console and the server start-up import.
export { buildDocumentBody, parseSeal, printedTexts } from './build-documents.js';
export {
  addSyntheticResidents,
  type DemoCardSummary,
  type DemoSummary,
  initDemo,
  isDemoInitialised,
} from './demo/demo-setup.js';
export { createIssuingClient } from './http-client.js';
export { documentsToJson, type MunicipalityRoutesOptions, municipalityRoutes } from './http-routes.js';
export type * from './issuing-port.js';
export { createIssuingServer, type IssuingServerOptions } from './issuing-server.js';
export { findRouting } from './routing.js';
