import { latestFiscalYear } from '../../domain/calendar-days.js';
import type { DatedEvent } from '../../domain/documents.js';
import type { PlainDate } from '../../domain/japan-time.js';
import { type BulkWriter, juminhyoCodeCheckDigit, kojinBangoCheckDigit } from '../../registers/index.js';
import { AREAS, givenNames, SURNAME_TABLE } from './names.js';
import { Prng, Weighted } from './prng.js';
import { computeTax, taxRecordRow } from './tax.js';

// Synthetic residents: households of 1–6 with a rural age pyramid, each with 住民票 rows,
// a 戸籍 (or a 本籍 elsewhere), 附票 history, 印鑑 and tax records. Deterministic per seed.

export interface SyntheticOptions {
  municipalityCode: string;
  /** Demo day: ages, dates and the tax year are relative to it. */
  today: PlainDate;
  /** How many residents (households are added until the count is reached). */
  residents: number;
  seed: number;
  /** ID prefix, unique per batch (e.g. `d` for the demo extras, `s3` for a later batch). */
  idPrefix: string;
  /** Digit that starts every 住民票コード / 個人番号 of this batch (1 is the fixed demo persons). */
  codeDigit: number;
  /** The first index for 住民票コード and 個人番号 of this batch. */
  codeStart: number;
  /** JSON SealImage for a surname. */
  sealImage: (surname: string) => string;
  /** Called every so often with the number of residents written so far. */
  onProgress?: (done: number) => void | Promise<void>;
}

type Kind = 'single_old' | 'single' | 'couple_old' | 'couple' | 'family' | 'three_gen';
const KINDS = new Weighted<Kind>([
  ['single_old', 18],
  ['single', 12],
  ['couple_old', 20],
  ['couple', 8],
  ['family', 30],
  ['three_gen', 12],
]);

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const dateIn = (rng: Prng, year: number): PlainDate =>
  `${pad(year, 4)}-${pad(rng.int(1, 12), 2)}-${pad(rng.int(1, 28), 2)}`;

const BIRTHPLACES = [
  '兵庫県赤穂郡上郡町',
  '兵庫県相生市',
  '兵庫県姫路市',
  '兵庫県赤穂市',
  '岡山県岡山市',
  '大阪府大阪市',
];

/** The later of two ISO dates. */
const later = (a: string, b: string): string => (a > b ? a : b);

interface Person {
  id: string;
  surname: [string, string];
  given: [string, string];
  sex: '男' | '女';
  birth: PlainDate;
  relationship: string;
  kosekiRelationship?: string;
  father?: string;
  mother?: string;
}

/** Writes synthetic households into `w`; returns the number of residents written. */
export const generateResidents = async (w: BulkWriter, o: SyntheticOptions): Promise<number> => {
  const rng = new Prng(o.seed);
  const area = AREAS[o.municipalityCode];
  if (!area) throw new Error(`no address data for ${o.municipalityCode}`);
  const year = Number(o.today.slice(0, 4));
  const fy = latestFiscalYear(o.today);
  const declaredOn = `${fy}-03-${pad(rng.int(1, 14), 2)}`;
  const townName = area.prefix;
  const seals = new Map<string, string>();
  const sealOf = (surname: string): string => {
    let j = seals.get(surname);
    if (j === undefined) {
      j = o.sealImage(surname);
      seals.set(surname, j);
    }
    return j;
  };
  let written = 0;
  let h = 0;
  let code = o.codeStart;
  const flushEvery = 4_000;
  let sinceFlush = 0;
  while (written < o.residents) {
    h++;
    // Zero-padded, increasing IDs keep every index insert at the right edge of its B-tree.
    const hn = pad(h, 8);
    const hid = `${o.idPrefix}h${o.municipalityCode}-${hn}`;
    const a = rng.pick(area.areas);
    const address =
      area.style === 'banchi'
        ? `${townName}${a}${rng.int(1, 2500)}番地${rng.chance(0.3) ? `の${rng.int(1, 20)}` : ''}`
        : `${townName}${a}${rng.int(1, 5)}丁目${rng.int(1, 30)}番${rng.int(1, 25)}号`;
    const kind = KINDS.pick(rng);
    const surname = SURNAME_TABLE.pick(rng) as [string, string];
    const people: Person[] = [];
    let n = 0;
    const person = (
      sex: '男' | '女',
      birthYear: number,
      relationship: string,
      kosekiRel?: string,
    ): Person => {
      const p: Person = {
        id: `${o.idPrefix}r${o.municipalityCode}-${hn}-${++n}`,
        surname,
        given: rng.pick(givenNames(sex, birthYear)),
        sex,
        birth: dateIn(rng, birthYear),
        relationship,
        ...(kosekiRel ? { kosekiRelationship: kosekiRel } : {}),
      };
      people.push(p);
      return p;
    };
    const old = kind === 'single_old' || kind === 'couple_old';
    const headAge = old ? rng.int(65, 95) : kind === 'three_gen' ? rng.int(35, 60) : rng.int(22, 64);
    const head = person(rng.chance(0.8) ? '男' : '女', year - headAge, '世帯主');
    if (kind !== 'single' && kind !== 'single_old') {
      person(
        head.sex === '男' ? '女' : '男',
        year - headAge + rng.int(-4, 4),
        head.sex === '男' ? '妻' : '夫',
        head.sex === '男' ? '妻' : '夫',
      );
    }
    if (kind === 'family' || kind === 'three_gen') {
      const kids = rng.int(1, kind === 'family' ? 4 : 3);
      const order = { 男: 0, 女: 0 };
      const names = ['長', '二', '三', '四'];
      for (let k = 0; k < kids; k++) {
        const sex = rng.chance(0.51) ? '男' : '女';
        const rel = `${names[order[sex]++] ?? '四'}${sex === '男' ? '男' : '女'}`;
        const kid = person(sex, year - Math.max(0, headAge - rng.int(24, 38)), '子', rel);
        kid.father = head.sex === '男' ? head.given[0] : '';
        kid.mother = head.sex === '女' ? head.given[0] : '';
      }
    }
    if (kind === 'three_gen')
      person(rng.chance(0.7) ? '女' : '男', year - headAge - rng.int(25, 32), rng.chance(0.7) ? '母' : '父');
    const sinceYear = Math.max(Number(head.birth.slice(0, 4)) + 20, year - rng.int(1, 40));
    const since = dateIn(rng, Math.min(sinceYear, year - 1));
    const movedIn = rng.chance(0.6);
    const previous = movedIn
      ? `兵庫県${rng.pick(['姫路市', '赤穂市', 'たつの市', '相生市', '神戸市中央区', '岡山県備前市'])}${rng.pick(['本町', '新町', '中央町', '駅前町'])}${rng.int(1, 30)}番地`
      : null;
    const ownKoseki = rng.chance(0.75);
    const honseki = ownKoseki
      ? address
      : `兵庫県姫路市${rng.pick(['本町', '白浜町', '飾磨区'])}${rng.int(1, 900)}番地`;
    const hittosha = `${surname[0]} ${head.given[0]}`;
    w.add('households', { id: hid, municipality_code: o.municipalityCode, address, setainushi_id: head.id });
    const kid = `${o.idPrefix}k${o.municipalityCode}-${hn}`;
    const inKoseki = people.filter((p) => p.relationship !== '父' && p.relationship !== '母');
    if (ownKoseki) {
      const events: DatedEvent[] = [{ date: since, label: '戸籍編製', detail: '【編製事由】婚姻' }];
      w.add('koseki', {
        id: kid,
        municipality_code: o.municipalityCode,
        honseki,
        hittosha,
        notification_pending: 0,
        events: JSON.stringify(events),
      });
    }
    for (const p of people) {
      code++;
      const jc10 = `${o.codeDigit}${pad(code, 9)}`;
      const kb11 = `${o.codeDigit}${pad(code, 10)}`;
      const bornHere = !movedIn && p.relationship === '子';
      const became = bornHere ? p.birth : later(since, p.birth);
      w.add('residents', {
        id: p.id,
        municipality_code: o.municipalityCode,
        household_id: hid,
        name: `${p.surname[0]} ${p.given[0]}`,
        kana: `${p.surname[1]} ${p.given[1]}`,
        birth_date: p.birth,
        sex: p.sex,
        relationship: p.relationship,
        address,
        juminhyo_code: `${jc10}${juminhyoCodeCheckDigit(jc10)}`,
        kojin_bango: `${kb11}${kojinBangoCheckDigit(kb11)}`,
        honseki,
        hittosha,
        honseki_code: ownKoseki ? o.municipalityCode : '282014',
        status: 'active',
        became_resident_on: became,
        address_since: became,
        previous_address: bornHere ? null : previous,
        notified_on: bornHere || !previous ? null : became,
        address_changed_on: bornHere || !previous ? null : became,
      });
      w.add('resident_events', {
        id: `${p.id}-e1`,
        resident_id: p.id,
        kind: bornHere ? '出生' : previous ? '転入' : '住民となった',
        occurred_on: became,
        processed_on: became,
        detail: bornHere ? null : previous ? `${previous}から転入` : null,
      });
      if (ownKoseki && inKoseki.includes(p)) {
        const mid = `${p.id}-m`;
        const events: DatedEvent[] = [
          {
            date: p.birth,
            label: '出生',
            detail: `【出生地】${rng.pick(BIRTHPLACES)} 【届出人】${rng.chance(0.7) ? '父' : '母'}`,
          },
        ];
        if (p.relationship === '世帯主' || p.relationship === '妻' || p.relationship === '夫')
          if (inKoseki.length > 1) {
            const spouse = inKoseki.find(
              (x) =>
                x !== p &&
                (x.relationship === '世帯主' || x.relationship === '妻' || x.relationship === '夫'),
            );
            const spouseName = spouse ? `${spouse.surname[0]} ${spouse.given[0]}` : '';
            events.push({
              date: since,
              label: '婚姻',
              detail: `【配偶者氏名】${spouseName} 【届出人】夫 妻`,
            });
          }
        w.add('koseki_members', {
          id: mid,
          koseki_id: kid,
          position: inKoseki.indexOf(p),
          resident_id: p.id,
          name: `${p.surname[0]} ${p.given[0]}`,
          kana: `${p.surname[1]} ${p.given[1]}`,
          relationship: p === head ? null : (p.kosekiRelationship ?? null),
          birth_date: p.birth,
          sex: p.sex,
          father: p.father ? `${p.surname[0]} ${p.father}` : null,
          mother: p.mother ? p.mother : null,
          events: JSON.stringify(events),
          removed: 0,
          removed_on: null,
        });
        let pos = 0;
        if (previous && !bornHere)
          w.add('fuhyo_addresses', {
            id: `${mid}-a0`,
            koseki_member_id: mid,
            position: pos++,
            address: previous,
            since: p.birth,
          });
        w.add('fuhyo_addresses', {
          id: `${mid}-a1`,
          koseki_member_id: mid,
          position: pos,
          address,
          since: became,
        });
      }
      const age = year - Number(p.birth.slice(0, 4));
      if (age >= 18 && rng.chance(0.45)) {
        w.add('inkan_registrations', {
          id: `${p.id}-i`,
          resident_id: p.id,
          registration_number: `${o.idPrefix.toUpperCase()}${pad(code, 8)}`,
          seal_image: sealOf(p.surname[0]),
          registered_on: later(since, p.birth),
          abolished_on: null,
        });
      }
      if (age >= 18 && rng.chance(0.85)) {
        const earner = p === head && age < 65;
        const spouse = p === head && people.some((x) => x.relationship === '妻' || x.relationship === '夫');
        const dependents =
          p === head
            ? people.filter((x) => x.relationship === '子' && year - Number(x.birth.slice(0, 4)) >= 16).length
            : 0;
        const t = computeTax({
          salary: earner
            ? rng.int(180, 900) * 10_000
            : age < 65 && rng.chance(0.5)
              ? rng.int(60, 200) * 10_000
              : 0,
          pension: age >= 65 ? rng.int(60, 280) * 10_000 : 0,
          age,
          spouse,
          dependents,
        });
        w.add(
          'tax_records',
          taxRecordRow(t, {
            id: `${p.id}-t${fy}`,
            residentId: p.id,
            municipalityCode: o.municipalityCode,
            fiscalYear: fy,
            address,
            spouse,
            dependents,
            declaredOn,
          }),
        );
      }
      written++;
      sinceFlush++;
      if (written >= o.residents) break;
    }
    if (sinceFlush >= flushEvery) {
      sinceFlush = 0;
      await w.flush();
      await o.onProgress?.(written);
    }
  }
  await w.flush();
  await o.onProgress?.(written);
  return written;
};
