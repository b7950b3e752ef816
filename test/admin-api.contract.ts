import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { applyForHonsekiRegistration, honsekiRegistrationStatus } from '../src/admin/index.js';
import { main } from '../src/cli/main.js';
import { addDays } from '../src/domain/japan-time.js';
import { createIssuingServer } from '../src/municipality/issuing-server.js';
import { findCardSummary, openCertificateAuthority } from '../src/pki/index.js';
import { call, loginAs, type Req } from './admin-api-helpers.js';
import { type AdminFixture, adminFixture, currentCard, DEMO_NOW, registerDigest } from './admin-fixture.js';

// The console API over fastify's injector, on SQLite and on PostgreSQL (one shared suite): login, lock-out, expiry, CSRF, bad input, and the
// effect of each register change on what the kiosk may issue, at once.

/** The console API suite, run once per dialect (as the registers' contract suite is). */
export const adminApiContract = (
  dialect: string,
  opts: { postgresUrl?: string },
  skip?: string,
): Promise<void> =>
  describe(`console API on ${dialect}`, { skip }, () => {
    let f: AdminFixture;
    let juminka: string;
    let zeimuka: string;
    let kanrisha: string;

    /** What the municipal issuing server answers a kiosk now (the same path as `kofu issue`). */
    const kioskCheck = async (resident: string, cert: string, municipality = '284815') => {
      const r = await createIssuingServer({ kdb: f.kdb, municipalityCode: municipality }).check({
        holder: await currentCard(f.kdb, resident),
        terminal: { id: 'test', kind: 'store' },
        now: f.clock.now(),
        request: { cert, copies: 1 },
      });
      return r.ok ? 'ok' : r.error.code;
    };

    before(async () => {
      f = await adminFixture(DEMO_NOW, opts);
      juminka = await loginAs(f.app, 'juminka', f.passwords.juminka!);
      zeimuka = await loginAs(f.app, 'zeimuka', f.passwords.zeimuka!);
      kanrisha = await loginAs(f.app, 'kanrisha', f.passwords.kanrisha!);
    });
    after(() => f.close());

    describe('login, sessions, CSRF', () => {
      it('sets an HttpOnly, SameSite=Strict cookie and needs it on every call', async () => {
        const r = await call(f.app, undefined, {
          method: 'POST',
          url: '/login',
          payload: { user: 'juminka', password: f.passwords.juminka },
        });
        assert.match(String(r.headers['set-cookie']), /HttpOnly; SameSite=Strict/);
        const anon = await call(f.app, undefined, { method: 'GET', url: '/residents/res-taro' });
        assert.equal(anon.statusCode, 401);
        assert.equal(anon.json().error.code, 'SESSION_EXPIRED');
      });

      it('refuses a mutation without the CSRF header or from another origin', async () => {
        const bare = await f.app.inject({
          method: 'POST',
          url: '/admin/api/residents/res-taro/inkan',
          headers: { cookie: juminka },
          payload: {},
        });
        assert.equal(bare.statusCode, 403);
        const cross = await f.app.inject({
          method: 'POST',
          url: '/admin/api/residents/res-taro/inkan',
          headers: {
            cookie: juminka,
            'x-kofu-admin': '1',
            origin: 'https://evil.example',
            host: 'localhost',
          },
          payload: {},
        });
        assert.equal(cross.statusCode, 403);
      });

      it('locks an account for 15 minutes after 5 wrong passwords, even for the right one', async () => {
        const attempt = (password: string) =>
          call(f.app, undefined, { method: 'POST', url: '/login', payload: { user: 'zeimuka', password } });
        for (let i = 1; i <= 4; i++)
          assert.equal((await attempt(`wrong-${i}`)).json().error.reason, 'bad_credentials');
        const fifth = await attempt('wrong-5');
        assert.equal(fifth.statusCode, 423);
        assert.equal(fifth.json().error.reason, 'account_locked');
        assert.equal((await attempt(f.passwords.zeimuka!)).statusCode, 423);
        f.clock.advance(14 * 60_000);
        assert.equal((await attempt(f.passwords.zeimuka!)).statusCode, 423);
        f.clock.advance(61_000);
        assert.equal((await attempt(f.passwords.zeimuka!)).statusCode, 200);
        f.clock.set(DEMO_NOW);
      });

      it('an unknown user gets the same answer as a wrong password', async () => {
        const r = await call(f.app, undefined, {
          method: 'POST',
          url: '/login',
          payload: { user: 'nobody', password: 'x' },
        });
        assert.equal(r.statusCode, 401);
        assert.equal(r.json().error.reason, 'bad_credentials');
      });

      it('ends a session after 30 idle minutes, and after 8 hours whatever the activity', async () => {
        const cookie = await loginAs(f.app, 'kanrisha', f.passwords.kanrisha!);
        const me = () => call(f.app, cookie, { method: 'GET', url: '/me' });
        for (let i = 0; i < 16; i++) {
          f.clock.advance(29 * 60_000);
          assert.equal((await me()).statusCode, 200, `after ${(i + 1) * 29} minutes of activity`);
        }
        f.clock.advance(29 * 60_000);
        assert.equal((await me()).statusCode, 401, 'past 8 hours');
        f.clock.set(DEMO_NOW);
        const idle = await loginAs(f.app, 'kanrisha', f.passwords.kanrisha!);
        f.clock.advance(30 * 60_000);
        assert.equal((await call(f.app, idle, { method: 'GET', url: '/me' })).statusCode, 401);
        f.clock.set(DEMO_NOW);
        kanrisha = await loginAs(f.app, 'kanrisha', f.passwords.kanrisha!);
      });
    });

    describe('bad input: a clear error, nothing written', () => {
      const BAD: [string, Req, string][] = [
        [
          'tennyu without a name',
          {
            method: 'POST',
            url: '/residents',
            payload: { kana: 'ア', birthDate: '1990-01-01', sex: '女', address: 'x', previousAddress: 'y' },
          },
          'body.name',
        ],
        [
          'tennyu born in the future',
          {
            method: 'POST',
            url: '/residents',
            payload: {
              name: '未来 太郎',
              kana: 'ミライ タロウ',
              birthDate: '2099-01-01',
              sex: '男',
              address: '上郡町1',
              previousAddress: '大阪市1',
            },
          },
          'birthDate',
        ],
        [
          'tennyu kana in kanji',
          {
            method: 'POST',
            url: '/residents',
            payload: {
              name: '山田 花子',
              kana: '山田',
              birthDate: '1990-01-01',
              sex: '女',
              address: '上郡町1',
              previousAddress: '大阪市1',
            },
          },
          'kana',
        ],
        [
          'tennyu with an unknown field',
          {
            method: 'POST',
            url: '/residents',
            payload: {
              name: 'a',
              kana: 'ア',
              birthDate: '1990-01-01',
              sex: '女',
              address: 'x',
              previousAddress: 'y',
              kojinBango: '1',
            },
          },
          'body.kojinBango',
        ],
        [
          'tenkyo with an empty address',
          { method: 'POST', url: '/residents/res-taro/tenkyo', payload: { address: '   ' } },
          'address',
        ],
        [
          'tenkyo on 31 February',
          {
            method: 'POST',
            url: '/residents/res-taro/tenkyo',
            payload: { address: '上郡町2', occurredOn: '2026-02-31' },
          },
          'occurredOn',
        ],
        [
          'tenshutsu of someone already dead',
          { method: 'POST', url: '/residents/res-shibou/tenshutsu', payload: {} },
          'status',
        ],
        [
          'shibou of an unknown person',
          { method: 'POST', url: '/residents/res-nobody/shibou', payload: {} },
          'residentId',
        ],
        [
          'shibou of a person of another town',
          { method: 'POST', url: '/residents/res-misaki/shibou', payload: {} },
          'residentId',
        ],
        [
          'restriction with an unknown target',
          { method: 'POST', url: '/residents/res-taro/restrictions', payload: { target: 'inkan' } },
          'body.target',
        ],
        [
          'restriction ending in the past',
          {
            method: 'POST',
            url: '/residents/res-taro/restrictions',
            payload: { target: 'juminhyo', endsOn: '2020-01-01' },
          },
          'endsOn',
        ],
        [
          'a second restriction',
          { method: 'POST', url: '/residents/res-shizuka/restrictions', payload: { target: 'juminhyo' } },
          'target',
        ],
        [
          'koseki pending as text',
          { method: 'POST', url: '/residents/res-taro/koseki-pending', payload: { pending: 'yes' } },
          'body.pending',
        ],
        [
          'a second 印鑑 registration',
          { method: 'POST', url: '/residents/res-taro/inkan', payload: {} },
          'inkan',
        ],
        [
          'abolishing a 印鑑 never registered',
          { method: 'POST', url: '/residents/res-hanako/inkan/abolish', payload: {} },
          'inkan',
        ],
        [
          'a PIN of 3 digits',
          { method: 'POST', url: '/residents/res-locked/pin-reset', payload: { newPin: '123' } },
          'body.newPin',
        ],
        [
          'approving with no decision',
          { method: 'POST', url: '/registrations/x/decision', payload: {} },
          'body.decision',
        ],
        [
          'rejecting without a reason',
          { method: 'POST', url: '/registrations/x/decision', payload: { decision: 'reject' } },
          'reason',
        ],
        [
          'a window that ends before it starts',
          {
            method: 'POST',
            url: '/maintenance',
            payload: { start: '2026-12-02T05:00', end: '2026-12-02T01:00' },
          },
          'window',
        ],
        [
          'a window of 40 days',
          {
            method: 'POST',
            url: '/maintenance',
            payload: { start: '2026-12-01T00:00', end: '2027-01-10T00:00' },
          },
          'window',
        ],
        [
          'a switch-over in July',
          { method: 'PUT', url: '/maintenance/switchover', payload: { taxSwitchoverEnd: '07-10' } },
          'taxSwitchoverEnd',
        ],
        [
          'a malformed JSON body',
          { method: 'POST', url: '/residents/res-taro/tenkyo', payload: '{"address":' },
          'body',
        ],
      ];
      for (const [what, req, field] of BAD)
        it(what, async () => {
          const cookie = req.url.startsWith('/maintenance') ? kanrisha : juminka;
          const before = await registerDigest(f.kdb);
          const r =
            typeof req.payload === 'string'
              ? await f.app.inject({
                  method: req.method,
                  url: `/admin/api${req.url}`,
                  headers: { cookie, 'x-kofu-admin': '1', 'content-type': 'application/json' },
                  payload: req.payload,
                })
              : await call(f.app, cookie, req);
          assert.ok(r.statusCode >= 400 && r.statusCode < 500, `${r.statusCode} ${r.body}`);
          const e = r.json().error;
          assert.equal(e.code, 'INVALID_REQUEST');
          assert.ok(String(e.field ?? '').startsWith(field), `field ${e.field} for ${what}`);
          assert.ok(e.message.length > 0 && e.messageEn.length > 0);
          assert.doesNotMatch(r.body, /at .*\.ts:\d+/, 'no stack trace');
          assert.equal(await registerDigest(f.kdb), before);
        });

      it('a 税務課 tax entry with a negative salary is refused', async () => {
        const r = await call(f.app, zeimuka, {
          method: 'POST',
          url: '/residents/res-hanako/tax',
          payload: { fiscalYear: 2026, salary: -1, pension: 0, spouse: false, dependents: 0 },
        });
        assert.equal(r.statusCode, 400);
      });
    });

    describe('changes take effect at the kiosk at once, audited', () => {
      it('転出 refuses group A at once', async () => {
        assert.equal(await kioskCheck('res-hanako', 'juminhyo'), 'ok');
        const r = await call(f.app, juminka, {
          method: 'POST',
          url: '/residents/res-hanako/tenshutsu',
          payload: { detail: '大阪府へ転出' },
        });
        assert.equal(r.statusCode, 200, r.body);
        assert.equal(await kioskCheck('res-hanako', 'juminhyo'), 'MOVED_OUT');
      });

      it('転居 is refused today and usable tomorrow', async () => {
        const r = await call(f.app, juminka, {
          method: 'POST',
          url: '/residents/res-yoshida/tenkyo',
          payload: { address: '兵庫県赤穂郡上郡町上郡5番地' },
        });
        assert.equal(r.json().data.usableFrom, addDays('2026-11-25', 1));
        assert.equal(await kioskCheck('res-yoshida', 'kisai'), 'ADDRESS_CHANGED_TODAY');
        f.clock.set('2026-11-26T10:00:00+09:00');
        assert.equal(await kioskCheck('res-yoshida', 'kisai'), 'ok');
        f.clock.set(DEMO_NOW);
      });

      it('死亡 refuses the resident and revokes the card through the PKI', async () => {
        const { serial } = await currentCard(f.kdb, 'res-tenkyo');
        const r = await call(f.app, juminka, {
          method: 'POST',
          url: '/residents/res-tenkyo/shibou',
          payload: {},
        });
        assert.deepEqual(r.json().data.revokedSerials, [serial]);
        assert.equal(
          openCertificateAuthority(f.dataDir, { clock: f.clock }).status(serial).status,
          'revoked',
        );
        assert.equal(await kioskCheck('res-tenkyo', 'juminhyo'), 'DECEASED');
      });

      it('a restriction set then lifted: refused, then issued', async () => {
        assert.equal(await kioskCheck('res-taro', 'koseki'), 'ok');
        await call(f.app, juminka, {
          method: 'POST',
          url: '/residents/res-taro/restrictions',
          payload: { target: 'koseki' },
        });
        assert.equal(await kioskCheck('res-taro', 'koseki'), 'ISSUANCE_RESTRICTED');
        assert.equal(await kioskCheck('res-taro', 'juminhyo'), 'ok');
        await call(f.app, juminka, {
          method: 'POST',
          url: '/residents/res-taro/restrictions/lift',
          payload: { target: 'koseki' },
        });
        assert.equal(await kioskCheck('res-taro', 'koseki'), 'ok');
      });

      it('戸籍届出 in process and done', async () => {
        await call(f.app, juminka, {
          method: 'POST',
          url: '/residents/res-taro/koseki-pending',
          payload: { pending: true },
        });
        assert.equal(await kioskCheck('res-taro', 'fuhyo'), 'KOSEKI_PENDING');
        await call(f.app, juminka, {
          method: 'POST',
          url: '/residents/res-taro/koseki-pending',
          payload: { pending: false },
        });
        assert.equal(await kioskCheck('res-taro', 'fuhyo'), 'ok');
      });

      it('印鑑 abolished then registered again', async () => {
        await call(f.app, juminka, { method: 'POST', url: '/residents/res-taro/inkan/abolish', payload: {} });
        assert.equal(await kioskCheck('res-taro', 'inkan'), 'SEAL_NOT_REGISTERED');
        const r = await call(f.app, juminka, {
          method: 'POST',
          url: '/residents/res-taro/inkan',
          payload: {},
        });
        assert.match(r.json().data.registrationNumber, /^R\d{6}$/);
        assert.equal(await kioskCheck('res-taro', 'inkan'), 'ok');
      });

      it('a tax declaration is issuable from the 1st of the next month', async () => {
        const r = await call(f.app, zeimuka, {
          method: 'POST',
          url: '/residents/res-ichiro/tax',
          payload: { fiscalYear: 2026, salary: 2_400_000, pension: 0, spouse: false, dependents: 0 },
        });
        assert.equal(r.statusCode, 200, r.body);
        assert.equal(await kioskCheck('res-ichiro', 'shotoku'), 'TAX_NOT_YET_AVAILABLE');
        f.clock.set('2026-12-01T10:00:00+09:00');
        assert.equal(await kioskCheck('res-ichiro', 'shotoku'), 'ok');
        f.clock.set(DEMO_NOW);
      });

      it('a PIN reset unlocks the card at once', async () => {
        assert.equal(findCardSummary(f.dataDir, 'locked')?.pin.locked, true);
        const r = await call(f.app, juminka, {
          method: 'POST',
          url: '/residents/res-locked/pin-reset',
          payload: { newPin: '4444' },
        });
        assert.equal(r.statusCode, 200, r.body);
        assert.deepEqual(findCardSummary(f.dataDir, 'locked')?.pin, {
          remainingTries: 3,
          maxTries: 3,
          locked: false,
        });
      });

      it('a maintenance window closes the town at once', async () => {
        const r = await call(f.app, kanrisha, {
          method: 'POST',
          url: '/maintenance',
          payload: { start: '2026-11-25T09:00', end: '2026-11-25T12:00', note: '臨時保守' },
        });
        assert.equal(r.statusCode, 200, r.body);
        assert.equal(await kioskCheck('res-taro', 'juminhyo'), 'MAINTENANCE');
        await call(f.app, kanrisha, { method: 'DELETE', url: `/maintenance/${r.json().data.id}` });
        assert.equal(await kioskCheck('res-taro', 'juminhyo'), 'ok');
      });

      it('statistics and certificate look-up show type, date, terminal and fee only', async () => {
        await f.kdb.db
          .insertInto('issuance_records')
          .values({
            number: '284815-2026-00000009-9',
            type: 'koseki',
            municipality_code: '284815',
            subject_ids: '["km-taro"]',
            fee: 350,
            digest: 'cd',
            issued_at: '2026-11-24T11:00:00+09:00',
            order_id: 'o2',
            terminal_id: 't9',
            copy: 1,
            copies: 1,
          })
          .execute();
        const s = await call(f.app, juminka, { method: 'GET', url: '/stats?from=2026-11-20&to=2026-11-25' });
        const d = s.json().data;
        assert.deepEqual(d.table, [
          { date: '2026-11-24', type: 'koseki', terminalKind: 'unknown', count: 1, fee: 350 },
        ]);
        assert.equal(d.chart.length, 6);
        const csv = await call(f.app, juminka, {
          method: 'GET',
          url: '/stats.csv?from=2026-11-20&to=2026-11-25',
        });
        assert.match(
          csv.body,
          /^\ufeffdate,type,terminal_kind,count,fee_yen\r\n2026-11-24,koseki,unknown,1,350\r\n$/,
        );
        const bad = await call(f.app, juminka, {
          method: 'GET',
          url: '/certificates/284815-2026-00000009-0',
        });
        assert.equal(bad.statusCode, 400);
      });

      it('every change is in the audit chain, with the staff ID and no personal data', async () => {
        const r = await call(f.app, kanrisha, { method: 'GET', url: '/audit/verify' });
        assert.equal(r.json().data.ok, true);
        const log = await call(f.app, kanrisha, { method: 'GET', url: '/audit?actor=staff:juminka' });
        const entries = log.json().data.entries as { action: string; refs: object }[];
        for (const a of [
          'resident.tenshutsu',
          'resident.shibou',
          'restriction.set',
          'restriction.lift',
          'card.resetPin',
        ])
          assert.ok(
            entries.some((e) => e.action === a),
            a,
          );
        assert.doesNotMatch(JSON.stringify(entries), /上郡|花子|4444|番地/);
      });
    });

    // The CLI opens the data directory's database, so on PostgreSQL the functions are called directly.
    describe('本籍地 registration through the functions the kiosk will call', {
      skip: !opts.postgresUrl,
    }, () => {
      it('misaki applies, the town approves, her 戸籍 becomes issuable', async () => {
        const card = await currentCard(f.kdb, 'res-misaki');
        assert.equal(await kioskCheck('res-misaki', 'koseki'), 'REGISTRATION_REQUIRED');
        const r = await applyForHonsekiRegistration(f, card, {
          honseki: '兵庫県赤穂郡上郡町鞍居77番地',
          hittosha: '松本 美咲',
        });
        assert.ok(r.ok);
        assert.equal(r.value.expectedCompletion, '2026-12-02');
        assert.equal(await kioskCheck('res-misaki', 'koseki'), 'REGISTRATION_PENDING');
        const ok = await call(f.app, juminka, {
          method: 'POST',
          url: `/registrations/${r.value.receiptNumber}/decision`,
          payload: { decision: 'approve' },
        });
        assert.equal(ok.statusCode, 200, ok.body);
        assert.equal(await kioskCheck('res-misaki', 'koseki'), 'ok');
        const status = await honsekiRegistrationStatus(f, card);
        assert.ok(status.ok);
        assert.equal(status.value.registrations[0]?.effectiveState, 'approved');
      });
    });

    describe('kofu honseki apply / status and the inbox', { skip: !!opts.postgresUrl }, () => {
      const kofu = async (...args: string[]) => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
        return { code, json: out.length ? JSON.parse(out.join('')) : undefined, err: err.join('') };
      };
      const data = () => ['--data', f.dataDir, '--now', '2026-11-25T10:00'];
      const MISAKI = [
        '--card',
        'misaki',
        '--honseki',
        '兵庫県赤穂郡上郡町鞍居77番地',
        '--hittosha',
        '松本　美咲',
        '--json',
      ];

      it('misaki: 戸籍 refused before, a receipt and a date 5 business days later, pending in the inbox', async () => {
        assert.equal(await kioskCheck('res-misaki', 'koseki'), 'REGISTRATION_REQUIRED');
        const wrong = await kofu('honseki', 'apply', ...data(), '--pin', '0000', ...MISAKI);
        assert.equal(wrong.code, 1);
        assert.equal(wrong.json.error.code, 'PIN_INCORRECT');
        const r = await kofu('honseki', 'apply', ...data(), '--pin', '9999', ...MISAKI);
        assert.equal(r.code, 0, r.err);
        assert.match(r.json.receiptNumber, /^HR-284815-\d{6}$/);
        assert.equal(r.json.state, 'pending');
        assert.equal(r.json.expectedCompletion, '2026-12-02');
        assert.equal(await kioskCheck('res-misaki', 'koseki'), 'REGISTRATION_PENDING');
        const again = await kofu('honseki', 'apply', ...data(), '--pin', '9999', ...MISAKI);
        assert.equal(again.json.receiptNumber, r.json.receiptNumber);
        assert.equal(again.json.existing, true);
        const status = await kofu('honseki', 'status', '--data', f.dataDir, '--card', 'misaki', '--json');
        assert.equal(status.json.code, 'REGISTRATION_PENDING');
        const inbox = await call(f.app, juminka, { method: 'GET', url: '/registrations' });
        const item = inbox
          .json()
          .data.registrations.find(
            (x: { receiptNumber: string }) => x.receiptNumber === r.json.receiptNumber,
          );
        assert.equal(item.match.found, true);
        assert.equal(item.match.memberId, 'km-misaki');
        assert.equal(item.waitingBusinessDays, 0);
        const ok = await call(f.app, juminka, {
          method: 'POST',
          url: `/registrations/${r.json.receiptNumber}/decision`,
          payload: { decision: 'approve' },
        });
        assert.equal(ok.statusCode, 200, ok.body);
        assert.equal(await kioskCheck('res-misaki', 'koseki'), 'ok');
        const twice = await call(f.app, juminka, {
          method: 'POST',
          url: `/registrations/${r.json.receiptNumber}/decision`,
          payload: { decision: 'reject', reason: 'x' },
        });
        assert.equal(twice.statusCode, 409);
      });

      it('a stated 筆頭者 that is not in the 戸籍 cannot be approved, only rejected with a reason', async () => {
        const r = await kofu(
          'honseki',
          'apply',
          ...data(),
          '--card',
          'kenta',
          '--pin',
          '1212',
          '--honseki',
          '兵庫県赤穂郡上郡町野桑340番地',
          '--hittosha',
          '山本 健太',
          '--json',
        );
        assert.equal(r.json.existing, true, 'kenta already has a pending application');
        const jiro = await kofu('honseki', 'status', '--data', f.dataDir, '--card', 'jiro', '--json');
        assert.equal(jiro.json.state, 'approved');
        const koushin = await kofu('honseki', 'status', '--data', f.dataDir, '--card', 'koushin', '--json');
        assert.equal(koushin.json.code, 'REGISTRATION_INVALIDATED');
        const k = await kofu(
          'honseki',
          'apply',
          ...data(),
          '--card',
          'koushin',
          '--pin',
          '2323',
          '--honseki',
          '兵庫県赤穂郡上郡町大持300番地',
          '--hittosha',
          '上郡 次郎',
          '--json',
        );
        assert.equal(k.code, 0, k.err);
        const inbox = await call(f.app, juminka, { method: 'GET', url: '/registrations' });
        const item = inbox
          .json()
          .data.registrations.find(
            (x: { receiptNumber: string }) => x.receiptNumber === k.json.receiptNumber,
          );
        assert.equal(item.match.found, false);
        const approve = await call(f.app, juminka, {
          method: 'POST',
          url: `/registrations/${k.json.receiptNumber}/decision`,
          payload: { decision: 'approve' },
        });
        assert.equal(approve.statusCode, 409);
        const reject = await call(f.app, juminka, {
          method: 'POST',
          url: `/registrations/${k.json.receiptNumber}/decision`,
          payload: { decision: 'reject', reason: '戸籍に該当者がいません' },
        });
        assert.equal(reject.statusCode, 200);
        const status = await kofu('honseki', 'status', '--data', f.dataDir, '--card', 'koushin', '--json');
        assert.equal(status.json.registrations[0].reason, '戸籍に該当者がいません');
        assert.equal(status.json.code, 'REGISTRATION_REQUIRED');
      });

      it('kofu admin staff add prints a generated password once, and it logs in', async () => {
        const r = await kofu(
          'admin',
          'staff',
          'add',
          '--data',
          f.dataDir,
          '--user',
          'tanaka',
          '--role',
          'zeimuka',
          '--json',
        );
        assert.equal(r.code, 0, r.err);
        assert.match(r.json.password, /^[A-Za-z0-9]{16}$/);
        const cookie = await loginAs(f.app, 'tanaka', r.json.password);
        const me = await call(f.app, cookie, { method: 'GET', url: '/me' });
        assert.equal(me.json().data.role, 'zeimuka');
        const bad = await kofu(
          'admin',
          'staff',
          'add',
          '--data',
          f.dataDir,
          '--user',
          'x',
          '--role',
          'mayor',
        );
        assert.equal(bad.code, 2);
      });

      it('refuses who need no registration, a non-participating 本籍 and bad usage', async () => {
        const taro = await kofu(
          'honseki',
          'apply',
          ...data(),
          '--card',
          'taro',
          '--pin',
          '1234',
          '--honseki',
          '兵庫県赤穂郡上郡町大持278番地',
          '--hittosha',
          '上郡 太郎',
          '--json',
        );
        assert.equal(taro.json.error.code, 'INVALID_REQUEST');
        const yoso = await kofu(
          'honseki',
          'apply',
          ...data(),
          '--card',
          'yoso',
          '--pin',
          '7777',
          '--honseki',
          '兵庫県佐用郡佐用町佐用1番地',
          '--hittosha',
          '余所 一',
          '--json',
        );
        assert.equal(yoso.json.error.code, 'HONSEKI_NOT_PARTICIPATING');
        const usage = await kofu(
          'honseki',
          'apply',
          '--data',
          f.dataDir,
          '--now',
          'yesterday',
          '--card',
          'misaki',
          '--pin',
          '9999',
          '--honseki',
          'x',
          '--hittosha',
          'y',
        );
        assert.equal(usage.code, 2);
      });
    });
  });
