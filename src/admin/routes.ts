import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { withTransaction } from '../registers/transaction.js';
import * as S from './api-schemas.js';
import { auditStaff } from './audit.js';
import { checkAuditChain, searchAudit } from './audit-log.js';
import type { AdminDeps } from './context.js';
import { type AdminResult, fail } from './errors.js';
import { recordStatus, recordTenkyoOf, recordTennyu, type TennyuInput } from './events.js';
import {
  answer,
  COOKIE,
  csrfProblem,
  installAdminErrors,
  readCookie,
  sendError,
  sessionCookie,
} from './http.js';
import {
  addMaintenanceWindow,
  listMaintenanceOf,
  removeMaintenanceWindow,
  setTaxSwitchoverEnd,
} from './maintenance.js';
import { type Action, actionsOf, can, ROLE_NAMES } from './permissions.js';
import { resetResidentPin } from './pin-reset.js';
import {
  abolishResidentInkan,
  liftResidentRestriction,
  type RestrictionTarget,
  registerInkan,
  saveTaxDeclaration,
  setKosekiNotification,
  setResidentRestriction,
  type TaxInput,
} from './records.js';
import { decideRegistrationOf, listRegistrationInbox } from './registrations.js';
import { residentDetail, searchResidents } from './residents.js';
import { findSessionStaff, login, logout, SESSION_MAX_MS, type Staff } from './staff.js';
import { issuanceStats, lookupCertificate, statsCsv } from './stats.js';
import { registerVoidRoutes } from './void-routes.js';

// The console API (mounted at /admin/api). Every route names its action; one hook checks
// the session, the CSRF rule and the permission table before the handler runs.

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission this route needs; 'session' = only a logged-in user; 'public' = none. */
    action?: Action | 'session' | 'public';
  }
}

export type AdminRoutesOptions = AdminDeps;

const SECTION_ACTION: Record<string, Action> = {
  koseki: 'koseki.view',
  tax: 'tax.view',
  card: 'card.view',
  issuances: 'issuance.view',
  inkan: 'inkan.register',
};

/** The console API as a fastify plugin: `app.register(adminRoutes, { prefix: '/admin/api', kdb, clock, dataDir })`. */
export const adminRoutes = async (app: FastifyInstance, opts: AdminRoutesOptions): Promise<void> => {
  const deps: AdminDeps = { kdb: opts.kdb, clock: opts.clock, dataDir: opts.dataDir };
  const staffOf = new WeakMap<FastifyRequest, Staff>();
  installAdminErrors(app);

  app.addHook('preHandler', async (request, reply) => {
    const action = request.routeOptions.config.action ?? 'session';
    const csrf = csrfProblem(request);
    if (csrf) return sendError(reply, csrf);
    if (action === 'public') return;
    const s = await findSessionStaff(deps.kdb, deps.clock, readCookie(request, COOKIE));
    if (!s.ok) return sendError(reply, s.error);
    if (action !== 'session' && !can(s.value.role, action)) {
      await withTransaction(deps.kdb, (trx) =>
        auditStaff(trx, deps.clock.now(), s.value.id, 'access.denied', { action }),
      );
      return sendError(reply, fail('forbidden', { detail: action }).error);
    }
    staffOf.set(request, s.value);
  });

  const staff = (request: FastifyRequest): Staff => staffOf.get(request)!;
  type Handler = (
    request: FastifyRequest,
    reply: FastifyReply,
    s: Staff,
  ) => Promise<AdminResult<unknown> | FastifyReply>;
  const route = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    action: Action | 'session' | 'public',
    schema: Record<string, unknown>,
    handler: Handler,
  ) =>
    app.route({
      method,
      url,
      config: { action },
      schema: { tags: ['admin'], ...schema },
      handler: async (request, reply) => {
        const r = await handler(request, reply, staff(request));
        return 'ok' in r && typeof r.ok === 'boolean' ? answer(reply, r as AdminResult<unknown>) : r;
      },
    });
  const id = (request: FastifyRequest) => (request.params as { id: string }).id;

  route('POST', '/login', 'public', { body: S.Login }, async (request, reply) => {
    const b = request.body as { user: string; password: string };
    const r = await login(deps.kdb, deps.clock, b.user, b.password);
    if (!r.ok) return r;
    reply.header('set-cookie', sessionCookie(request, r.value.token, Math.floor(SESSION_MAX_MS / 1000)));
    return answer(reply, { ok: true, value: me(r.value.staff, r.value.expiresAt) });
  });
  route('POST', '/logout', 'session', { body: S.Empty }, async (request, reply, s) => {
    await logout(deps.kdb, deps.clock, readCookie(request, COOKIE) ?? '', s);
    reply.header('set-cookie', sessionCookie(request, '', 0));
    return answer(reply, { ok: true, value: { loggedOut: true } });
  });
  route('GET', '/me', 'session', {}, async (_q, _r, s) => ({ ok: true, value: me(s) }));

  // Residents
  route('GET', '/residents', 'resident.search', { querystring: S.ResidentSearch }, (q, _r, s) =>
    searchResidents(deps, s, q.query as S_ResidentQuery),
  );
  route('GET', '/residents/:id', 'resident.view', { params: S.ResidentParams }, (q, _r, s) =>
    residentDetail(deps, s, id(q)),
  );
  route('GET', '/residents/:id/:section', 'resident.view', { params: S.SectionParams }, async (q, _r, s) => {
    const section = (q.params as { section: string }).section;
    const action = SECTION_ACTION[section]!;
    if (!can(s.role, action)) {
      await withTransaction(deps.kdb, (trx) =>
        auditStaff(trx, deps.clock.now(), s.id, 'access.denied', { action }),
      );
      return fail('forbidden', { detail: action });
    }
    const r = await residentDetail(deps, s, id(q));
    return r.ok ? { ok: true, value: (r.value as Record<string, unknown>)[section] ?? null } : r;
  });
  route('POST', '/residents', 'resident.tennyu', { body: S.Tennyu }, (q, _r, s) =>
    recordTennyu(deps, s, q.body as TennyuInput),
  );
  route(
    'POST',
    '/residents/:id/tenkyo',
    'resident.tenkyo',
    { params: S.ResidentParams, body: S.Tenkyo },
    (q, _r, s) => recordTenkyoOf(deps, s, id(q), q.body as { address: string }),
  );
  const statusRoutes = [
    ['tenshutsu-yotei', 'resident.tenshutsuYotei', 'moving_out'],
    ['tenshutsu', 'resident.tenshutsu', 'moved_out'],
    ['shibou', 'resident.shibou', 'deceased'],
    ['shokken-shojo', 'resident.shokkenShojo', 'removed'],
  ] as const;
  for (const [path, action, status] of statusRoutes)
    route(
      'POST',
      `/residents/:id/${path}`,
      action,
      { params: S.ResidentParams, body: S.StatusEvent },
      (q, _r, s) => recordStatus(deps, s, id(q), status, q.body as { occurredOn?: string; detail?: string }),
    );
  route(
    'POST',
    '/residents/:id/restrictions',
    'restriction.set',
    { params: S.ResidentParams, body: S.RestrictionSet },
    (q, _r, s) =>
      setResidentRestriction(deps, s, id(q), q.body as { target: RestrictionTarget; endsOn?: string }),
  );
  route(
    'POST',
    '/residents/:id/restrictions/lift',
    'restriction.lift',
    { params: S.ResidentParams, body: S.RestrictionLift },
    (q, _r, s) => liftResidentRestriction(deps, s, id(q), q.body as { target: RestrictionTarget }),
  );
  route(
    'POST',
    '/residents/:id/koseki-pending',
    'koseki.pending',
    { params: S.ResidentParams, body: S.KosekiPending },
    (q, _r, s) => setKosekiNotification(deps, s, id(q), q.body as { pending: boolean }),
  );
  route(
    'POST',
    '/residents/:id/inkan',
    'inkan.register',
    { params: S.ResidentParams, body: S.Empty },
    (q, _r, s) => registerInkan(deps, s, id(q)),
  );
  route(
    'POST',
    '/residents/:id/inkan/abolish',
    'inkan.abolish',
    { params: S.ResidentParams, body: S.Empty },
    (q, _r, s) => abolishResidentInkan(deps, s, id(q)),
  );
  route('POST', '/residents/:id/tax', 'tax.enter', { params: S.ResidentParams, body: S.Tax }, (q, _r, s) =>
    saveTaxDeclaration(deps, s, id(q), 'enter', q.body as TaxInput),
  );
  route('PUT', '/residents/:id/tax', 'tax.amend', { params: S.ResidentParams, body: S.Tax }, (q, _r, s) =>
    saveTaxDeclaration(deps, s, id(q), 'amend', q.body as TaxInput),
  );
  route(
    'POST',
    '/residents/:id/pin-reset',
    'card.resetPin',
    { params: S.ResidentParams, body: S.PinReset },
    (q, _r, s) => resetResidentPin(deps, s, id(q), q.body as { newPin: string }),
  );

  // 本籍地 registrations
  route('GET', '/registrations', 'registration.view', { querystring: S.RegistrationQuery }, (q, _r, s) =>
    listRegistrationInbox(deps, s, (q.query as { state?: string }).state),
  );
  route(
    'POST',
    '/registrations/:receipt/decision',
    'registration.decide',
    { params: S.ReceiptParams, body: S.Decision },
    (q, _r, s) =>
      decideRegistrationOf(
        deps,
        s,
        (q.params as { receipt: string }).receipt,
        q.body as { decision: 'approve' | 'reject'; reason?: string },
      ),
  );

  // Maintenance
  route('GET', '/maintenance', 'maintenance.view', {}, (_q, _r, s) => listMaintenanceOf(deps, s));
  route('POST', '/maintenance', 'maintenance.edit', { body: S.MaintenanceWindow }, (q, _r, s) =>
    addMaintenanceWindow(deps, s, q.body as { start: string; end: string; note?: string }),
  );
  route('DELETE', '/maintenance/:windowId', 'maintenance.edit', { params: S.WindowParams }, (q, _r, s) =>
    removeMaintenanceWindow(deps, s, (q.params as { windowId: string }).windowId),
  );
  route('PUT', '/maintenance/switchover', 'maintenance.edit', { body: S.Switchover }, (q, _r, s) =>
    setTaxSwitchoverEnd(deps, s, q.body as { taxSwitchoverEnd: string }),
  );

  // Statistics, certificate look-up, audit
  route('GET', '/stats', 'stats.view', { querystring: S.StatsQuery }, (q, _r, s) =>
    issuanceStats(deps, s, q.query as { from?: string }),
  );
  route('GET', '/stats.csv', 'stats.view', { querystring: S.StatsQuery }, async (q, reply, s) => {
    const r = await issuanceStats(deps, s, q.query as { from?: string; to?: string });
    if (!r.ok) return r;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="kofu-stats-${r.value.from}-${r.value.to}.csv"`)
      .header('cache-control', 'no-store')
      .send(statsCsv(r.value.table));
  });
  route('GET', '/certificates/:number', 'certificate.lookup', { params: S.NumberParams }, (q, _r, s) =>
    lookupCertificate(deps, s, (q.params as { number: string }).number),
  );
  registerVoidRoutes(route, deps);
  route('GET', '/audit', 'audit.view', { querystring: S.AuditQuery }, (q) => {
    const a = q.query as Record<string, string | undefined>;
    return searchAudit(deps, {
      ...a,
      ...(a.beforeSeq !== undefined ? { beforeSeq: Number(a.beforeSeq) } : {}),
    } as Parameters<typeof searchAudit>[1]);
  });
  route('GET', '/audit/verify', 'audit.view', {}, () => checkAuditChain(deps));
};

type S_ResidentQuery = { name?: string; kana?: string; birthDate?: string; address?: string };

const me = (s: Staff, expiresAt?: string) => ({
  user: s.id,
  displayName: s.displayName,
  role: s.role,
  roleName: ROLE_NAMES[s.role],
  municipalityCode: s.municipalityCode,
  actions: actionsOf(s.role),
  ...(expiresAt ? { expiresAt } : {}),
});
