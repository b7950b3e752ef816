// The people of SPEC §10a: fixed, fictitious, with their situations. Dates that depend on
// demo day are given as day offsets from it.

export const KAMIGORI = '284815';
export const AIOI = '282081';
export const SAYO = '285013';
export const HIMEJI = '282014';

/** Resident ID and 戸籍 member ID of a demo person. */
export const demoResidentId = (key: string): string => `res-${key}`;
export const demoMemberId = (key: string): string => `km-${key}`;

/** Where tenkyo's household moved (転居) two days before demo day. */
export const TENKYO_ADDRESS = '兵庫県赤穂郡上郡町大持15番地の2';

export type DemoCardState = 'valid' | 'locked' | 'expired' | 'revoked' | 'renewed';

export interface DemoPerson {
  /** Card name (SPEC §10a), also the resident ID suffix. */
  key: string;
  pin: string;
  cardState: DemoCardState;
  /** Card issue date as days before demo day (0 = demo day). */
  cardIssuedDaysAgo: number;
  municipality: string;
  household: string;
  name: string;
  kana: string;
  birth: string;
  sex: '男' | '女';
  relationship: string;
  /** 戸籍 key (a KOSEKI entry), or undefined when the 本籍 is outside the demo towns. */
  koseki?: string;
  kosekiRelationship?: string;
  honseki: string;
  hittosha: string;
  honsekiCode: string;
  situation: string;
}

export const KG = '兵庫県赤穂郡上郡町';
export const AO = '兵庫県相生市';

const p = (x: Omit<DemoPerson, 'cardIssuedDaysAgo' | 'cardState'> & Partial<DemoPerson>): DemoPerson => ({
  cardIssuedDaysAgo: 400,
  cardState: 'valid',
  ...x,
});
const kg = (household: string, koseki: string | undefined, honseki: string, hittosha: string) => ({
  municipality: KAMIGORI,
  household,
  ...(koseki ? { koseki } : {}),
  honseki,
  hittosha,
  honsekiCode: KAMIGORI,
});

export const PEOPLE: DemoPerson[] = [
  p({
    key: 'taro',
    pin: '1234',
    ...kg('kamigori', 'kamigori', `${KG}大持278番地`, '上郡 太郎'),
    name: '上郡 太郎',
    kana: 'カミゴオリ タロウ',
    birth: '1975-05-14',
    sex: '男',
    relationship: '世帯主',
    situation: 'everything issuable; 印鑑; tax; household of 4',
  }),
  p({
    key: 'hanako',
    pin: '2345',
    ...kg('kamigori', 'kamigori', `${KG}大持278番地`, '上郡 太郎'),
    name: '上郡 花子',
    kana: 'カミゴオリ ハナコ',
    birth: '1977-09-02',
    sex: '女',
    relationship: '妻',
    kosekiRelationship: '妻',
    situation: 'no 印鑑 registration',
  }),
  p({
    key: 'ichiro',
    pin: '3456',
    ...kg('kamigori', 'kamigori', `${KG}大持278番地`, '上郡 太郎'),
    name: '上郡 一郎',
    kana: 'カミゴオリ イチロウ',
    birth: '2005-04-10',
    sex: '男',
    relationship: '子',
    kosekiRelationship: '長男',
    situation: 'no tax declaration',
  }),
  p({
    key: 'sakura',
    pin: '4567',
    ...kg('kamigori', 'kamigori-sakura', `${KG}大持278番地`, '上郡 さくら'),
    name: '上郡 さくら',
    kana: 'カミゴオリ サクラ',
    birth: '2003-03-03',
    sex: '女',
    relationship: '子',
    situation: '戸籍届出 (marriage) in process: no 戸籍/附票',
  }),
  p({
    key: 'shizuka',
    pin: '5678',
    ...kg('akamatsu', 'akamatsu', `${KG}赤松1500番地`, '赤松 正雄'),
    name: '赤松 静香',
    kana: 'アカマツ シズカ',
    birth: '1988-07-21',
    sex: '女',
    relationship: '世帯主',
    kosekiRelationship: '長女',
    situation: '住民票 restricted (支援措置)',
  }),
  p({
    key: 'tenshutsu',
    pin: '1111',
    ...kg('takemoto', 'takemoto', `${KG}竹万1021番地`, '竹本 進'),
    name: '竹本 進',
    kana: 'タケモト ススム',
    birth: '1962-12-01',
    sex: '男',
    relationship: '世帯主',
    situation: '転出届 done (転出予定): no group A',
  }),
  p({
    key: 'shinki',
    pin: '2222',
    cardIssuedDaysAgo: 0,
    ...kg('nitta', 'nitta', `${KG}山野里2345番地の1`, '新田 真一'),
    name: '新田 真一',
    kana: 'ニッタ シンイチ',
    birth: '1990-01-25',
    sex: '男',
    relationship: '世帯主',
    situation: 'card issued on demo day',
  }),
  p({
    key: 'tenkyo',
    pin: '3333',
    ...kg('inoue', 'inoue', `${KG}井上56番地`, '井上 恵'),
    name: '井上 恵',
    kana: 'イノウエ メグミ',
    birth: '1985-06-18',
    sex: '女',
    relationship: '世帯主',
    situation: '転居 processed on demo day',
  }),
  p({
    key: 'locked',
    pin: '4444',
    cardState: 'locked',
    ...kg('okada', 'okada', `${KG}岩木甲800番地`, '岡田 修'),
    name: '岡田 修',
    kana: 'オカダ オサム',
    birth: '1970-08-08',
    sex: '男',
    relationship: '世帯主',
    situation: 'PIN locked',
  }),
  p({
    key: 'kigengire',
    pin: '5555',
    cardState: 'expired',
    cardIssuedDaysAgo: 5 * 365 + 120,
    ...kg('mori', 'mori', `${KG}与井402番地`, '森 和夫'),
    name: '森 和夫',
    kana: 'モリ カズオ',
    birth: '1955-03-30',
    sex: '男',
    relationship: '世帯主',
    situation: 'user certificate expired',
  }),
  p({
    key: 'shibou',
    pin: '6666',
    cardState: 'revoked',
    ...kg('takada', 'takada', `${KG}苔縄12番地`, '高田 茂'),
    name: '高田 茂',
    kana: 'タカダ シゲル',
    birth: '1940-11-03',
    sex: '男',
    relationship: '世帯主',
    situation: 'deceased; certificate revoked',
  }),
  p({
    key: 'yoso',
    pin: '7777',
    municipality: KAMIGORI,
    household: 'otani',
    honseki: '兵庫県佐用郡佐用町佐用1234番地',
    hittosha: '大谷 洋子',
    honsekiCode: SAYO,
    name: '大谷 洋子',
    kana: 'オオタニ ヨウコ',
    birth: '1968-04-04',
    sex: '女',
    relationship: '世帯主',
    situation: '本籍 in 佐用町 (not participating)',
  }),
  p({
    key: 'jiro',
    pin: '8888',
    municipality: AIOI,
    household: 'kamigori-jiro',
    koseki: 'kamigori-jiro',
    honseki: `${KG}大持300番地`,
    hittosha: '上郡 次郎',
    honsekiCode: KAMIGORI,
    name: '上郡 次郎',
    kana: 'カミゴオリ ジロウ',
    birth: '1978-10-10',
    sex: '男',
    relationship: '世帯主',
    situation: 'lives in 相生市; 本籍 上郡町 registration approved',
  }),
  p({
    key: 'misaki',
    pin: '9999',
    municipality: AIOI,
    household: 'matsumoto',
    koseki: 'matsumoto',
    honseki: `${KG}鞍居77番地`,
    hittosha: '松本 美咲',
    honsekiCode: KAMIGORI,
    name: '松本 美咲',
    kana: 'マツモト ミサキ',
    birth: '1992-07-07',
    sex: '女',
    relationship: '世帯主',
    situation: 'lives in 相生市; no 本籍地 registration',
  }),
  p({
    key: 'kenta',
    pin: '1212',
    municipality: AIOI,
    household: 'yamamoto',
    koseki: 'yamamoto',
    honseki: `${KG}野桑340番地`,
    hittosha: '山本 健太',
    honsekiCode: KAMIGORI,
    name: '山本 健太',
    kana: 'ヤマモト ケンタ',
    birth: '1986-12-24',
    sex: '男',
    relationship: '世帯主',
    situation: 'lives in 相生市; registration pending',
  }),
  p({
    key: 'koushin',
    pin: '2323',
    cardState: 'renewed',
    cardIssuedDaysAgo: 60,
    municipality: AIOI,
    household: 'kobayashi',
    koseki: 'kobayashi',
    honseki: `${KG}船坂15番地`,
    hittosha: '小林 浩',
    honsekiCode: KAMIGORI,
    name: '小林 浩',
    kana: 'コバヤシ ヒロシ',
    birth: '1980-09-09',
    sex: '男',
    relationship: '世帯主',
    situation: 'registered with the old certificate, then renewed',
  }),
  p({
    key: 'yoshida',
    pin: '3434',
    ...kg('yoshida', 'yoshida', `${KG}上郡1888番地`, '𠮷田 優子'),
    name: '𠮷田 優子',
    kana: 'ヨシダ ユウコ',
    birth: '1983-02-14',
    sex: '女',
    relationship: '世帯主',
    situation: '𠮷 (U+20BB7) in the name',
  }),
];

/** Yearly 給与収入 / 年金 for the demo people with a declaration (ichiro has none). */
export const INCOME: Record<string, { salary: number; pension: number }> = {
  taro: { salary: 6_200_000, pension: 0 },
  hanako: { salary: 1_030_000, pension: 0 },
  sakura: { salary: 2_840_000, pension: 0 },
  shizuka: { salary: 3_350_000, pension: 0 },
  tenshutsu: { salary: 4_800_000, pension: 0 },
  shinki: { salary: 3_900_000, pension: 0 },
  tenkyo: { salary: 2_960_000, pension: 0 },
  locked: { salary: 5_400_000, pension: 0 },
  kigengire: { salary: 0, pension: 2_100_000 },
  shibou: { salary: 0, pension: 1_850_000 },
  yoso: { salary: 2_400_000, pension: 0 },
  jiro: { salary: 5_100_000, pension: 0 },
  misaki: { salary: 3_100_000, pension: 0 },
  kenta: { salary: 4_300_000, pension: 0 },
  koushin: { salary: 4_650_000, pension: 0 },
  yoshida: { salary: 3_720_000, pension: 0 },
};

/** Who has a 印鑑 registration (hanako has none; shibou's was abolished at death). */
export const INKAN = [
  'taro',
  'ichiro',
  'sakura',
  'shizuka',
  'tenshutsu',
  'shinki',
  'tenkyo',
  'locked',
  'kigengire',
  'shibou',
  'yoso',
  'jiro',
  'misaki',
  'kenta',
  'koushin',
  'yoshida',
];
