import type { CertificateCode, KosekiKind, Scope } from './catalogue.js';
import type { PlainDate } from './japan-time.js';

// The content of one certificate, as the municipal issuing server builds it and the
// renderer prints it. One copy = one document with its own unique number (固有番号).
// Never holds 住民票コード or 個人番号: the types have no field for them on purpose.

/** The issuing municipality, as printed in the certification. */
export interface IssuerInfo {
  /** 全国地方公共団体コード (6 digits with check digit), e.g. 284815 for 上郡町. */
  code: string;
  prefecture: string; // 兵庫県
  /** Printed name, e.g. 上郡町 or 相生市 (a 町 in a 郡 may print 赤穂郡上郡町). */
  name: string;
  /** 上郡町長 / 相生市長 */
  mayorTitle: string;
  mayorName: string;
}

/** A seal impression (印影): a registered PNG scan, or vector outlines in a 100×100 box. */
export type SealImage =
  | { format: 'png'; data: Uint8Array; widthMm: number }
  | { format: 'svg-path'; paths: string[]; widthMm: number };

export interface DocumentHeader {
  /** 固有番号: unique across the country, with a check digit, printed on every page. */
  serial: string;
  type: CertificateCode;
  issuer: IssuerInfo;
  /** The instant of issue (ISO with +09:00) and its Japan date. */
  issuedAt: string;
  issuedOn: PlainDate;
  /** 1-based copy number within the order, and the number of copies ordered. */
  copy: number;
  copies: number;
  /** Register IDs of every person whose data the document holds (for isolation checks). */
  subjectIds: string[];
}

/** A dated entry, e.g. 転入 2019-04-01 with a detail line. */
export interface DatedEvent {
  date: PlainDate;
  /** 出生, 婚姻, 転入, 転居, 届出 …  */
  label: string;
  /** The text after the date, e.g. 「兵庫県赤穂郡上郡町から転入」. */
  detail?: string;
}

export interface JuminhyoPerson {
  residentId: string;
  name: string;
  kana: string;
  birthDate: PlainDate;
  sex: '男' | '女';
  /** 続柄 (世帯主, 妻, 子 …): only when the 世帯主・続柄 option is chosen. */
  relationship?: string;
  /** 住民となった年月日 */
  becameResidentOn: PlainDate;
  /** 住所を定めた年月日 */
  addressSince: PlainDate;
  /** 前住所 and the 届出 date, when the person moved in. */
  previousAddress?: string;
  notifiedOn?: PlainDate;
  /** 本籍 and 筆頭者: only when the 本籍・筆頭者 option is chosen. */
  honseki?: string;
  hittosha?: string;
}

export interface JuminhyoDocument extends DocumentHeader {
  type: 'juminhyo' | 'kisai';
  scope: Scope;
  address: string;
  /** 世帯主氏名: only when the option is chosen (always absent on 記載事項証明書 unless chosen). */
  setainushi?: string;
  includeSetainushi: boolean;
  includeHonseki: boolean;
  persons: JuminhyoPerson[];
}

export interface InkanDocument extends DocumentHeader {
  type: 'inkan';
  registrationNumber: string;
  name: string;
  kana: string;
  birthDate: PlainDate;
  sex: '男' | '女';
  address: string;
  registeredOn: PlainDate;
  seal: SealImage;
}

export interface MoneyItem {
  /** 給与収入, 給与所得, 社会保険料控除 … */
  label: string;
  yen: number;
}

export interface TaxDocument extends DocumentHeader {
  type: 'shotoku' | 'kazei';
  /** 年度 (fiscal year), e.g. 2026 = 令和8年度, certifying the income of year - 1. */
  fiscalYear: number;
  incomeYear: number;
  name: string;
  kana: string;
  birthDate: PlainDate;
  /** The address as of January 1 of the fiscal year (賦課期日). */
  address: string;
  income: MoneyItem[];
  totalIncomeYen: number;
  deductions: MoneyItem[];
  totalDeductionsYen: number;
  taxableIncomeYen: number;
  dependents: { spouse: boolean; count: number };
  /** 所得課税証明書 only: 町(市)民税 and 県民税, 所得割 and 均等割. */
  tax?: {
    municipalIncomeLevyYen: number;
    municipalPerCapitaYen: number;
    prefecturalIncomeLevyYen: number;
    prefecturalPerCapitaYen: number;
    totalYen: number;
  };
}

export interface KosekiPerson {
  memberId: string;
  name: string;
  /** e.g. 長男, 妻; the 筆頭者 has none. */
  relationship?: string;
  birthDate: PlainDate;
  sex: '男' | '女';
  father?: string;
  mother?: string;
  /** 身分事項: 出生, 婚姻, 養子縁組 … */
  events: DatedEvent[];
  /** Removed from this 戸籍 (除籍, e.g. by marriage into another). */
  removed: boolean;
}

export interface KosekiDocument extends DocumentHeader {
  type: 'koseki';
  kind: KosekiKind;
  honseki: string;
  hittosha: string;
  /** 戸籍事項: 編製, 転籍 … */
  kosekiEvents: DatedEvent[];
  persons: KosekiPerson[];
}

export interface FuhyoPerson {
  memberId: string;
  name: string;
  birthDate: PlainDate;
  /** Address history, oldest first: 住所 and 住所を定めた年月日. */
  addresses: { address: string; since: PlainDate }[];
}

export interface FuhyoDocument extends DocumentHeader {
  type: 'fuhyo';
  kind: KosekiKind;
  honseki: string;
  hittosha: string;
  persons: FuhyoPerson[];
}

export type CertificateDocument =
  | JuminhyoDocument
  | InkanDocument
  | TaxDocument
  | KosekiDocument
  | FuhyoDocument;

/** The receipt (領収書): no personal data. */
export interface ReceiptDocument {
  orderId: string;
  issuedAt: string;
  terminalId: string;
  storeName: string;
  lines: { cert: CertificateCode; nameJa: string; copies: number; feeEach: number; subtotal: number }[];
  totalYen: number;
  paidYen: number;
  changeYen: number;
  /** The municipalities whose fees these are. */
  issuers: string[];
}
