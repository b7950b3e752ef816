import { latestFiscalYear } from '../domain/calendar-days.js';
import type {
  CertificateDocument,
  DatedEvent,
  DocumentHeader,
  FuhyoDocument,
  InkanDocument,
  IssuerInfo,
  JuminhyoDocument,
  KosekiDocument,
  MoneyItem,
  SealImage,
  TaxDocument,
} from '../domain/documents.js';
import { japanDate, toJapanIso } from '../domain/japan-time.js';
import type { CertificateRequest } from '../domain/request.js';
import type { FuhyoAddress, KosekiMember, Resident } from '../registers/index.js';
import type { LoadedRecords } from './snapshot.js';

// Certificate content from the records read in the issuing transaction. Built only after
// eligibility passed; every person printed comes from the holder's household or 戸籍.

/** A document without its per-copy header fields (number, copy). */
export type DocumentBody = Omit<CertificateDocument, 'serial' | 'copy' | 'copies'> & Partial<DocumentHeader>;

export const issuerInfo = (r: LoadedRecords): IssuerInfo => ({
  code: r.municipality.code,
  prefecture: r.municipality.prefecture,
  name: r.municipality.print_name,
  mayorTitle: r.municipality.mayor_title,
  mayorName: r.municipality.mayor_name,
});

const parseJson = <T>(text: string): T => JSON.parse(text) as T;

/** Reads a stored SealImage (PNG data kept base64 in the register). */
export const parseSeal = (text: string): SealImage => {
  const raw = parseJson<SealImage | { format: 'png'; data: string; widthMm: number }>(text);
  if (raw.format === 'png' && typeof raw.data === 'string')
    return { format: 'png', data: new Uint8Array(Buffer.from(raw.data, 'base64')), widthMm: raw.widthMm };
  return raw as SealImage;
};

const sexOf = (s: string): '男' | '女' => (s === '女' ? '女' : '男');

/** Never anyone outside the household / 戸籍: throws, since eligibility already refused that. */
const pick = <T extends { id: string }>(pool: T[], ids: string[] | undefined, what: string): T[] => {
  if (!ids) return pool;
  const chosen = pool.filter((p) => ids.includes(p.id));
  if (chosen.length !== ids.length) throw new Error(`${what}: a chosen member is outside the holder's scope`);
  return chosen;
};

const juminhyo = (req: CertificateRequest, r: LoadedRecords, header: HeaderBase): DocumentBody => {
  const holder = r.resident!;
  const scope = req.scope ?? 'self';
  const pool = r.householdResidents;
  const persons =
    scope === 'self'
      ? pool.filter((p) => p.id === holder.id)
      : pick(pool, scope === 'members' ? req.members : undefined, 'juminhyo');
  const includeSetainushi = req.householder === true;
  const includeHonseki = req.honseki === true;
  const setainushi = pool.find((p) => p.id === r.household?.setainushi_id);
  const doc: Omit<JuminhyoDocument, 'serial' | 'copy' | 'copies'> = {
    ...header,
    type: req.cert as 'juminhyo' | 'kisai',
    subjectIds: persons.map((p) => p.id),
    scope,
    address: r.household?.address ?? holder.address,
    ...(includeSetainushi && setainushi ? { setainushi: setainushi.name } : {}),
    includeSetainushi,
    includeHonseki,
    persons: persons.map((p: Resident) => ({
      residentId: p.id,
      name: p.name,
      kana: p.kana,
      birthDate: p.birth_date,
      sex: sexOf(p.sex),
      ...(includeSetainushi ? { relationship: p.relationship } : {}),
      becameResidentOn: p.became_resident_on,
      addressSince: p.address_since,
      ...(p.previous_address ? { previousAddress: p.previous_address } : {}),
      ...(p.notified_on ? { notifiedOn: p.notified_on } : {}),
      ...(includeHonseki && p.honseki ? { honseki: p.honseki } : {}),
      ...(includeHonseki && p.hittosha ? { hittosha: p.hittosha } : {}),
    })),
  };
  return doc;
};

const inkan = (r: LoadedRecords, header: HeaderBase): DocumentBody => {
  const p = r.resident!;
  const reg = r.inkan!;
  const doc: Omit<InkanDocument, 'serial' | 'copy' | 'copies'> = {
    ...header,
    type: 'inkan',
    subjectIds: [p.id],
    registrationNumber: reg.registration_number,
    name: p.name,
    kana: p.kana,
    birthDate: p.birth_date,
    sex: sexOf(p.sex),
    address: p.address,
    registeredOn: reg.registered_on,
    seal: parseSeal(reg.seal_image),
  };
  return doc;
};

const sum = (items: MoneyItem[]) => items.reduce((a, i) => a + i.yen, 0);

const tax = (req: CertificateRequest, r: LoadedRecords, header: HeaderBase, today: string): DocumentBody => {
  const p = r.resident!;
  const year = latestFiscalYear(today);
  const t = r.taxRecords.find((x) => x.fiscal_year === year);
  if (!t) throw new Error('tax certificate without a declaration (eligibility should have refused)');
  const income = parseJson<MoneyItem[]>(t.income);
  const deductions = parseJson<MoneyItem[]>(t.deductions);
  const doc: Omit<TaxDocument, 'serial' | 'copy' | 'copies'> = {
    ...header,
    type: req.cert as 'shotoku' | 'kazei',
    subjectIds: [p.id],
    fiscalYear: t.fiscal_year,
    incomeYear: t.fiscal_year - 1,
    name: p.name,
    kana: p.kana,
    birthDate: p.birth_date,
    address: t.address,
    income,
    // 合計所得金額: the 所得 lines, not the 収入 they derive from.
    totalIncomeYen: sum(income.filter((i) => i.label.endsWith('所得'))),
    deductions,
    totalDeductionsYen: sum(deductions),
    taxableIncomeYen: t.taxable_income,
    dependents: { spouse: t.dependents_spouse === 1, count: t.dependents_count },
    ...(req.cert === 'kazei'
      ? {
          tax: {
            municipalIncomeLevyYen: t.municipal_income_levy,
            municipalPerCapitaYen: t.municipal_per_capita,
            prefecturalIncomeLevyYen: t.prefectural_income_levy,
            prefecturalPerCapitaYen: t.prefectural_per_capita,
            totalYen:
              t.municipal_income_levy +
              t.municipal_per_capita +
              t.prefectural_income_levy +
              t.prefectural_per_capita,
          },
        }
      : {}),
  };
  return doc;
};

const kosekiPersons = (req: CertificateRequest, r: LoadedRecords): KosekiMember[] =>
  req.kind === 'individual'
    ? pick(
        r.kosekiMembers.filter((m) => m.removed === 0),
        req.members,
        'koseki',
      )
    : r.kosekiMembers;

const koseki = (req: CertificateRequest, r: LoadedRecords, header: HeaderBase): DocumentBody => {
  const k = r.koseki!;
  const persons = kosekiPersons(req, r);
  const doc: Omit<KosekiDocument, 'serial' | 'copy' | 'copies'> = {
    ...header,
    type: 'koseki',
    subjectIds: persons.map((m) => m.id),
    kind: req.kind ?? 'all',
    honseki: k.honseki,
    hittosha: k.hittosha,
    kosekiEvents: parseJson<DatedEvent[]>(k.events),
    persons: persons.map((m) => ({
      memberId: m.id,
      name: m.name,
      ...(m.relationship ? { relationship: m.relationship } : {}),
      birthDate: m.birth_date,
      sex: sexOf(m.sex),
      ...(m.father ? { father: m.father } : {}),
      ...(m.mother ? { mother: m.mother } : {}),
      events: parseJson<DatedEvent[]>(m.events),
      removed: m.removed === 1,
    })),
  };
  return doc;
};

const fuhyo = (
  req: CertificateRequest,
  r: LoadedRecords,
  header: HeaderBase,
  addresses: FuhyoAddress[],
): DocumentBody => {
  const k = r.koseki!;
  // 除かれた members' entries are 除票, not issued at a kiosk.
  const persons = kosekiPersons(req, r).filter((m) => m.removed === 0);
  const doc: Omit<FuhyoDocument, 'serial' | 'copy' | 'copies'> = {
    ...header,
    type: 'fuhyo',
    subjectIds: persons.map((m) => m.id),
    kind: req.kind ?? 'all',
    honseki: k.honseki,
    hittosha: k.hittosha,
    persons: persons.map((m) => ({
      memberId: m.id,
      name: m.name,
      birthDate: m.birth_date,
      addresses: addresses
        .filter((a) => a.koseki_member_id === m.id)
        .sort((a, b) => a.position - b.position)
        .map((a) => ({ address: a.address, since: a.since })),
    })),
  };
  return doc;
};

type HeaderBase = { issuer: IssuerInfo; issuedAt: string; issuedOn: string };

/** The content of one certificate (without number and copy), from records read in the transaction. */
export const buildDocumentBody = (
  req: CertificateRequest,
  r: LoadedRecords,
  now: Date,
  fuhyoAddresses: FuhyoAddress[],
): DocumentBody => {
  const header: HeaderBase = { issuer: issuerInfo(r), issuedAt: toJapanIso(now), issuedOn: japanDate(now) };
  switch (req.cert) {
    case 'juminhyo':
    case 'kisai':
      return juminhyo(req, r, header);
    case 'inkan':
      return inkan(r, header);
    case 'shotoku':
    case 'kazei':
      return tax(req, r, header, japanDate(now));
    case 'koseki':
      return koseki(req, r, header);
    case 'fuhyo':
      return fuhyo(req, r, header, fuhyoAddresses);
  }
};

/** Every text the renderer will have to print (for CHARACTER_NOT_SUPPORTED before payment). */
export const printedTexts = (body: DocumentBody): string[] => {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object' && !(v instanceof Uint8Array)) {
      for (const [k, x] of Object.entries(v)) if (k !== 'paths' && k !== 'subjectIds') walk(x);
    }
  };
  walk(body);
  return out;
};
