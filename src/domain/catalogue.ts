/** The certificate catalogue of SPEC §3: codes, names, fees, groups and options. */
export const CERTIFICATE_CODES = [
  'juminhyo',
  'kisai',
  'inkan',
  'shotoku',
  'kazei',
  'koseki',
  'fuhyo',
] as const;
export type CertificateCode = (typeof CERTIFICATE_CODES)[number];

/** Group A: residence municipality, daily 06:30–23:00. Group B: 本籍 municipality, weekdays 08:30–17:15. */
export type ServiceGroup = 'A' | 'B';

export type Scope = 'self' | 'household' | 'members';
export type KosekiKind = 'all' | 'individual';

export interface CertificateType {
  code: CertificateCode;
  nameJa: string;
  nameEn: string;
  /** Yen per copy (1通). */
  fee: number;
  group: ServiceGroup;
  /** 住民票 / 記載事項: self, household or chosen members. */
  scopes: readonly Scope[];
  /** 住民票 only: the 世帯主氏名・続柄 and 本籍・筆頭者 switches. */
  householderOption: boolean;
  honsekiOption: boolean;
  /** 戸籍 / 附票: all or chosen members. */
  kinds: readonly KosekiKind[];
}

const NONE: readonly never[] = [];

export const CATALOGUE: Readonly<Record<CertificateCode, CertificateType>> = {
  juminhyo: {
    code: 'juminhyo',
    nameJa: '住民票の写し',
    nameEn: 'Certificate of residence (copy of the resident record)',
    fee: 200,
    group: 'A',
    scopes: ['self', 'household', 'members'],
    householderOption: true,
    honsekiOption: true,
    kinds: NONE,
  },
  kisai: {
    code: 'kisai',
    nameJa: '住民票記載事項証明書',
    nameEn: 'Certificate of resident record items',
    fee: 200,
    group: 'A',
    scopes: ['self', 'household', 'members'],
    householderOption: false,
    honsekiOption: false,
    kinds: NONE,
  },
  inkan: {
    code: 'inkan',
    nameJa: '印鑑登録証明書',
    nameEn: 'Certificate of seal registration',
    fee: 200,
    group: 'A',
    scopes: NONE,
    householderOption: false,
    honsekiOption: false,
    kinds: NONE,
  },
  shotoku: {
    code: 'shotoku',
    nameJa: '所得証明書',
    nameEn: 'Income certificate (previous year)',
    fee: 200,
    group: 'A',
    scopes: NONE,
    householderOption: false,
    honsekiOption: false,
    kinds: NONE,
  },
  kazei: {
    code: 'kazei',
    nameJa: '所得課税証明書',
    nameEn: 'Income and tax certificate (current fiscal year)',
    fee: 200,
    group: 'A',
    scopes: NONE,
    householderOption: false,
    honsekiOption: false,
    kinds: NONE,
  },
  koseki: {
    code: 'koseki',
    nameJa: '戸籍全部事項証明書・戸籍個人事項証明書',
    nameEn: 'Family register certificate (all or individual matters)',
    fee: 350,
    group: 'B',
    scopes: NONE,
    householderOption: false,
    honsekiOption: false,
    kinds: ['all', 'individual'],
  },
  fuhyo: {
    code: 'fuhyo',
    nameJa: '戸籍の附票の写し',
    nameEn: 'Copy of the family register attachment (address history)',
    fee: 200,
    group: 'B',
    scopes: NONE,
    householderOption: false,
    honsekiOption: false,
    kinds: ['all', 'individual'],
  },
};

export const MIN_COPIES = 1;
export const MAX_COPIES = 10;

export const isCertificateCode = (value: unknown): value is CertificateCode =>
  typeof value === 'string' && (CERTIFICATE_CODES as readonly string[]).includes(value);

/** The catalogue entry of a code. */
export const certificateType = (code: CertificateCode): CertificateType => CATALOGUE[code];
