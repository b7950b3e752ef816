import { latestFiscalYear } from '../../domain/calendar-days.js';
import type { DatedEvent, SealImage } from '../../domain/documents.js';
import { addDays, type PlainDate } from '../../domain/japan-time.js';
import {
  type BulkWriter,
  juminhyoCodeCheckDigit,
  type KofuDatabase,
  kojinBangoCheckDigit,
  linkRenewedCard,
  withBulkLoad,
  withTransaction,
} from '../../registers/index.js';
import { AIOI, HIMEJI, HOUSEHOLDS, INCOME, INKAN, KAMIGORI, KOSEKI, PEOPLE, SAYO } from './demo-people.js';
import { seedOf } from './prng.js';
import { generateResidents } from './synthetic.js';
import { computeTax } from './tax.js';

/** Resident ID and 戸籍 member ID of a demo person. */
export const demoResidentId = (key: string): string => `res-${key}`;
export const demoMemberId = (key: string): string => `km-${key}`;

const MUNICIPALITIES = [
  {
    code: KAMIGORI,
    prefecture: '兵庫県',
    name: '上郡町',
    print_name: '赤穂郡上郡町',
    participating: 1 as const,
    mayor_title: '上郡町長',
    mayor_name: '河野 誠一',
  },
  {
    code: AIOI,
    prefecture: '兵庫県',
    name: '相生市',
    print_name: '相生市',
    participating: 1 as const,
    mayor_title: '相生市長',
    mayor_name: '谷口 正和',
  },
  {
    code: SAYO,
    prefecture: '兵庫県',
    name: '佐用町',
    print_name: '佐用郡佐用町',
    participating: 0 as const,
    mayor_title: '佐用町長',
    mayor_name: '吉井 一夫',
  },
  {
    code: HIMEJI,
    prefecture: '兵庫県',
    name: '姫路市',
    print_name: '姫路市',
    participating: 0 as const,
    mayor_title: '姫路市長',
    mayor_name: '石見 康之',
  },
];

export interface DemoRegisterOptions {
  today: PlainDate;
  sealImage: (surname: string) => SealImage;
  /** Synthetic neighbours per demo town, so that lists look real. */
  extras?: { [code: string]: number };
}

const TENKYO_ADDRESS = '兵庫県赤穂郡上郡町大持15番地の2';

/** The later of two ISO dates. */
const later = (a: string, b: string): string => (a > b ? a : b);

const birthEvent = (birth: string, place: string, by: string): DatedEvent => ({
  date: birth,
  label: '出生',
  detail: `【出生地】${place} 【届出日】${addDays(birth, 7)} 【届出人】${by}`,
});

const writeFixed = (w: BulkWriter, o: DemoRegisterOptions) => {
  const { today } = o;
  for (const m of MUNICIPALITIES) w.add('municipalities', { ...m, tax_switchover_end: '06-30' });
  for (const h of HOUSEHOLDS) {
    const head = PEOPLE.find((p) => p.household === h.key && p.relationship === '世帯主');
    w.add('households', {
      id: `hh-${h.key}`,
      municipality_code: h.municipality,
      // tenkyo's household moved within the town (転居) two days before demo day.
      address: h.key === 'inoue' ? TENKYO_ADDRESS : h.address,
      setainushi_id: head ? demoResidentId(head.key) : null,
    });
  }
  const fy = latestFiscalYear(today);
  PEOPLE.forEach((p, i) => {
    const h = HOUSEHOLDS.find((x) => x.key === p.household)!;
    const id = demoResidentId(p.key);
    const born = p.birth > h.since;
    const since = born ? p.birth : h.since;
    const jc = `1${String(1000 + i).padStart(9, '0')}`;
    const kb = `1${String(5000 + i).padStart(10, '0')}`;
    const tenkyo = p.key === 'tenkyo';
    const address = tenkyo ? TENKYO_ADDRESS : h.address;
    w.add('residents', {
      id,
      municipality_code: p.municipality,
      household_id: `hh-${p.household}`,
      name: p.name,
      kana: p.kana,
      birth_date: p.birth,
      sex: p.sex,
      relationship: p.relationship,
      address,
      juminhyo_code: `${jc}${juminhyoCodeCheckDigit(jc)}`,
      kojin_bango: `${kb}${kojinBangoCheckDigit(kb)}`,
      honseki: p.honseki,
      hittosha: p.hittosha,
      honseki_code: p.honsekiCode,
      status: p.key === 'tenshutsu' ? 'moving_out' : p.key === 'shibou' ? 'deceased' : 'active',
      became_resident_on: since,
      address_since: tenkyo ? addDays(today, -2) : since,
      previous_address: born ? null : (h.previousAddress ?? null),
      notified_on: born || !h.previousAddress ? null : since,
      address_changed_on: tenkyo ? today : born || !h.previousAddress ? null : since,
    });
    w.add('resident_events', {
      id: `${id}-e1`,
      resident_id: id,
      kind: born ? '出生' : h.previousAddress ? '転入' : '住民となった',
      occurred_on: since,
      processed_on: since,
      detail: born || !h.previousAddress ? null : `${h.previousAddress}から転入`,
    });
    if (tenkyo)
      w.add('resident_events', {
        id: `${id}-e2`,
        resident_id: id,
        kind: '転居',
        occurred_on: addDays(today, -2),
        processed_on: today,
        detail: `${h.address}から転居`,
      });
    if (p.key === 'tenshutsu')
      w.add('resident_events', {
        id: `${id}-e2`,
        resident_id: id,
        kind: '転出予定',
        occurred_on: addDays(today, 7),
        processed_on: addDays(today, -3),
        detail: '大阪府大阪市北区中之島1丁目3番20号へ転出予定',
      });
    if (p.key === 'shibou')
      w.add('resident_events', {
        id: `${id}-e2`,
        resident_id: id,
        kind: '死亡',
        occurred_on: addDays(today, -12),
        processed_on: addDays(today, -10),
        detail: null,
      });
    if (p.key === 'shizuka')
      w.add('issuance_restrictions', {
        id: 'restr-shizuka',
        target: 'juminhyo',
        subject_id: id,
        starts_on: addDays(today, -200),
        ends_on: addDays(today, 165),
      });
    if (INKAN.includes(p.key)) {
      const surname = p.name.split(' ')[0]!;
      w.add('inkan_registrations', {
        id: `ink-${p.key}`,
        resident_id: id,
        registration_number: `${p.municipality === KAMIGORI ? 'K' : 'A'}${String(20000 + i * 37).padStart(6, '0')}`,
        seal_image: JSON.stringify(o.sealImage(surname)),
        registered_on: addDays(since, 30) < today ? addDays(since, 30) : since,
        abolished_on: p.key === 'shibou' ? addDays(today, -10) : null,
      });
    }
    const income = INCOME[p.key];
    if (income) {
      const age = Number(String(fy - 1).slice(0, 4)) - Number(p.birth.slice(0, 4));
      const household = PEOPLE.filter((x) => x.household === p.household);
      const spouse =
        p.relationship === '世帯主' &&
        household.some((x) => x.relationship === '妻' && (INCOME[x.key]?.salary ?? 0) < 1_030_001);
      const dependents = p.relationship === '世帯主' ? household.filter((x) => x.key === 'ichiro').length : 0;
      const t = computeTax({ ...income, age, spouse, dependents });
      w.add('tax_records', {
        id: `tax-${p.key}-${fy}`,
        resident_id: id,
        municipality_code: p.municipality,
        fiscal_year: fy,
        address: h.address,
        income: JSON.stringify(t.income),
        deductions: JSON.stringify(t.deductions),
        taxable_income: t.taxableIncome,
        dependents_spouse: spouse ? 1 : 0,
        dependents_count: dependents,
        municipal_income_levy: t.municipalIncomeLevy,
        municipal_per_capita: t.municipalPerCapita,
        prefectural_income_levy: t.prefecturalIncomeLevy,
        prefectural_per_capita: t.prefecturalPerCapita,
        declared_on: `${fy}-03-${String(3 + (i % 10)).padStart(2, '0')}`,
        amended_on: null,
      });
    }
  });
  for (const k of KOSEKI) {
    const members = PEOPLE.filter((p) => p.koseki === k.key || (k.key === 'kamigori' && p.key === 'sakura'));
    const events: DatedEvent[] =
      k.key === 'kamigori-sakura'
        ? [
            {
              date: k.created,
              label: '戸籍編製',
              detail: `【編製事由】分籍 【従前本籍】${k.honseki} 筆頭者 上郡 太郎`,
            },
          ]
        : [{ date: k.created, label: '戸籍編製', detail: '【編製事由】婚姻' }];
    w.add('koseki', {
      id: `kos-${k.key}`,
      municipality_code: KAMIGORI,
      honseki: k.honseki,
      hittosha: k.hittosha,
      notification_pending: k.key === 'kamigori-sakura' ? 1 : 0,
      events: JSON.stringify(events),
    });
    let pos = 0;
    for (const o2 of k.others ?? []) {
      const mid = `km-${k.key}-${pos}`;
      w.add('koseki_members', {
        id: mid,
        koseki_id: `kos-${k.key}`,
        position: pos++,
        resident_id: null,
        name: o2.name,
        kana: o2.kana,
        relationship: o2.relationship ?? null,
        birth_date: o2.birth,
        sex: o2.sex,
        father: null,
        mother: null,
        events: JSON.stringify([
          birthEvent(o2.birth, '兵庫県赤穂郡上郡町', '父'),
          { date: k.created, label: '婚姻', detail: '【婚姻日】 【配偶者氏名】' },
        ]),
        removed: 0,
        removed_on: null,
      });
      w.add('fuhyo_addresses', {
        id: `${mid}-a0`,
        koseki_member_id: mid,
        position: 0,
        address: `${k.honseki}`,
        since: k.created,
      });
    }
    for (const p of members) {
      const movedOutBySplit = k.key === 'kamigori' && p.key === 'sakura';
      const mid = movedOutBySplit ? `km-sakura-old` : demoMemberId(p.key);
      const evs: DatedEvent[] = [
        birthEvent(
          p.birth,
          p.key === 'yoshida' ? '兵庫県赤穂郡上郡町' : '兵庫県相生市',
          p.sex === '男' && p.relationship === '世帯主' ? '父' : '母',
        ),
      ];
      if (p.key === 'taro' || p.key === 'hanako')
        evs.push({
          date: '2002-06-01',
          label: '婚姻',
          detail:
            p.key === 'taro'
              ? '【配偶者氏名】上郡 花子 【従前戸籍】兵庫県赤穂郡上郡町大持278番地 上郡 一 '
              : '【配偶者氏名】上郡 太郎 【従前戸籍】兵庫県相生市那波本町1番 播磨 恒夫',
        });
      if (p.key === 'sakura')
        evs.push({
          date: '2024-04-01',
          label: '分籍',
          detail: movedOutBySplit
            ? '【届出日】令和6年4月1日 【新本籍】兵庫県赤穂郡上郡町大持278番地'
            : '【従前戸籍】兵庫県赤穂郡上郡町大持278番地 上郡 太郎',
        });
      if (p.key === 'shibou')
        evs.push({
          date: addDays(today, -12),
          label: '死亡',
          detail: '【死亡地】兵庫県赤穂郡上郡町 【届出人】親族 高田 和江',
        });
      const relationship = p.key === 'sakura' && movedOutBySplit ? '長女' : (p.kosekiRelationship ?? null);
      const father =
        p.key === 'ichiro' || p.key === 'sakura' ? '上郡 太郎' : p.key === 'shizuka' ? '赤松 正雄' : null;
      const mother = p.key === 'ichiro' || p.key === 'sakura' ? '花子' : p.key === 'shizuka' ? '和子' : null;
      w.add('koseki_members', {
        id: mid,
        koseki_id: `kos-${k.key}`,
        position: pos++,
        resident_id: movedOutBySplit ? null : demoResidentId(p.key),
        name: p.name,
        kana: p.kana,
        relationship: movedOutBySplit || p.key !== 'sakura' ? relationship : null,
        birth_date: p.birth,
        sex: p.sex,
        father,
        mother,
        events: JSON.stringify(evs),
        removed: movedOutBySplit || p.key === 'shibou' ? 1 : 0,
        removed_on: movedOutBySplit ? '2024-04-01' : p.key === 'shibou' ? addDays(today, -10) : null,
      });
      const h = HOUSEHOLDS.find((x) => x.key === p.household)!;
      let ap = 0;
      if (h.previousAddress && p.birth < h.since)
        w.add('fuhyo_addresses', {
          id: `${mid}-a${ap}`,
          koseki_member_id: mid,
          position: ap++,
          address: h.previousAddress,
          since: p.birth,
        });
      w.add('fuhyo_addresses', {
        id: `${mid}-a${ap}`,
        koseki_member_id: mid,
        position: ap++,
        address: h.address,
        since: later(p.birth, h.since),
      });
      if (p.key === 'tenkyo')
        w.add('fuhyo_addresses', {
          id: `${mid}-a${ap}`,
          koseki_member_id: mid,
          position: ap++,
          address: TENKYO_ADDRESS,
          since: addDays(today, -2),
        });
    }
  }
};

/** Writes the fixed demo registers (municipalities, the §10a people) and their neighbours. */
export const seedDemoRegisters = async (kdb: KofuDatabase, o: DemoRegisterOptions): Promise<void> => {
  await withBulkLoad(kdb, async (w) => {
    writeFixed(w, o);
    await w.flush();
    const sealJson = new Map<string, string>();
    const seal = (s: string) => {
      let j = sealJson.get(s);
      if (!j) {
        j = JSON.stringify(o.sealImage(s));
        sealJson.set(s, j);
      }
      return j;
    };
    let start = 0;
    for (const [code, n] of Object.entries(o.extras ?? { [KAMIGORI]: 240, [AIOI]: 120 })) {
      await generateResidents(w, {
        municipalityCode: code,
        today: o.today,
        residents: n,
        seed: seedOf(`demo:${code}:${o.today}`),
        idPrefix: 'd',
        codeDigit: 2,
        codeStart: start,
        sealImage: seal,
      });
      start += n;
    }
  });
};

/** A card as the PKI issued it, for linking to the registers. */
export interface IssuedDemoCard {
  name: string;
  serial: string;
  previousSerial?: string;
  issuedOn: PlainDate;
  previousIssuedOn?: PlainDate;
}

/** Links the cards to their holders and records the 本籍地 registrations of §10a. */
export const linkDemoCards = async (
  kdb: KofuDatabase,
  today: PlainDate,
  cards: IssuedDemoCard[],
): Promise<void> => {
  await withTransaction(kdb, async (trx) => {
    for (const c of cards) {
      const p = PEOPLE.find((x) => x.key === c.name);
      if (!p) continue;
      const first = c.previousSerial ?? c.serial;
      await trx
        .insertInto('card_links')
        .values({
          serial: first,
          resident_id: demoResidentId(p.key),
          municipality_code: p.municipality,
          issued_on: c.previousSerial ? (c.previousIssuedOn ?? addDays(c.issuedOn, -5 * 365)) : c.issuedOn,
          previous_serial: null,
          replaced_by: null,
        })
        .execute();
      if (c.previousSerial) await linkRenewedCard(trx, c.previousSerial, c.serial, c.issuedOn);
      const reg = (serial: string, state: 'approved' | 'pending', applied: number) =>
        trx
          .insertInto('honseki_registrations')
          .values({
            id: `reg-${p.key}-${serial.slice(-8)}`,
            serial,
            municipality_code: KAMIGORI,
            koseki_member_id: state === 'approved' ? demoMemberId(p.key) : null,
            state,
            applied_on: addDays(today, -applied),
            decided_on: state === 'approved' ? addDays(today, -applied + 6) : null,
            stated_honseki: p.honseki,
            stated_hittosha: p.hittosha,
            reason: null,
          })
          .execute();
      if (p.key === 'jiro') await reg(c.serial, 'approved', 120);
      if (p.key === 'kenta') await reg(c.serial, 'pending', 3);
      if (p.key === 'koushin' && c.previousSerial) await reg(c.previousSerial, 'approved', 700);
    }
  });
};

export { seedOf };
