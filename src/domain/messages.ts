import { japanParts, parseJapanIso } from './japan-time.js';
import type { Refusal, RefusalCode } from './refusal.js';

// Wording apart from detection: one table per language, each entry says what to do next.

export type Lang = 'ja' | 'en';
type Table = Readonly<Record<RefusalCode, (r: Refusal) => string>>;

const WEEKDAYS_JA = ['日', '月', '火', '水', '木', '金', '土'] as const;
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** 「11月26日（木）6時30分」 for an ISO instant, in Japan time. */
export const formatJapaneseDateTime = (iso: string): string | undefined => {
  const at = parseJapanIso(iso);
  if (!at) return undefined;
  const p = japanParts(at);
  const time = p.minute === 0 ? `${p.hour}時` : `${p.hour}時${String(p.minute).padStart(2, '0')}分`;
  return `${p.month}月${p.day}日（${WEEKDAYS_JA[p.weekday]}）${time}`;
};

/** "Thursday 26 November at 6:30" for an ISO instant, in Japan time. */
export const formatEnglishDateTime = (iso: string): string | undefined => {
  const at = parseJapanIso(iso);
  if (!at) return undefined;
  const p = japanParts(at);
  return `${WEEKDAYS_EN[p.weekday]} ${p.day} ${MONTHS_EN[p.month - 1]} at ${p.hour}:${String(p.minute).padStart(2, '0')}`;
};

const dateJa = (plain: string): string => `${Number(plain.slice(5, 7))}月${Number(plain.slice(8, 10))}日`;
const dateEn = (plain: string): string =>
  `${Number(plain.slice(8, 10))} ${MONTHS_EN[Number(plain.slice(5, 7)) - 1]}`;

const nextJa = (r: Refusal): string => {
  const t = r.nextOpen ? formatJapaneseDateTime(r.nextOpen) : undefined;
  return t ? `${t}から利用できます。` : '';
};
const nextEn = (r: Refusal): string => {
  const t = r.nextOpen ? formatEnglishDateTime(r.nextOpen) : undefined;
  return t ? ` You can use it from ${t}.` : '';
};

const COUNTER = 'お住まいの市区町村の住民課の窓口';
const HONSEKI_COUNTER = '本籍地の市区町村の窓口';

const JA: Table = {
  OUT_OF_HOURS: (r) => `この証明書は、ただいまの時間は発行できません。${nextJa(r)}`,
  MAINTENANCE: (r) => `機器のメンテナンス中のため、ご利用いただけません。${nextJa(r)}`,
  TERMINAL_CLOSED: (r) =>
    `役場の端末は開庁日の8時30分～17時15分のみご利用いただけます。${nextJa(r)}コンビニエンスストアの端末は利用時間が異なります。`,
  PIN_INCORRECT: (r) =>
    `暗証番号が正しくありません。あと${r.remainingTries ?? 0}回入力できます。すべて間違えるとロックされ、${COUNTER}で暗証番号の初期化が必要になります。`,
  PIN_LOCKED: () =>
    `暗証番号を3回間違えたため、ロックされています。マイナンバーカードをお持ちのうえ、${COUNTER}で暗証番号の初期化再設定の手続きをしてください。`,
  CARD_UNKNOWN: () =>
    `このカードは利用できません。利用者証明用電子証明書が搭載されたマイナンバーカードか、${COUNTER}でお確かめください。`,
  CARD_REVOKED: () =>
    `利用者証明用電子証明書が失効しています。${COUNTER}で電子証明書の発行の手続きをしてください。`,
  CARD_EXPIRED: () =>
    `利用者証明用電子証明書の有効期限が切れています。${COUNTER}で電子証明書の更新の手続きをしてください。`,
  CARD_ISSUED_TODAY: (r) => `マイナンバーカードの交付当日はご利用いただけません。${nextJa(r)}`,
  ADDRESS_CHANGED_TODAY: (r) => `住所異動の手続きをした当日はご利用いただけません。${nextJa(r)}`,
  MOVED_OUT: () =>
    `転出の手続きをされた方（転出予定の方を含む）には、住民票の写し・印鑑登録証明書・所得（課税）証明書を発行できません。${COUNTER}でご相談ください。`,
  DECEASED: () => `この方の証明書は発行できません。${COUNTER}でご相談ください。`,
  REMOVED: () => `住民票が削除されているため、発行できません。${COUNTER}でご相談ください。`,
  ISSUANCE_RESTRICTED: () =>
    `発行制限がかけられているため、この端末では発行できません。窓口でお手続きください。`,
  NOT_IN_HOUSEHOLD: () =>
    `選んだ方は同じ世帯の方ではないため、発行できません。ご本人または同一世帯の方を選び直してください。`,
  NOT_IN_KOSEKI: () =>
    `ご本人の戸籍に記載されている方の証明書のみ発行できます。選び直すか、${HONSEKI_COUNTER}でご請求ください。`,
  SEAL_NOT_REGISTERED: () =>
    `印鑑登録がされていないため、印鑑登録証明書は発行できません。印鑑登録は${COUNTER}でお手続きください。`,
  TAX_NOT_DECLARED: () =>
    `最新年度の町県民税の申告がないため、所得（課税）証明書は発行できません。税務課の窓口でご相談ください。`,
  TAX_SWITCHOVER: (r) =>
    `所得（課税）証明書は6月の年度切り替え期間中は発行できません。税務課の窓口で取得してください。${nextJa(r)}`,
  TAX_NOT_YET_AVAILABLE: (r) =>
    `申告等の内容は、申告等をした日の翌月から発行できます。${r.availableFrom ? `${dateJa(r.availableFrom)}から利用できます。` : ''}お急ぎの方は税務課の窓口でご相談ください。`,
  KOSEKI_PENDING: () =>
    `戸籍の届出の処理が終わるまで、戸籍証明書と戸籍の附票の写しは発行できません。${HONSEKI_COUNTER}でお問い合わせください。`,
  HONSEKI_NOT_PARTICIPATING: () =>
    `本籍地の市区町村がこのサービスに参加していないため、戸籍の証明書は発行できません。${HONSEKI_COUNTER}でご請求ください。`,
  REGISTRATION_REQUIRED: () =>
    `本籍地がお住まいの市区町村と異なる方は、事前に本籍地への利用者登録申請が必要です。申請から完了まで一週間程度（土日祝日・年末年始を除く）かかります。`,
  REGISTRATION_PENDING: () =>
    `本籍地への利用者登録申請は審査中です。完了まで一週間程度（土日祝日・年末年始を除く）かかります。完了後にご利用ください。`,
  REGISTRATION_INVALIDATED: () =>
    `電子証明書を更新されたため、本籍地への利用者登録申請がもう一度必要です。申請から完了まで一週間程度かかります。`,
  NOT_RESIDENT: () =>
    `この市区町村に住民登録がないため、住民票の写し等は発行できません。お住まいの市区町村の証明書を選んでください。`,
  CHARACTER_NOT_SUPPORTED: (r) =>
    `証明書に印刷できない文字${r.characters?.length ? `（${r.characters.join('')}）` : ''}が含まれるため、発行できません。手数料はかかっていません。${COUNTER}で取得してください。`,
  PAYMENT_INSUFFICIENT: (r) =>
    `手数料が${r.missing !== undefined ? `${r.missing}円` : ''}不足しています。不足分を入れてください。`,
  SESSION_EXPIRED: () =>
    `一定時間操作がなかったため終了しました。入力した内容は消去されています。最初からやり直してください。`,
  SERVICE_UNAVAILABLE: () =>
    `ただいまシステムを利用できません。手数料はかかっていません。しばらくしてからもう一度お試しいただくか、窓口で取得してください。`,
  INVALID_REQUEST: (r) =>
    `入力内容に誤りがあります${r.field ? `（${r.field}）` : ''}。もう一度選び直してください。`,
};

const COUNTER_EN = 'the resident services counter (住民課) of your municipality';
const HONSEKI_COUNTER_EN = 'the counter of the municipality of your registered domicile (本籍地)';

const EN: Table = {
  OUT_OF_HOURS: (r) => `This certificate cannot be issued at this time.${nextEn(r)}`,
  MAINTENANCE: (r) => `The service is under maintenance.${nextEn(r)}`,
  TERMINAL_CLOSED: (r) =>
    `The town hall terminal is open only on office days, 8:30 to 17:15.${nextEn(r)} Terminals in convenience stores have other hours.`,
  PIN_INCORRECT: (r) =>
    `The PIN is incorrect. ${r.remainingTries ?? 0} ${r.remainingTries === 1 ? 'try' : 'tries'} left; after that the card is locked and the PIN must be reset at ${COUNTER_EN}.`,
  PIN_LOCKED: () =>
    `The PIN is locked after three wrong entries. Bring your My Number card to ${COUNTER_EN} to reset it.`,
  CARD_UNKNOWN: () =>
    `This card cannot be used. Use a My Number card with a user certificate, or ask at ${COUNTER_EN}.`,
  CARD_REVOKED: () => `Your user certificate has been revoked. Apply for a new one at ${COUNTER_EN}.`,
  CARD_EXPIRED: () => `Your user certificate has expired. Renew it at ${COUNTER_EN}.`,
  CARD_ISSUED_TODAY: (r) => `A My Number card cannot be used on the day it is issued.${nextEn(r)}`,
  ADDRESS_CHANGED_TODAY: (r) =>
    `The card cannot be used on the day your address change was processed.${nextEn(r)}`,
  MOVED_OUT: () =>
    `Residence, seal and tax certificates cannot be issued after a moving-out notification (including a planned move). Please ask at ${COUNTER_EN}.`,
  DECEASED: () => `Certificates for this person cannot be issued here. Please ask at ${COUNTER_EN}.`,
  REMOVED: () => `The resident record has been removed, so it cannot be issued. Please ask at ${COUNTER_EN}.`,
  ISSUANCE_RESTRICTED: () =>
    `Issuance is restricted for this record and cannot be done at a terminal. Please apply at the counter.`,
  NOT_IN_HOUSEHOLD: () => `Only you and members of your own household can be chosen. Please choose again.`,
  NOT_IN_KOSEKI: () =>
    `Only people in your own family register (戸籍) can be chosen. Choose again, or apply at ${HONSEKI_COUNTER_EN}.`,
  SEAL_NOT_REGISTERED: () =>
    `No seal is registered, so there is no seal certificate. Register a seal at ${COUNTER_EN}.`,
  TAX_NOT_DECLARED: () =>
    `There is no tax declaration for the latest fiscal year, so the certificate cannot be issued. Please ask at the tax division (税務課).`,
  TAX_SWITCHOVER: (r) =>
    `Income and tax certificates cannot be issued while the fiscal year switches over in June. Get one at the tax division (税務課).${nextEn(r)}`,
  TAX_NOT_YET_AVAILABLE: (r) =>
    `A declaration can be certified from the month after it was made.${r.availableFrom ? ` You can get it from ${dateEn(r.availableFrom)}.` : ''} If urgent, ask at the tax division (税務課).`,
  KOSEKI_PENDING: () =>
    `A family register notification is still being processed; register certificates cannot be issued until it is recorded. Please ask at ${HONSEKI_COUNTER_EN}.`,
  HONSEKI_NOT_PARTICIPATING: () =>
    `The municipality of your registered domicile does not take part in this service. Apply at ${HONSEKI_COUNTER_EN}.`,
  REGISTRATION_REQUIRED: () =>
    `If you live outside your registered domicile, you must first register for this service with that municipality. It takes about a week (excluding weekends, holidays and the year end).`,
  REGISTRATION_PENDING: () =>
    `Your registration with the municipality of your registered domicile is still being reviewed (about a week, excluding weekends, holidays and the year end).`,
  REGISTRATION_INVALIDATED: () =>
    `Your user certificate was renewed, so you must register with the municipality of your registered domicile again. It takes about a week.`,
  NOT_RESIDENT: () =>
    `You are not registered as a resident of this municipality. Choose the certificates of the municipality where you live.`,
  CHARACTER_NOT_SUPPORTED: (r) =>
    `The certificate contains characters that cannot be printed${r.characters?.length ? ` (${r.characters.join('')})` : ''}. Nothing was charged. Please get it at ${COUNTER_EN}.`,
  PAYMENT_INSUFFICIENT: (r) =>
    `The fee is not fully paid${r.missing !== undefined ? `: ¥${r.missing} more is needed` : ''}. Please insert the rest.`,
  SESSION_EXPIRED: () =>
    `The session ended after a period of no activity and everything entered was erased. Please start again.`,
  SERVICE_UNAVAILABLE: () =>
    `The system is not available right now. Nothing was charged. Please try again later or apply at the counter.`,
  INVALID_REQUEST: (r) =>
    `Something in the request is not valid${r.field ? ` (${r.field})` : ''}. Please choose again.`,
};

const TABLES: Readonly<Record<Lang, Table>> = { ja: JA, en: EN };

/** The resident-facing message of a refusal in Japanese or English, saying what to do next. */
export const refusalMessage = (refusal: Refusal, lang: Lang): string => TABLES[lang][refusal.code](refusal);
