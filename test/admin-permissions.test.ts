import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applyForHonsekiRegistration } from '../src/admin/honseki-registration.js';
import { ACTIONS, type Action, can, ROLES, type Role } from '../src/admin/permissions.js';
import { issuanceNumber } from '../src/registers/index.js';
import { call, loginAs, type Req } from './admin-api-helpers.js';
import { type AdminFixture, adminFixture, registerDigest } from './admin-fixture.js';

// Scope tests (as OpenCRVS does): every action × every role, allowed → 200, forbidden → 403
// with nothing written.

let f: AdminFixture;
const cookies = {} as Record<Role, string>;
const used = new Set<string>();
const NUMBER = issuanceNumber('284815', 2026, 1);

const pick = async (where: string): Promise<string> => {
  const rows = f.kdb
    .sqlite!.prepare(
      `select r.id from residents r where r.municipality_code = '284815' and r.status = 'active' and r.id like 'd%' and ${where} order by r.id`,
    )
    .all() as { id: string }[];
  const row = rows.find((r) => !used.has(r.id));
  if (!row) throw new Error(`no resident for ${where}`);
  used.add(row.id);
  return row.id;
};
const inkanActive =
  'exists (select 1 from inkan_registrations i where i.resident_id = r.id and i.abolished_on is null)';

const FY = 2026;
const REQUESTS: Record<Action, (role: Role) => Promise<Req>> = {
  'resident.search': async () => ({
    method: 'GET',
    url: `/residents?kana=${encodeURIComponent('カミゴオリ')}`,
  }),
  'resident.view': async () => ({ method: 'GET', url: '/residents/res-taro' }),
  'resident.tennyu': async () => ({
    method: 'POST',
    url: '/residents',
    payload: {
      name: '転入 花子',
      kana: 'テンニュウ ハナコ',
      birthDate: '1990-01-01',
      sex: '女',
      address: '兵庫県赤穂郡上郡町大持1番地',
      previousAddress: '大阪府大阪市北区1番',
    },
  }),
  'resident.tenkyo': async () => ({
    method: 'POST',
    url: `/residents/${await pick('1=1')}/tenkyo`,
    payload: { address: `兵庫県赤穂郡上郡町竹万${used.size}番地` },
  }),
  'resident.tenshutsuYotei': async () => ({
    method: 'POST',
    url: `/residents/${await pick('1=1')}/tenshutsu-yotei`,
    payload: { occurredOn: '2026-12-01' },
  }),
  'resident.tenshutsu': async () => ({
    method: 'POST',
    url: `/residents/${await pick('1=1')}/tenshutsu`,
    payload: {},
  }),
  'resident.shibou': async () => ({
    method: 'POST',
    url: `/residents/${await pick('1=1')}/shibou`,
    payload: {},
  }),
  'resident.shokkenShojo': async () => ({
    method: 'POST',
    url: `/residents/${await pick('1=1')}/shokken-shojo`,
    payload: {},
  }),
  'restriction.set': async () => {
    const id = await pick('1=1');
    restricted.push(id);
    return { method: 'POST', url: `/residents/${id}/restrictions`, payload: { target: 'juminhyo' } };
  },
  'restriction.lift': async (role) => ({
    method: 'POST',
    url: `/residents/${role === 'kanrisha' ? restricted[0] : 'res-shizuka'}/restrictions/lift`,
    payload: { target: 'juminhyo' },
  }),
  'koseki.view': async () => ({ method: 'GET', url: '/residents/res-taro/koseki' }),
  'koseki.pending': async (role) => ({
    method: 'POST',
    url: `/residents/${role === 'kanrisha' ? 'res-taro' : 'res-sakura'}/koseki-pending`,
    payload: { pending: role === 'kanrisha' },
  }),
  'inkan.register': async () => ({
    method: 'POST',
    url: `/residents/${await pick(`not ${inkanActive}`)}/inkan`,
  }),
  'inkan.abolish': async () => ({
    method: 'POST',
    url: `/residents/${await pick(inkanActive)}/inkan/abolish`,
  }),
  'tax.view': async () => ({ method: 'GET', url: '/residents/res-taro/tax' }),
  'tax.enter': async () => ({
    method: 'POST',
    url: `/residents/${await pick(`not exists (select 1 from tax_records t where t.resident_id = r.id and t.fiscal_year = ${FY})`)}/tax`,
    payload: { fiscalYear: FY, salary: 3_000_000, pension: 0, spouse: false, dependents: 0 },
  }),
  'tax.amend': async () => ({
    method: 'PUT',
    url: `/residents/${await pick(`exists (select 1 from tax_records t where t.resident_id = r.id and t.fiscal_year = ${FY})`)}/tax`,
    payload: { fiscalYear: FY, salary: 4_000_000, pension: 0, spouse: false, dependents: 1 },
  }),
  'card.view': async () => ({ method: 'GET', url: '/residents/res-taro/card' }),
  'card.resetPin': async (role) => ({
    method: 'POST',
    url: `/residents/${role === 'kanrisha' ? 'res-taro' : 'res-locked'}/pin-reset`,
    payload: { newPin: role === 'kanrisha' ? '1234' : '4444' },
  }),
  'issuance.view': async () => ({ method: 'GET', url: '/residents/res-taro/issuances' }),
  'registration.view': async () => ({ method: 'GET', url: '/registrations' }),
  'registration.decide': async (role) =>
    role === 'kanrisha'
      ? { method: 'POST', url: `/registrations/${misakiReceipt}/decision`, payload: { decision: 'approve' } }
      : {
          method: 'POST',
          url: '/registrations/reg-kenta-x/decision',
          payload: { decision: 'reject', reason: '本籍の記載誤り' },
        },
  'maintenance.view': async () => ({ method: 'GET', url: '/maintenance' }),
  'maintenance.edit': async () => ({
    method: 'POST',
    url: '/maintenance',
    payload: { start: '2026-12-01T01:00', end: '2026-12-01T05:00', note: '定期保守' },
  }),
  'stats.view': async () => ({ method: 'GET', url: '/stats?from=2026-11-01&to=2026-11-30' }),
  'certificate.lookup': async () => ({ method: 'GET', url: `/certificates/${NUMBER}` }),
  'certificate.void': async (role) => ({
    method: 'POST',
    url: `/certificates/K284815-20261125-0009${ROLES.indexOf(role)}1-3/void`,
    payload: { reason: '誤交付' },
  }),
  'audit.view': async () => ({ method: 'GET', url: '/audit?action=resident' }),
};
let misakiReceipt = '';
const restricted: string[] = [];

before(async () => {
  f = await adminFixture();
  for (const role of ROLES) cookies[role] = await loginAs(f.app, role, f.passwords[role]!);
  const misaki = f.kdb
    .sqlite!.prepare("select serial from card_links where resident_id = 'res-misaki'")
    .get() as { serial: string };
  const r = await applyForHonsekiRegistration(f, misaki, {
    honseki: '兵庫県赤穂郡上郡町鞍居77番地',
    hittosha: '松本 美咲',
  });
  assert.ok(r.ok);
  misakiReceipt = r.value.receiptNumber;
  const kenta = f.kdb
    .sqlite!.prepare("select id from honseki_registrations where id like 'reg-kenta-%'")
    .get() as { id: string };
  REQUESTS['registration.decide'] = async (role) =>
    role === 'kanrisha'
      ? { method: 'POST', url: `/registrations/${misakiReceipt}/decision`, payload: { decision: 'approve' } }
      : {
          method: 'POST',
          url: `/registrations/${kenta.id}/decision`,
          payload: { decision: 'reject', reason: '本籍の記載誤り' },
        };
  f.kdb
    .sqlite!.prepare(
      "insert into issuance_records values (?, 'juminhyo', '284815', '[\"res-taro\"]', 200, 'ab', '2026-11-24T10:00:00+09:00', 'o1', 't1', 1, 1)",
    )
    .run(NUMBER);
});
after(() => f.close());

describe('every action × every role', () => {
  it('the table gives each role its own work only', () => {
    assert.equal(can('zeimuka', 'koseki.view'), false);
    assert.equal(can('zeimuka', 'tax.enter'), true);
    assert.equal(can('juminka', 'tax.enter'), false);
    assert.equal(can('juminka', 'audit.view'), false);
    assert.equal(can('kanrisha', 'audit.view'), true);
  });

  for (const action of ACTIONS)
    for (const role of ROLES) {
      const allowed = can(role, action);
      it(`${role} ${allowed ? 'may' : 'may not'} ${action}`, async () => {
        const req = await REQUESTS[action](role);
        const before = allowed ? '' : await registerDigest(f.kdb);
        const r = await call(f.app, cookies[role], req);
        const body = r.json() as { ok: boolean; error?: { code: string; reason?: string } };
        if (allowed) {
          assert.equal(r.statusCode, 200, `${req.method} ${req.url}: ${r.body}`);
          assert.equal(body.ok, true);
        } else {
          assert.equal(r.statusCode, 403, r.body);
          assert.equal(body.error?.reason, 'forbidden');
          assert.equal(await registerDigest(f.kdb), before, 'a forbidden action wrote nothing');
        }
      });
    }

  it('a forbidden attempt is audited with the staff ID and the action', async () => {
    const r = await call(f.app, cookies.kanrisha, { method: 'GET', url: '/audit?action=access.denied' });
    const entries = (r.json() as { data: { entries: { actor: string; refs: { action: string } }[] } }).data
      .entries;
    assert.ok(entries.some((e) => e.actor === 'staff:zeimuka' && e.refs.action === 'koseki.view'));
  });

  it('税務課 sees no 戸籍 and no 本籍 in the resident detail', async () => {
    const r = await call(f.app, cookies.zeimuka, { method: 'GET', url: '/residents/res-taro' });
    const d = (r.json() as { data: Record<string, unknown> }).data;
    assert.equal(d.koseki, undefined);
    assert.equal((d.resident as Record<string, unknown>).honseki, undefined);
    assert.ok(Array.isArray(d.tax));
    assert.doesNotMatch(r.body, /大持278番地 上郡 太郎|kos-kamigori/);
  });
});
