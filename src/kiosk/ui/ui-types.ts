import type { Choices, Quote } from '../../center/api-types.js';
import type { CertificateRequest } from '../../domain/request.js';

// The local JSON API between the kiosk's screen (web/kiosk) and the terminal's UI server.
// The browser imports these types only; it never talks to the center.

/** Where the screen is; the eight steps of the seed are numbered by `stepOf`. */
export type UiStep =
  | 'start'
  | 'connecting'
  | 'card'
  | 'pin'
  | 'authenticating'
  | 'remove'
  | 'loading'
  | 'choose'
  | 'confirm'
  | 'ordering'
  | 'pay'
  | 'issuing'
  | 'printing'
  | 'take'
  | 'ended'
  // The 本籍地 user registration (service 'honseki'): after step 4, instead of choosing.
  | 'honseki_form'
  | 'honseki_confirm'
  | 'honseki_sending'
  | 'honseki_done';

/** What the resident chose on the start screen. */
export type UiService = 'certificates' | 'honseki';

/** The center's answer to a 本籍地 application (its receipt), as the screen shows it. */
export interface HonsekiReceipt {
  receiptNumber: string;
  municipalityName: string;
  state: 'pending' | 'approved' | 'rejected' | 'invalidated';
  appliedOn: string;
  /** 完了予定日: 5 business days after appliedOn. */
  expectedCompletion: string;
  /** An application of this card was already pending (or approved): this is that one. */
  existing: boolean;
}

/** The registration screens: what was written, a refusal to correct, the receipt. */
export interface HonsekiView {
  draft?: { honseki: string; hittosha: string };
  error?: { code: string; message: string; messageEn: string; field?: string };
  receipt?: HonsekiReceipt;
}

export type Reminder = 'card_left' | 'card_not_removed' | 'items_left';

export interface TrayDocument {
  /** File name in the output tray (also its id in the API). */
  id: string;
  kind: 'certificate' | 'receipt';
  cert?: string;
  serial: string;
  /** PDF pages (a duplex sheet is two). */
  pdfPages: number;
}

export interface UiEnding {
  kind: 'completed' | 'cancelled' | 'expired' | 'refused';
  code?: string;
  message: string;
  messageEn: string;
  /** Yen handed back into the cash tray. */
  refundedYen: number;
}

export interface UiState {
  /** Grows on every change; GET /state?after=N waits for a newer one. */
  version: number;
  step: UiStep;
  /** The service of the running transaction (absent: certificates). */
  service?: UiService;
  honseki?: HonsekiView;
  terminal: { id: string; kind: 'store' | 'townhall'; storeName?: string };
  /** The card on the reader (demo card name), if any. */
  cardInReader?: string;
  pin?: { attempt: number; remainingTries?: number };
  choices?: Choices;
  requests?: CertificateRequest[];
  quote?: Quote;
  /** A choice the center refused at the quote (the resident may choose again). */
  choiceError?: { code: string; message: string; messageEn: string };
  pay?: { totalYen: number; insertedYen: number; inserted: number[]; rejected?: number };
  printing?: { documents: number; printed: number; reprinting: boolean };
  result?: { totalYen: number; paidYen: number; changeYen: number };
  ending?: UiEnding;
  /** The ending is still waiting for the card to be taken off the reader. */
  endingPending?: boolean;
  /** Paper in the printer's output tray and money in the cash tray, waiting to be taken. */
  tray: { documents: TrayDocument[]; cash: number[] };
  reminders: Reminder[];
  idle?: { warning: boolean; remainingMs: number };
  /** Shown once on the start screen after a time-out erased a transaction. */
  flash?: 'timed_out';
}

export interface UiConfig {
  idleMs: number;
  warnMs: number;
  reminderMs: number;
  cards: { name: string; label?: string; pin?: string }[];
  denominations: number[];
}

export type UiAction =
  | { type: 'start'; service?: UiService }
  | { type: 'honseki'; honseki: string; hittosha: string }
  | { type: 'card'; action: 'insert'; name: string }
  | { type: 'card'; action: 'remove' }
  | { type: 'pin'; pin: string }
  | { type: 'choose'; requests: CertificateRequest[] }
  | { type: 'back' }
  | { type: 'confirm'; yes: boolean }
  | { type: 'cash'; piece: number }
  | { type: 'cash_done' }
  | { type: 'cancel' }
  | { type: 'take'; what: 'documents' | 'cash' }
  | { type: 'activity' }
  | { type: 'finish' };

export type UiAnswer = { ok: true; state: UiState } | { ok: false; error: { code: string; detail: string } };
