import type { Refusal } from '../domain/refusal.js';
import type { CertificateRequest } from '../domain/request.js';
import type { CenterApi } from './center-api.js';
import type { CardReaderDevice } from './devices/card-reader.js';
import type { CashBox, Denomination } from './devices/cash-box.js';
import type { Printer } from './devices/printer.js';
import type { PrintedDocument } from './kiosk-printing.js';
import type { KioskState } from './kiosk-states.js';

// What a kiosk transaction needs (its devices and the center) and how it ended.

export interface KioskDeps {
  api: CenterApi;
  reader: CardReaderDevice;
  printer: Printer;
  cashBox: CashBox;
  /** How long the kiosk waits for the resident at each step before ending the session. */
  idleTimeoutMs?: number;
  maxReprints?: number;
  newKey?: () => string;
  /** How long the kiosk keeps asking a busy or restarting center to issue a paid order. */
  issueWaitMs?: number;
}

export interface TransactionSuccess {
  ok: true;
  sessionId: string;
  orderId: string;
  holderSerial: string;
  requests: CertificateRequest[];
  totalYen: number;
  paidYen: number;
  changeYen: number;
  change: Denomination[];
  certificates: PrintedDocument[];
  receipt: PrintedDocument;
  reprints: number;
  path: KioskState[];
}

export interface TransactionFailure {
  ok: false;
  error: Refusal & { message?: string; messageEn?: string };
  /** Cash handed back (exactly the pieces inserted). */
  refunded: Denomination[];
  orderId?: string;
  holderSerial?: string;
  /** Documents printed before the failure (a jam that outlived its reprints). */
  printed: PrintedDocument[];
  path: KioskState[];
}

export type TransactionOutcome = TransactionSuccess | TransactionFailure;
