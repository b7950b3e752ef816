import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { type IssueOptions, runIssue } from '../src/cli/commands/issue.js';
import { main } from '../src/cli/main.js';
import { CATALOGUE, CERTIFICATE_CODES, type CertificateCode } from '../src/domain/catalogue.js';
import { PEOPLE } from '../src/municipality/demo/demo-people.js';
import { demoInstallation, movableClock, pdfText, startCenter, tempDir } from './kiosk-support.js';

// `kofu issue` (SPEC §12) against the SPEC §10a outcomes: every demo person × certificate on
// the demo day, the day after, a Sunday and at night, from a store kiosk and the town hall's.

const DEMO_DAY = '2026-11-25T09:00'; // a Wednesday
const WHEN = {
  demoDay: '2026-11-25T10:00',
  dayAfter: '2026-11-26T10:00',
  sunday: '2026-11-29T10:00',
  night: '2026-11-26T23:30',
} as const;
type When = keyof typeof WHEN;

/** The SPEC §10a outcome, derived from the people's situations (not from the implementation). */
const expected = (
  card: string,
  cert: CertificateCode,
  when: When,
  terminal: 'store' | 'townhall',
): string => {
  const card_ = { locked: 'PIN_LOCKED', kigengire: 'CARD_EXPIRED', shibou: 'CARD_REVOKED' }[card];
  if (card_) return card_;
  const group = CATALOGUE[cert].group;
  // Hours first (docs/rules.md): even a 本籍 outside the service is told the hours on a Sunday.
  if (terminal === 'townhall' && (when === 'sunday' || when === 'night')) return 'TERMINAL_CLOSED';
  if (when === 'night' || (group === 'B' && when === 'sunday')) return 'OUT_OF_HOURS';
  if (card === 'shinki' && when === 'demoDay') return 'CARD_ISSUED_TODAY';
  if (group === 'B') {
    const routing = {
      yoso: 'HONSEKI_NOT_PARTICIPATING',
      misaki: 'REGISTRATION_REQUIRED',
      kenta: 'REGISTRATION_PENDING',
      koushin: 'REGISTRATION_INVALIDATED',
    }[card];
    if (routing) return routing;
  }
  if (card === 'tenshutsu' && group === 'A') return 'MOVED_OUT';
  if (card === 'tenkyo' && when === 'demoDay') return 'ADDRESS_CHANGED_TODAY';
  if (card === 'shizuka' && (cert === 'juminhyo' || cert === 'kisai')) return 'ISSUANCE_RESTRICTED';
  if (card === 'hanako' && cert === 'inkan') return 'SEAL_NOT_REGISTERED';
  if (card === 'ichiro' && (cert === 'shotoku' || cert === 'kazei')) return 'TAX_NOT_DECLARED';
  if (card === 'sakura' && group === 'B') return 'KOSEKI_PENDING';
  return 'ok';
};

let dir: string;

before(async () => {
  dir = await demoInstallation(DEMO_DAY);
});

const issue = (o: Partial<IssueOptions> & { card: string; cert: string }) =>
  runIssue({
    data: dir,
    terminal: 'store',
    pin: PEOPLE.find((p) => p.key === o.card)?.pin ?? '0000',
    out: tempDir('issue-out'),
    json: true,
    ...o,
  });

/** KOFU_FULL_MATRIX=1: every certificate at every time (476 transactions); else all of them on one weekday. */
const FULL = process.env.KOFU_FULL_MATRIX === '1';
const certsAt = (when: When): readonly CertificateCode[] =>
  FULL || when === 'dayAfter' ? CERTIFICATE_CODES : (['juminhyo', 'inkan', 'koseki'] as const);

const table = async (
  center: { url: string },
  when: When,
  terminal: 'store' | 'townhall',
  cards: string[],
) => {
  const wrong: string[] = [];
  let printed = 0;
  const row = async (card: string) => {
    for (const cert of certsAt(when)) {
      const want = expected(card, cert, when, terminal);
      const { exit, json } = await issue({ card, cert, now: WHEN[when], terminal, center: center.url });
      const got = json.ok ? 'ok' : json.error.code;
      if (got !== want)
        wrong.push(`${card} ${cert}: ${got} (expected ${want}) ${json.ok ? '' : (json.error.detail ?? '')}`);
      assert.equal(exit, json.ok ? 0 : 1);
      if (json.ok) {
        printed++;
        const person = PEOPLE.find((p) => p.key === card)!;
        const text = pdfText(json.certificates[0]!.file);
        // A 戸籍 lists its members by 名 under the 筆頭者's 氏.
        const name = cert === 'koseki' ? person.name.split(' ')[1]! : person.name;
        if (!text.includes(name)) wrong.push(`${card} ${cert}: the certificate does not name ${name}`);
        assert.equal(json.receipt.fee, CATALOGUE[cert].fee);
      }
    }
  };
  // A few kiosks at once (one card each): the table takes seconds, not minutes.
  const queue = [...cards];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let card = queue.shift(); card; card = queue.shift()) await row(card);
    }),
  );
  assert.deepEqual(wrong.sort(), [], `${when}/${terminal}`);
  return printed;
};

const everyone = PEOPLE.map((p) => p.key);
for (const when of Object.keys(WHEN) as When[]) {
  test(`every demo person × certificate, ${when} (${WHEN[when]}): store kiosk, and the town hall's`, async () => {
    // The center of `kofu issue --now`: its clock starts at that instant.
    const center = await startCenter(dir, movableClock(WHEN[when]));
    try {
      const printed = await table(center, when, 'store', everyone);
      if (when !== 'night') assert.ok(printed > 0);
      await table(center, when, 'townhall', ['taro', 'jiro']);
    } finally {
      await center.close();
    }
  });
}

const capture = async (args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const exit = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { exit, out, err };
};

test("hours come first (docs/rules.md): yoso's 戸籍 on a Sunday is OUT_OF_HOURS with nextOpen, on Monday HONSEKI_NOT_PARTICIPATING", async () => {
  const center = await startCenter(dir, movableClock(WHEN.sunday));
  try {
    const sunday = await issue({ card: 'yoso', cert: 'koseki', now: WHEN.sunday, center: center.url });
    assert.equal(sunday.exit, 1);
    assert.equal(sunday.json.error?.code, 'OUT_OF_HOURS');
    assert.equal(sunday.json.error?.nextOpen, '2026-11-30T08:30:00+09:00');
  } finally {
    await center.close();
  }
  const monday = await startCenter(dir, movableClock('2026-11-30T10:00'));
  try {
    const r = await issue({ card: 'yoso', cert: 'fuhyo', now: '2026-11-30T10:00', center: monday.url });
    assert.equal(r.json.error?.code, 'HONSEKI_NOT_PARTICIPATING');
  } finally {
    await monday.close();
  }
});

test('members, cash and change through kofu issue (SPEC §12 JSON)', async () => {
  const center = await startCenter(dir, movableClock(WHEN.dayAfter));
  try {
    const at = { now: WHEN.dayAfter, center: center.url, card: 'taro' };
    const some = await issue({ ...at, cert: 'juminhyo', scope: 'members:taro,hanako', cash: '1000' });
    assert.ok(some.json.ok, JSON.stringify(some.json));
    if (!some.json.ok) return;
    assert.deepEqual(some.json.receipt, { file: some.json.receipt.file, fee: 200, paid: 1000, change: 800 });
    assert.ok(existsSync(some.json.receipt.file));
    const text = pdfText(some.json.certificates[0]!.file);
    assert.ok(text.includes('上郡 太郎') && text.includes('上郡 花子'));
    assert.ok(!text.includes('上郡 一郎'), 'only the chosen members');

    const stranger = await issue({ ...at, cert: 'juminhyo', scope: 'members:taro,shizuka' });
    assert.equal(stranger.json.ok ? 'ok' : stranger.json.error.code, 'NOT_IN_HOUSEHOLD');

    const shohon = await issue({ ...at, cert: 'koseki', kind: 'individual', members: 'ichiro', copies: '2' });
    assert.ok(shohon.json.ok, JSON.stringify(shohon.json));
    if (!shohon.json.ok) return;
    assert.equal(shohon.json.certificates.length, 2);
    assert.deepEqual(
      shohon.json.certificates.map((c) => [c.type, c.copies]),
      [
        ['koseki', 2],
        ['koseki', 2],
      ],
    );
    assert.equal(shohon.json.receipt.fee, 700);
    assert.ok(pdfText(shohon.json.certificates[0]!.file).includes('一郎'));

    const unknown = await issue({ ...at, card: 'nobody', cert: 'juminhyo' });
    assert.equal(unknown.json.ok ? 'ok' : unknown.json.error.code, 'CARD_UNKNOWN');
    assert.equal(unknown.exit, 1);
  } finally {
    await center.close();
  }
});

test('bad usage: exit 2 with one line on stderr and nothing on stdout', async () => {
  const base = ['issue', '--data', dir, '--now', WHEN.dayAfter, '--terminal', 'store', '--out', tempDir('x')];
  const cases = [
    [...base, '--card', 'taro', '--pin', '1234'],
    [...base, '--card', 'taro', '--pin', '1234', '--cert', 'jumin'],
    [...base, '--card', 'taro', '--pin', '12', '--cert', 'juminhyo'],
    [...base, '--card', 'taro', '--pin', '1234', '--cert', 'juminhyo', '--cash', '15'],
    [...base, '--card', 'taro', '--pin', '1234', '--cert', 'juminhyo', '--scope', 'members:nobody'],
    [...base, '--card', 'taro', '--pin', '1234', '--cert', 'inkan', '--scope', 'household'],
    [...base, '--card', 'taro', '--pin', '1234', '--cert', 'juminhyo', '--copies', '11'],
    [...base, '--card', '../x', '--pin', '1234', '--cert', 'juminhyo'],
    [
      'issue',
      '--data',
      tempDir('empty'),
      '--now',
      WHEN.dayAfter,
      '--terminal',
      'store',
      '--out',
      tempDir('x'),
    ].concat(['--card', 'taro', '--pin', '1234', '--cert', 'juminhyo']),
    [
      ...base.map((a) => (a === 'store' ? 'kiosk' : a)),
      '--card',
      'taro',
      '--pin',
      '1234',
      '--cert',
      'juminhyo',
    ],
  ];
  for (const args of cases) {
    const r = await capture([...args, '--json']);
    assert.equal(r.exit, 2, args.join(' '));
    assert.deepEqual(r.out, [], args.join(' '));
    assert.equal(r.err.length, 1, args.join(' '));
    assert.ok(!r.err[0]!.trim().includes('\n'), r.err[0]);
  }
});

test('PIN attempts persist in DIR across invocations: wrong, wrong, wrong → locked, then refused', async () => {
  const out = tempDir('lock-out');
  const args = (pin: string) =>
    [
      'issue',
      '--data',
      dir,
      '--now',
      WHEN.dayAfter,
      '--terminal',
      'store',
      '--card',
      'yoshida',
      '--pin',
      pin,
    ].concat(['--cert', 'juminhyo', '--out', out, '--json']);
  // The first in its own in-process center (the command's default), as a user would run it.
  const first = await capture(args('0000'));
  assert.equal(first.exit, 1);
  assert.deepEqual(JSON.parse(first.out[0]!).error.code, 'PIN_INCORRECT');
  assert.equal(JSON.parse(first.out[0]!).error.remainingTries, 2);
  assert.equal(first.out.length, 1, 'exactly one JSON object on stdout');
  const center = await startCenter(dir, movableClock(WHEN.dayAfter));
  try {
    const run = async (pin: string) =>
      JSON.parse((await capture([...args(pin), '--center', center.url])).out[0]!);
    const second = await run('1111');
    assert.deepEqual([second.error.code, second.error.remainingTries], ['PIN_INCORRECT', 1]);
    assert.equal((await run('2222')).error.code, 'PIN_LOCKED');
    const right = await run('3434');
    assert.equal(right.error.code, 'PIN_LOCKED', 'the right PIN does not open a locked card');
    assert.match(right.error.message, /住民課/);
  } finally {
    await center.close();
  }
  assert.deepEqual(readdirSync(out), [], 'nothing printed');
  assert.ok(!existsSync(join(out, 'x')));
});

test('a freshly started center takes concurrent first logins (no SERVICE_UNAVAILABLE)', async () => {
  const center = await startCenter(dir, movableClock(WHEN.dayAfter));
  try {
    const results = await Promise.all(
      ['taro', 'hanako', 'ichiro', 'sakura'].map((card) =>
        issue({ card, cert: 'juminhyo', now: WHEN.dayAfter, center: center.url }),
      ),
    );
    assert.deepEqual(
      results.map((r) => (r.json.ok ? 'ok' : r.json.error.code)),
      ['ok', 'ok', 'ok', 'ok'],
    );
  } finally {
    await center.close();
  }
});
