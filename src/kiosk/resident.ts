import type { Choices, Quote } from '../center/api-types.js';
import type { CertificateRequest } from '../domain/request.js';
import type { CardReaderDevice } from './devices/card-reader.js';

// The person at the kiosk, as the client sees them: a touch screen in the browser UI, a
// script in the CLI and in tests. Each answer may be 'cancel'; silence is a time-out.

export type Cancel = 'cancel';

/** What the kiosk shows or says; the UI renders it, scripts may ignore it. */
export type KioskNotice =
  | { type: 'pin_incorrect'; remainingTries: number }
  | { type: 'pin_locked' }
  | { type: 'remove_card' }
  | { type: 'not_a_denomination'; piece: number }
  | { type: 'printing'; documents: number }
  | { type: 'reprinting'; documentId: string }
  | { type: 'take_items'; items: ('card' | 'certificates' | 'receipt' | 'change' | 'cash')[] }
  | { type: 'refused'; code: string };

export interface Resident {
  insertCard(reader: CardReaderDevice): Promise<undefined | Cancel>;
  enterPin(prompt: { attempt: number; remainingTries?: number }): Promise<string | Cancel>;
  removeCard(reader: CardReaderDevice): Promise<void>;
  choose(choices: Choices): Promise<CertificateRequest[] | Cancel>;
  /** The confirmation screen (also says: no refunds for a certificate chosen by mistake). */
  confirm(quote: Quote): Promise<boolean>;
  /** Pieces to insert now, or 'done' when the resident has put in all they will. */
  insertCash(prompt: { totalYen: number; insertedYen: number }): Promise<number[] | 'done' | Cancel>;
  notify?(notice: KioskNotice): void;
}
