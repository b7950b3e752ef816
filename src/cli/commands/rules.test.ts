import assert from 'node:assert/strict';
import { test } from 'node:test';
import { main } from '../main.js';

const run = async (...argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join(''), err: err.join('') };
};

const availability = (cert: string, terminal: string, at: string) =>
  run('rules', 'availability', '--cert', cert, '--terminal', terminal, '--at', at, '--json');

test('availability --json: exactly the SPEC §12 object; exit 0 open, 1 closed', async () => {
  const open = await availability('juminhyo', 'store', '2026-11-25T06:30');
  assert.equal(open.code, 0);
  assert.deepEqual(JSON.parse(open.out), { available: true });
  const closed = await availability('koseki', 'store', '2026-11-28T23:30');
  assert.equal(closed.code, 1);
  assert.equal(
    closed.out,
    '{"available":false,"reason":"OUT_OF_HOURS","nextOpen":"2026-11-30T08:30:00+09:00"}',
  );
  const townhall = await availability('inkan', 'townhall', '2026-12-29T10:00:00+09:00');
  assert.deepEqual(JSON.parse(townhall.out), {
    available: false,
    reason: 'TERMINAL_CLOSED',
    nextOpen: '2027-01-04T08:30:00+09:00',
  });
  const utc = await availability('juminhyo', 'store', '2026-11-24T21:29:00Z'); // 06:29 in Japan
  assert.deepEqual(JSON.parse(utc.out).nextOpen, '2026-11-25T06:30:00+09:00');
});

test('availability honours --maintenance and --switchover-end', async () => {
  const m = await run(
    'rules',
    'availability',
    '--cert',
    'koseki',
    '--terminal',
    'store',
    '--at',
    '2026-11-25T10:00',
    '--maintenance',
    '2026-11-25T09:00/2026-11-25T11:30',
    '--json',
  );
  assert.deepEqual(JSON.parse(m.out), {
    available: false,
    reason: 'MAINTENANCE',
    nextOpen: '2026-11-25T11:30:00+09:00',
  });
  const s = await run(
    'rules',
    'availability',
    '--cert',
    'kazei',
    '--terminal',
    'store',
    '--at',
    '2026-06-10T10:00',
    '--switchover-end',
    '06-19',
    '--json',
  );
  assert.deepEqual(JSON.parse(s.out), {
    available: false,
    reason: 'TAX_SWITCHOVER',
    nextOpen: '2026-06-20T06:30:00+09:00',
  });
});

test('availability without --json explains in words; without --at it uses now', async () => {
  const r = await run(
    'rules',
    'availability',
    '--cert',
    'koseki',
    '--terminal',
    'store',
    '--at',
    '2026-11-28T10:00',
  );
  assert.equal(r.code, 1);
  assert.match(r.out, /OUT_OF_HOURS.*2026-11-30T08:30:00\+09:00/);
  assert.match(r.out, /11月30日（月）8時30分から利用できます/);
  const now = await run('rules', 'availability', '--cert', 'juminhyo', '--terminal', 'store', '--json');
  assert.ok(now.code === 0 || now.code === 1);
  assert.equal(typeof JSON.parse(now.out).available, 'boolean');
});

test('bad arguments: exit 2 and one line naming the argument', async () => {
  const cases: [string[], RegExp][] = [
    [
      ['rules', 'availability', '--cert', 'koseki', '--terminal', 'store', '--at', 'yesterday'],
      /^kofu: --at: not an ISO date-time: "yesterday"$/,
    ],
    [['rules', 'availability', '--cert', 'jokyo', '--terminal', 'store'], /^kofu: --cert: /],
    [['rules', 'availability', '--terminal', 'store'], /^kofu: --cert: required/],
    [['rules', 'availability', '--cert', 'koseki'], /^kofu: --terminal: required/],
    [['rules', 'availability', '--cert', 'koseki', '--terminal', 'kiosk'], /^kofu: --terminal: /],
    [
      [
        'rules',
        'availability',
        '--cert',
        'koseki',
        '--terminal',
        'store',
        '--maintenance',
        '2026-11-25T10:00',
      ],
      /^kofu: --maintenance: /,
    ],
    [
      ['rules', 'availability', '--cert', 'koseki', '--terminal', 'store', '--switchover-end', '07-40'],
      /^kofu: --switchover-end: /,
    ],
    [['rules', 'calendar', '--month', '2026-13'], /^kofu: --month: not YYYY-MM: "2026-13"$/],
    [['rules', 'calendar', '--month', '2026-11', '--terminal', 'home'], /^kofu: --terminal: /],
    [['rules', 'availability', '--bogus'], /unknown option '--bogus'/],
  ];
  for (const [argv, message] of cases) {
    const r = await run(...argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.equal(r.out, '', argv.join(' '));
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.match(r.err.trim(), message);
  }
});

test('calendar: a month view for staff with holidays, year end and the town hall', async () => {
  const sep = await run('rules', 'calendar', '--month', '2026-09');
  assert.equal(sep.code, 0);
  const line = (day: string) => sep.out.split('\n').find((l) => l.startsWith(day)) ?? '';
  assert.match(line('09/22'), /06:30–23:00 .* 閉 祝日 .*休日/);
  assert.match(line('09/24'), /06:30–23:00 .*08:30–17:15/);
  assert.match(line('09/26'), /閉 土曜/);
  const dec = await run('rules', 'calendar', '--month', '2026-12', '--terminal', 'townhall', '--json');
  const days = JSON.parse(dec.out).days as {
    date: string;
    groupA: { open: string[][]; closed?: string };
    groupB: { closed?: string };
  }[];
  assert.equal(days.length, 31);
  const d28 = days.find((d) => d.date === '2026-12-28')!;
  assert.deepEqual(d28.groupA.open, [['08:30', '17:15']]);
  assert.equal(d28.groupB.closed, 'YEAR_END');
  assert.equal(days.find((d) => d.date === '2026-12-29')!.groupA.closed, 'OFFICE_CLOSED');
});
