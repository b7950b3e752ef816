import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkEligibility } from './eligibility.js';
import type { EligibilityInput, HonsekiSnapshot, ResidentSnapshot } from './eligibility-input.js';
import { parseJapanIso } from './japan-time.js';
import type { Refusal, RefusalCode } from './refusal.js';
import type { CertificateRequest } from './request.js';
import { DEFAULT_CALENDAR_SETTINGS } from './service-hours.js';

// Demo-like snapshots: taro lives in 上郡町 (code 282812) with 本籍 there too; 2026-11-25 is a Wednesday.

const resident = (over: Partial<ResidentSnapshot> = {}): ResidentSnapshot => ({
  residentId: 'r-taro',
  householdId: 'h-1',
  status: 'active',
  juminhyoRestricted: false,
  householdMemberIds: ['r-taro', 'r-hanako', 'r-ichiro', 'r-sakura'],
  inkan: { state: 'registered' },
  taxDeclarations: [{ fiscalYear: 2026, declaredOn: '2026-03-10' }],
  ...over,
});

type Participating = Extract<HonsekiSnapshot, { kind: 'participating' }>;
const honseki = (over: Partial<Participating> = {}): HonsekiSnapshot => ({
  kind: 'participating',
  municipalityCode: '282812',
  kosekiId: 'k-1',
  holderMemberId: 'm-taro',
  memberIds: ['m-taro', 'm-hanako', 'm-ichiro', 'm-sakura'],
  notificationPending: false,
  restricted: false,
  residesHere: true,
  ...over,
});

const input = (
  request: Partial<CertificateRequest> & Pick<CertificateRequest, 'cert'>,
  over: Partial<EligibilityInput> = {},
  now = '2026-11-25T10:00',
): EligibilityInput => ({
  now: parseJapanIso(now)!,
  terminal: 'store',
  request: { copies: 1, ...request },
  card: { serial: 'S-100', issuedOn: '2025-04-01' },
  calendar: DEFAULT_CALENDAR_SETTINGS,
  resident: resident(),
  honseki: honseki(),
  ...over,
});

const produced = new Set<string>();
const refusal = (i: EligibilityInput): Refusal => {
  const r = checkEligibility(i);
  assert.equal(r.ok, false, 'expected a refusal');
  if (!r.ok) produced.add(r.error.code);
  return (r as { ok: false; error: Refusal }).error;
};
const code = (i: EligibilityInput) => refusal(i).code;

test('taro gets every certificate on a weekday morning', () => {
  for (const cert of ['juminhyo', 'kisai', 'inkan', 'shotoku', 'kazei', 'koseki', 'fuhyo'] as const)
    assert.deepEqual(checkEligibility(input({ cert })), { ok: true, value: true }, cert);
  assert.equal(
    checkEligibility(input({ cert: 'juminhyo', scope: 'members', members: ['r-hanako'] })).ok,
    true,
  );
  assert.equal(
    checkEligibility(input({ cert: 'koseki', kind: 'individual', members: ['m-sakura'] })).ok,
    true,
  );
});

test('hours come from the service calendar, with nextOpen', () => {
  assert.deepEqual(refusal(input({ cert: 'koseki' }, {}, '2026-11-28T10:00')), {
    code: 'OUT_OF_HOURS',
    nextOpen: '2026-11-30T08:30:00+09:00',
  });
  assert.equal(
    code(input({ cert: 'juminhyo' }, { terminal: 'townhall' }, '2026-11-28T10:00')),
    'TERMINAL_CLOSED',
  );
  const calendar = {
    ...DEFAULT_CALENDAR_SETTINGS,
    maintenance: [{ start: '2026-11-25T09:00', end: '2026-11-25T11:00', scope: 'center' }],
  };
  assert.deepEqual(refusal(input({ cert: 'juminhyo' }, { calendar })), {
    code: 'MAINTENANCE',
    nextOpen: '2026-11-25T11:00:00+09:00',
  });
  assert.deepEqual(refusal(input({ cert: 'kazei' }, {}, '2026-06-10T10:00')), {
    code: 'TAX_SWITCHOVER',
    nextOpen: '2026-07-01T06:30:00+09:00',
  });
});

test('card issued today: usable from the next day opening of that certificate', () => {
  const card = { serial: 'S-100', issuedOn: '2026-11-25' };
  assert.deepEqual(refusal(input({ cert: 'juminhyo' }, { card })), {
    code: 'CARD_ISSUED_TODAY',
    nextOpen: '2026-11-26T06:30:00+09:00',
  });
  const friday = { serial: 'S-100', issuedOn: '2026-11-27' };
  assert.deepEqual(refusal(input({ cert: 'koseki' }, { card: friday }, '2026-11-27T10:00')), {
    code: 'CARD_ISSUED_TODAY',
    nextOpen: '2026-11-30T08:30:00+09:00',
  });
  assert.equal(checkEligibility(input({ cert: 'juminhyo' }, { card }, '2026-11-26T06:30')).ok, true);
});

test('address changed today: usable from the next day', () => {
  const r = resident({ addressChangedOn: '2026-11-25' });
  assert.deepEqual(refusal(input({ cert: 'inkan' }, { resident: r })), {
    code: 'ADDRESS_CHANGED_TODAY',
    nextOpen: '2026-11-26T06:30:00+09:00',
  });
  assert.equal(checkEligibility(input({ cert: 'inkan' }, { resident: r }, '2026-11-26T07:00')).ok, true);
});

test('moved out (転出 and 転出予定), deceased, removed: no group-A certificate', () => {
  for (const cert of ['juminhyo', 'kisai', 'inkan', 'shotoku', 'kazei'] as const) {
    assert.equal(code(input({ cert }, { resident: resident({ status: 'moving_out' }) })), 'MOVED_OUT');
    assert.equal(code(input({ cert }, { resident: resident({ status: 'moved_out' }) })), 'MOVED_OUT');
    assert.equal(code(input({ cert }, { resident: resident({ status: 'deceased' }) })), 'DECEASED');
    assert.equal(code(input({ cert }, { resident: resident({ status: 'removed' }) })), 'REMOVED');
  }
  // 戸籍 does not depend on the 住民票 status.
  assert.equal(
    checkEligibility(input({ cert: 'koseki' }, { resident: resident({ status: 'moved_out' }) })).ok,
    true,
  );
});

test('issuance restriction: 住民票 one blocks 住民票 and 記載事項 only; 戸籍 one blocks 戸籍 and 附票', () => {
  const r = resident({ juminhyoRestricted: true });
  assert.equal(code(input({ cert: 'juminhyo' }, { resident: r })), 'ISSUANCE_RESTRICTED');
  assert.equal(code(input({ cert: 'kisai' }, { resident: r })), 'ISSUANCE_RESTRICTED');
  assert.equal(checkEligibility(input({ cert: 'inkan' }, { resident: r })).ok, true);
  assert.equal(checkEligibility(input({ cert: 'kazei' }, { resident: r })).ok, true);
  const h = honseki({ restricted: true });
  assert.equal(code(input({ cert: 'koseki' }, { honseki: h })), 'ISSUANCE_RESTRICTED');
  assert.equal(code(input({ cert: 'fuhyo' }, { honseki: h })), 'ISSUANCE_RESTRICTED');
  assert.equal(checkEligibility(input({ cert: 'juminhyo' }, { honseki: h })).ok, true);
});

test('group A asked of a town where the holder does not live: NOT_RESIDENT', () => {
  assert.equal(code(input({ cert: 'juminhyo' }, { resident: undefined as never })), 'NOT_RESIDENT');
  const { resident: _omit, ...noResident } = input({ cert: 'shotoku' });
  assert.equal(code(noResident), 'NOT_RESIDENT');
});

test('印鑑 not registered or abolished: SEAL_NOT_REGISTERED', () => {
  const { inkan: _omit, ...never } = resident();
  assert.equal(code(input({ cert: 'inkan' }, { resident: never })), 'SEAL_NOT_REGISTERED');
  const abolished = resident({ inkan: { state: 'abolished' } });
  assert.equal(code(input({ cert: 'inkan' }, { resident: abolished })), 'SEAL_NOT_REGISTERED');
});

test('tax: only the latest fiscal year counts; a declaration is issuable from the next month', () => {
  const none = resident({ taxDeclarations: [] });
  assert.equal(code(input({ cert: 'shotoku' }, { resident: none })), 'TAX_NOT_DECLARED');
  const old = resident({ taxDeclarations: [{ fiscalYear: 2025, declaredOn: '2025-03-01' }] });
  assert.equal(code(input({ cert: 'kazei' }, { resident: old })), 'TAX_NOT_DECLARED');
  // Before June the latest year is the previous one.
  assert.equal(checkEligibility(input({ cert: 'kazei' }, { resident: old }, '2026-05-20T10:00')).ok, true);
  const amended = resident({ taxDeclarations: [{ fiscalYear: 2026, declaredOn: '2026-11-10' }] });
  assert.deepEqual(refusal(input({ cert: 'shotoku' }, { resident: amended })), {
    code: 'TAX_NOT_YET_AVAILABLE',
    availableFrom: '2026-12-01',
  });
  assert.equal(
    checkEligibility(input({ cert: 'shotoku' }, { resident: amended }, '2026-12-01T06:30')).ok,
    true,
  );
  const lastMonth = resident({ taxDeclarations: [{ fiscalYear: 2026, declaredOn: '2026-10-31' }] });
  assert.equal(checkEligibility(input({ cert: 'shotoku' }, { resident: lastMonth })).ok, true);
});

test('戸籍届出 in process: KOSEKI_PENDING for 戸籍 and 附票', () => {
  const h = honseki({ notificationPending: true });
  assert.equal(code(input({ cert: 'koseki' }, { honseki: h })), 'KOSEKI_PENDING');
  assert.equal(code(input({ cert: 'fuhyo' }, { honseki: h })), 'KOSEKI_PENDING');
});

test('本籍 routing: none, not participating, chosen members outside the 戸籍', () => {
  assert.equal(code(input({ cert: 'koseki' }, { honseki: { kind: 'none' } })), 'NOT_IN_KOSEKI');
  const { honseki: _omit, ...noHonseki } = input({ cert: 'fuhyo' });
  assert.equal(code(noHonseki), 'NOT_IN_KOSEKI');
  const yoso = { kind: 'not_participating', municipalityCode: '999999' } as const;
  assert.equal(code(input({ cert: 'koseki' }, { honseki: yoso })), 'HONSEKI_NOT_PARTICIPATING');
  assert.equal(code(input({ cert: 'koseki', kind: 'individual', members: ['m-other'] })), 'NOT_IN_KOSEKI');
  assert.equal(
    code(input({ cert: 'fuhyo', kind: 'individual', members: ['m-taro', 'm-x'] })),
    'NOT_IN_KOSEKI',
  );
});

test('本籍地 registration for holders living elsewhere, bound to the certificate serial', () => {
  const away = (registration?: Participating['registration']) =>
    input(
      { cert: 'koseki' },
      {
        resident: undefined as never,
        honseki: honseki({ residesHere: false, ...(registration ? { registration } : {}) }),
      },
    );
  assert.equal(code(away()), 'REGISTRATION_REQUIRED'); // misaki
  assert.equal(code(away({ state: 'rejected', serial: 'S-100' })), 'REGISTRATION_REQUIRED');
  assert.equal(code(away({ state: 'pending', serial: 'S-100' })), 'REGISTRATION_PENDING'); // kenta
  assert.equal(code(away({ state: 'approved', serial: 'S-099' })), 'REGISTRATION_INVALIDATED'); // koushin
  assert.equal(code(away({ state: 'invalidated', serial: 'S-100' })), 'REGISTRATION_INVALIDATED');
  assert.equal(checkEligibility(away({ state: 'approved', serial: 'S-100' })).ok, true); // jiro
});

test('chosen 住民票 members must be in the holder’s household', () => {
  assert.equal(
    code(input({ cert: 'juminhyo', scope: 'members', members: ['r-stranger'] })),
    'NOT_IN_HOUSEHOLD',
  );
  assert.equal(
    code(input({ cert: 'kisai', scope: 'members', members: ['r-taro', 'r-x'] })),
    'NOT_IN_HOUSEHOLD',
  );
});

test('a malformed request is INVALID_REQUEST with the field', () => {
  assert.deepEqual(refusal(input({ cert: 'juminhyo', copies: 11 })).field, 'copies');
  assert.deepEqual(refusal(input({ cert: 'inkan', scope: 'household' })).field, 'scope');
});

test('precedence: hours, card, routing, person, certificate, options', () => {
  const moved = resident({ status: 'moved_out', inkan: { state: 'abolished' }, juminhyoRestricted: true });
  const card = { serial: 'S-100', issuedOn: '2026-11-25' };
  assert.equal(code(input({ cert: 'inkan' }, { resident: moved, card }, '2026-11-25T23:30')), 'OUT_OF_HOURS');
  assert.equal(code(input({ cert: 'inkan' }, { resident: moved, card })), 'CARD_ISSUED_TODAY');
  assert.equal(code(input({ cert: 'inkan' }, { resident: undefined as never, card })), 'CARD_ISSUED_TODAY');
  assert.equal(code(input({ cert: 'inkan' }, { resident: moved })), 'MOVED_OUT');
  const today = resident({ status: 'moved_out', addressChangedOn: '2026-11-25' });
  assert.equal(code(input({ cert: 'juminhyo' }, { resident: today })), 'MOVED_OUT');
  const restricted = resident({ juminhyoRestricted: true, addressChangedOn: '2026-11-25' });
  assert.equal(code(input({ cert: 'juminhyo' }, { resident: restricted })), 'ADDRESS_CHANGED_TODAY');
  const onlyRestricted = resident({ juminhyoRestricted: true });
  assert.equal(
    code(input({ cert: 'juminhyo', scope: 'members', members: ['r-x'] }, { resident: onlyRestricted })),
    'ISSUANCE_RESTRICTED',
  );
  const pendingAway = honseki({
    residesHere: false,
    notificationPending: true,
    registration: undefined as never,
  });
  assert.equal(code(input({ cert: 'koseki' }, { honseki: pendingAway })), 'REGISTRATION_REQUIRED');
  const both = honseki({ restricted: true, notificationPending: true });
  assert.equal(
    code(input({ cert: 'koseki', kind: 'individual', members: ['m-x'] }, { honseki: both })),
    'ISSUANCE_RESTRICTED',
  );
});

test('every refusal code that depends on time or records is produced above', () => {
  const owned: RefusalCode[] = [
    'OUT_OF_HOURS',
    'MAINTENANCE',
    'TERMINAL_CLOSED',
    'TAX_SWITCHOVER',
    'CARD_ISSUED_TODAY',
    'ADDRESS_CHANGED_TODAY',
    'MOVED_OUT',
    'DECEASED',
    'REMOVED',
    'ISSUANCE_RESTRICTED',
    'NOT_IN_HOUSEHOLD',
    'NOT_IN_KOSEKI',
    'SEAL_NOT_REGISTERED',
    'TAX_NOT_DECLARED',
    'TAX_NOT_YET_AVAILABLE',
    'KOSEKI_PENDING',
    'HONSEKI_NOT_PARTICIPATING',
    'REGISTRATION_REQUIRED',
    'REGISTRATION_PENDING',
    'REGISTRATION_INVALIDATED',
    'NOT_RESIDENT',
    'INVALID_REQUEST',
  ];
  assert.deepEqual(
    owned.filter((c) => !produced.has(c)),
    [],
  );
});
