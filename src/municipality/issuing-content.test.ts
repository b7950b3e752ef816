import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  CertificateDocument,
  FuhyoDocument,
  InkanDocument,
  JuminhyoDocument,
  KosekiDocument,
  TaxDocument,
} from '../domain/documents.js';
import { addDays, japanInstant } from '../domain/japan-time.js';
import {
  canonicalJson,
  type KofuDatabase,
  recordStatusChange,
  sha256Hex,
  withTransaction,
} from '../registers/index.js';
import { sqliteTestDatabase } from '../registers/test-db.js';
import { DEMO_DAY } from './issuing-table.contract.js';
import { type DemoFixture, setupDemoFixture } from './test-fixture.js';

const at = japanInstant(addDays(DEMO_DAY, 1), 600);

describe('certificate content', () => {
  let kdb: KofuDatabase;
  let fx: DemoFixture;
  const issue = async (key: string, request: Record<string, unknown>): Promise<CertificateDocument> => {
    const port = await fx.portFor(key, request.cert as 'juminhyo');
    const r = await port.issue({ ...fx.call(key, at), request, orderId: 'o1' });
    assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
    return r.value[0]!;
  };
  const refusal = async (key: string, request: Record<string, unknown>): Promise<string> => {
    const port = await fx.portFor(key, request.cert as 'juminhyo');
    const r = await port.issue({ ...fx.call(key, at), request, orderId: 'o1' });
    return r.ok ? 'ok' : r.error.code;
  };

  before(async () => {
    kdb = await sqliteTestDatabase();
    fx = await setupDemoFixture(kdb, DEMO_DAY, {
      unsupportedCharacters: (texts) => [...new Set(texts.join('').match(/[\u{10000}-\u{10FFFF}]/gu) ?? [])],
    });
  });
  after(() => kdb?.close());

  it('住民票の写し, self, no options: name, kana, birth, sex, dates, address; no 続柄, no 本籍', async () => {
    const d = (await issue('taro', { cert: 'juminhyo' })) as JuminhyoDocument;
    assert.equal(d.type, 'juminhyo');
    assert.equal(d.scope, 'self');
    assert.equal(d.address, '兵庫県赤穂郡上郡町大持278番地');
    assert.equal(d.issuer.name, '赤穂郡上郡町');
    assert.equal(d.issuer.mayorTitle, '上郡町長');
    assert.match(d.serial, /^284815-2026-\d{8}-\d$/);
    assert.deepEqual(d.subjectIds, ['res-taro']);
    assert.equal(d.setainushi, undefined);
    const [p] = d.persons;
    assert.deepEqual(
      {
        name: p?.name,
        kana: p?.kana,
        birth: p?.birthDate,
        sex: p?.sex,
        rel: p?.relationship,
        honseki: p?.honseki,
      },
      {
        name: '上郡 太郎',
        kana: 'カミゴオリ タロウ',
        birth: '1975-05-14',
        sex: '男',
        rel: undefined,
        honseki: undefined,
      },
    );
    assert.equal(p?.becameResidentOn, '2002-06-01');
    assert.equal(p?.previousAddress, '兵庫県相生市旭1丁目5番10号');
  });

  it('住民票の写し, household with 世帯主・続柄 and 本籍・筆頭者', async () => {
    const d = (await issue('hanako', {
      cert: 'juminhyo',
      scope: 'household',
      householder: true,
      honseki: true,
    })) as JuminhyoDocument;
    assert.equal(d.setainushi, '上郡 太郎');
    assert.deepEqual(
      d.persons.map((p) => [p.name, p.relationship, p.honseki, p.hittosha]),
      [
        ['上郡 太郎', '世帯主', '兵庫県赤穂郡上郡町大持278番地', '上郡 太郎'],
        ['上郡 花子', '妻', '兵庫県赤穂郡上郡町大持278番地', '上郡 太郎'],
        ['上郡 さくら', '子', '兵庫県赤穂郡上郡町大持278番地', '上郡 さくら'],
        ['上郡 一郎', '子', '兵庫県赤穂郡上郡町大持278番地', '上郡 太郎'],
      ],
    );
  });

  it('chosen members only, and never anyone outside the household', async () => {
    const d = (await issue('taro', {
      cert: 'kisai',
      scope: 'members',
      members: ['res-hanako', 'res-ichiro'],
    })) as JuminhyoDocument;
    assert.equal(d.type, 'kisai');
    assert.deepEqual(d.subjectIds, ['res-hanako', 'res-ichiro']);
    assert.equal(
      await refusal('taro', { cert: 'juminhyo', scope: 'members', members: ['res-hanako', 'res-yoshida'] }),
      'NOT_IN_HOUSEHOLD',
    );
  });

  it('shows a 転居 made on demo day from the next day: new address, the day it was set', async () => {
    const d = (await issue('tenkyo', { cert: 'juminhyo' })) as JuminhyoDocument;
    assert.equal(d.address, '兵庫県赤穂郡上郡町大持15番地の2');
    assert.equal(d.persons[0]?.addressSince, addDays(DEMO_DAY, -2));
  });

  it('印鑑登録証明書: 登録番号, 氏名, 生年月日, 住所, 印影', async () => {
    const d = (await issue('taro', { cert: 'inkan' })) as InkanDocument;
    assert.match(d.registrationNumber, /^K\d{6}$/);
    assert.equal(d.seal.format, 'svg-path');
    assert.ok(d.seal.format === 'svg-path' && d.seal.paths.length >= 2);
    assert.equal(d.address, '兵庫県赤穂郡上郡町大持278番地');
  });

  it('所得証明書 and 所得課税証明書 of the latest fiscal year', async () => {
    const s = (await issue('taro', { cert: 'shotoku' })) as TaxDocument;
    assert.equal(s.fiscalYear, 2026);
    assert.equal(s.incomeYear, 2025);
    assert.deepEqual(s.income, [
      { label: '給与収入', yen: 6_200_000 },
      { label: '給与所得', yen: 4_520_000 },
    ]);
    assert.equal(s.totalIncomeYen, 4_520_000);
    assert.equal(
      s.totalDeductionsYen,
      s.deductions.reduce((a, x) => a + x.yen, 0),
    );
    assert.equal(s.tax, undefined);
    const k = (await issue('taro', { cert: 'kazei' })) as TaxDocument;
    assert.ok(k.tax);
    assert.equal(k.tax.municipalPerCapitaYen, 3000);
    assert.equal(
      k.tax.totalYen,
      k.tax.municipalIncomeLevyYen +
        k.tax.municipalPerCapitaYen +
        k.tax.prefecturalIncomeLevyYen +
        k.tax.prefecturalPerCapitaYen,
    );
  });

  it('戸籍全部事項証明書 lists 除籍 members marked; 個人事項 only the chosen', async () => {
    const all = (await issue('taro', { cert: 'koseki' })) as KosekiDocument;
    assert.equal(all.honseki, '兵庫県赤穂郡上郡町大持278番地');
    assert.equal(all.hittosha, '上郡 太郎');
    assert.deepEqual(
      all.persons.map((p) => [p.name, p.relationship ?? '', p.removed]),
      [
        ['上郡 太郎', '', false],
        ['上郡 花子', '妻', false],
        ['上郡 一郎', '長男', false],
        ['上郡 さくら', '長女', true],
      ],
    );
    assert.ok(all.persons[0]!.events.some((e) => e.label === '婚姻'));
    assert.ok(all.persons[0]!.events.some((e) => e.label === '出生'));
    const one = (await issue('taro', {
      cert: 'koseki',
      kind: 'individual',
      members: ['km-hanako'],
    })) as KosekiDocument;
    assert.deepEqual(one.subjectIds, ['km-hanako']);
    assert.equal(
      await refusal('taro', { cert: 'koseki', kind: 'individual', members: ['km-sakura-old'] }),
      'NOT_IN_KOSEKI',
    );
    assert.equal(
      await refusal('taro', { cert: 'koseki', kind: 'individual', members: ['km-jiro'] }),
      'NOT_IN_KOSEKI',
    );
  });

  it('戸籍の附票の写し: address history of each member', async () => {
    const d = (await issue('taro', { cert: 'fuhyo' })) as FuhyoDocument;
    assert.deepEqual(d.persons.find((p) => p.memberId === 'km-taro')?.addresses, [
      { address: '兵庫県相生市旭1丁目5番10号', since: '1975-05-14' },
      { address: '兵庫県赤穂郡上郡町大持278番地', since: '2002-06-01' },
    ]);
  });

  it('本籍地 service: jiro gets 戸籍 from 上郡町 and 住民票 from 相生市', async () => {
    const k = await issue('jiro', { cert: 'koseki' });
    assert.equal(k.issuer.code, '284815');
    const j = await issue('jiro', { cert: 'juminhyo' });
    assert.equal(j.issuer.code, '282081');
    assert.equal(j.issuer.mayorTitle, '相生市長');
  });

  it('refuses 𠮷 before payment when no font can print it', async () => {
    const r = await fx.ports
      .get('284815')!
      .check({ ...fx.call('yoshida', at), request: { cert: 'juminhyo' } });
    assert.equal(!r.ok && r.error.code, 'CHARACTER_NOT_SUPPORTED');
    assert.deepEqual(!r.ok && r.error.characters, ['𠮷']);
  });

  it('records each copy with the digest of its canonical JSON, and never prints 住民票コード or 個人番号', async () => {
    const docs: CertificateDocument[] = [];
    for (const [key, req] of [
      ['taro', { cert: 'juminhyo', scope: 'household', householder: true, honseki: true }],
      ['taro', { cert: 'kisai', scope: 'household' }],
      ['taro', { cert: 'inkan' }],
      ['taro', { cert: 'kazei' }],
      ['taro', { cert: 'shotoku' }],
      ['taro', { cert: 'koseki' }],
      ['taro', { cert: 'fuhyo' }],
      ['jiro', { cert: 'juminhyo', scope: 'household', householder: true, honseki: true }],
    ] as const)
      docs.push(await issue(key, req));
    const codes = await kdb.db.selectFrom('residents').select(['juminhyo_code', 'kojin_bango']).execute();
    for (const d of docs) {
      const json = canonicalJson(d);
      for (const c of codes) {
        assert.ok(!json.includes(c.juminhyo_code), `住民票コード in ${d.type}`);
        assert.ok(!json.includes(c.kojin_bango), `個人番号 in ${d.type}`);
      }
      const rec = await kdb.db
        .selectFrom('issuance_records')
        .selectAll()
        .where('number', '=', d.serial)
        .executeTakeFirstOrThrow();
      assert.equal(rec.digest, sha256Hex(json));
      assert.deepEqual(JSON.parse(rec.subject_ids), d.subjectIds);
    }
  });

  it('makes an amended declaration issuable from the first day of the next month', async () => {
    await kdb.db
      .updateTable('tax_records')
      .set({ amended_on: DEMO_DAY })
      .where('resident_id', '=', 'res-hanako')
      .execute();
    const port = fx.ports.get('284815')!;
    const r = await port.check({ ...fx.call('hanako', at), request: { cert: 'kazei' } });
    assert.equal(!r.ok && r.error.code, 'TAX_NOT_YET_AVAILABLE');
    assert.equal(!r.ok && r.error.availableFrom, '2026-12-01');
    const december = await port.check({
      ...fx.call('hanako', japanInstant('2026-12-01', 600)),
      request: { cert: 'kazei' },
    });
    assert.ok(december.ok);
  });

  it('never prints a person removed from the 住民票 (転出 done)', async () => {
    await withTransaction(kdb, (trx) =>
      recordStatusChange(trx, 'res-ichiro', {
        status: 'moved_out',
        occurredOn: DEMO_DAY,
        processedOn: DEMO_DAY,
      }),
    );
    const d = (await issue('taro', { cert: 'juminhyo', scope: 'household' })) as JuminhyoDocument;
    assert.deepEqual(d.subjectIds, ['res-taro', 'res-hanako', 'res-sakura']);
    assert.equal(
      await refusal('taro', { cert: 'juminhyo', scope: 'members', members: ['res-ichiro'] }),
      'NOT_IN_HOUSEHOLD',
    );
  });
});
