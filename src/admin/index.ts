// The town hall's console: its API plugin, the static web UI, staff accounts and the
// 本籍地 registration functions the CLI and the center call.

export type { AdminDeps } from './context.js';
export {
  applyForHonsekiRegistration,
  type HonsekiApplicationInput,
  honsekiRegistrationStatus,
  REGISTRATION_BUSINESS_DAYS,
  type RegistrationView,
} from './honseki-registration.js';
export { ACTIONS, type Action, can, PERMISSIONS, ROLES, type Role } from './permissions.js';
export { type AdminRoutesOptions, adminRoutes } from './routes.js';
export { createDemoStaff, createStaff, login, type Staff } from './staff.js';
export { adminStatic } from './static.js';
