import { latestFiscalYear } from '../../domain/calendar-days.js';
import type { SealImage } from '../../domain/documents.js';
import { addDays, type PlainDate } from '../../domain/japan-time.js';
import {
  type BulkWriter,
  juminhyoCodeCheckDigit,
  type KofuDatabase,
  kojinBangoCheckDigit,
  withBulkLoad,
} from '../../registers/index.js';
import { HOUSEHOLDS } from './demo-households.js';
import { writeDemoKoseki } from './demo-koseki.js';
import {
  AIOI,
  demoResidentId,
  HIMEJI,
  INCOME,
  INKAN,
  KAMIGORI,
  PEOPLE,
  SAYO,
  TENKYO_ADDRESS,
} from './demo-people.js';
import { seedOf } from './prng.js';
import { generateResidents } from './synthetic.js';
import { computeTax, taxRecordRow } from './tax.js';

export { demoMemberId, demoResidentId } from './demo-people.js';

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
      w.add(
        'tax_records',
        taxRecordRow(t, {
          id: `tax-${p.key}-${fy}`,
          residentId: id,
          municipalityCode: p.municipality,
          fiscalYear: fy,
          address: h.address,
          spouse,
          dependents,
          declaredOn: `${fy}-03-${String(3 + (i % 10)).padStart(2, '0')}`,
        }),
      );
    }
  });
  writeDemoKoseki(w, today);
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

export { seedOf };
