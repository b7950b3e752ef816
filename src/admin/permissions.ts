// Who may do what: one table from action to roles, checked in one place (requirePermission).

/** 住民課, 税務課, 管理者. */
export const ROLES = ['juminka', 'zeimuka', 'kanrisha'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, { ja: string; en: string }> = {
  juminka: { ja: '住民課', en: 'Residents Division' },
  zeimuka: { ja: '税務課', en: 'Taxation Division' },
  kanrisha: { ja: '管理者', en: 'Administrator' },
};

const ALL: readonly Role[] = ROLES;
const JUMINKA: readonly Role[] = ['juminka', 'kanrisha'];
const ZEIMUKA: readonly Role[] = ['zeimuka', 'kanrisha'];
const KANRISHA: readonly Role[] = ['kanrisha'];

export const PERMISSIONS = {
  'resident.search': ALL,
  'resident.view': ALL,
  'resident.tennyu': JUMINKA,
  'resident.tenkyo': JUMINKA,
  'resident.tenshutsuYotei': JUMINKA,
  'resident.tenshutsu': JUMINKA,
  'resident.shibou': JUMINKA,
  'resident.shokkenShojo': JUMINKA,
  'restriction.set': JUMINKA,
  'restriction.lift': JUMINKA,
  'koseki.view': JUMINKA,
  'koseki.pending': JUMINKA,
  'inkan.register': JUMINKA,
  'inkan.abolish': JUMINKA,
  'tax.view': ZEIMUKA,
  'tax.enter': ZEIMUKA,
  'tax.amend': ZEIMUKA,
  'card.view': JUMINKA,
  'card.resetPin': JUMINKA,
  'issuance.view': ALL,
  'registration.view': JUMINKA,
  'registration.decide': JUMINKA,
  'maintenance.view': ALL,
  'maintenance.edit': KANRISHA,
  'stats.view': ALL,
  'certificate.lookup': ALL,
  // Voiding a 固有番号 printed in error: 住民課 runs コンビニ交付 for every type (tax ones included).
  'certificate.void': JUMINKA,
  'audit.view': KANRISHA,
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export const can = (role: Role, action: Action): boolean =>
  (PERMISSIONS[action] as readonly Role[]).includes(role);

/** Every action a role may do (the web UI hides what is not allowed; the API refuses it). */
export const actionsOf = (role: Role): Action[] => ACTIONS.filter((a) => can(role, a));

export const isRole = (v: unknown): v is Role =>
  typeof v === 'string' && (ROLES as readonly string[]).includes(v);
