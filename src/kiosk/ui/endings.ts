import { refusalMessage } from '../../domain/messages.js';
import type { Refusal } from '../../domain/refusal.js';
import type { TransactionFailure } from '../kiosk-client.js';
import type { Reminder, UiEnding, UiStep } from './ui-types.js';

// How a transaction that printed nothing is told, and which reminders the devices call for.

export interface SeenRefusal {
  code: string;
  message?: string;
  messageEn?: string;
  remainingTries?: number;
}

const words = (e: SeenRefusal) => {
  const r = { ...e, code: e.code as Refusal['code'] };
  return { message: e.message ?? refusalMessage(r, 'ja'), messageEn: e.messageEn ?? refusalMessage(r, 'en') };
};

/** The wording of a refusal that ended a 本籍地 application, in both languages. */
export const registrationWords = (e: SeenRefusal) => ({ code: e.code, ...words(e) });

/** The ending shown while the card is asked back, before the client has finished. */
export const provisionalEnding = (seen: SeenRefusal | undefined, cancelled: boolean): UiEnding =>
  cancelled || !seen
    ? { kind: 'cancelled', message: '', messageEn: '', refundedYen: 0 }
    : { kind: 'refused', code: seen.code, ...words(seen), refundedYen: 0 };

/** The ending of a failed transaction, in both languages, with the yen handed back. */
export const endingOf = (outcome: TransactionFailure): UiEnding => {
  const last = outcome.path.at(-1);
  return {
    kind: last === 'cancelled' || last === 'expired' ? last : 'refused',
    code: outcome.error.code,
    ...words(outcome.error),
    refundedYen: outcome.refunded.reduce((s, p) => s + p, 0),
  };
};

const CARD_STEPS: UiStep[] = ['connecting', 'card', 'pin', 'authenticating', 'remove'];

/** Reminders for what might be left behind: the card, the paper, the money. */
export const remindersOf = (s: {
  step: UiStep;
  card: boolean;
  /** The kiosk is asking for the card back (step 4, or at the end of a failure). */
  askingForCard: boolean;
  trayFull: boolean;
}): Reminder[] => {
  const out: Reminder[] = [];
  if (s.card && (s.step === 'remove' || s.askingForCard)) out.push('card_not_removed');
  else if (s.card && !CARD_STEPS.includes(s.step)) out.push('card_left');
  if (s.trayFull && s.step !== 'printing' && s.step !== 'issuing') out.push('items_left');
  return out;
};
