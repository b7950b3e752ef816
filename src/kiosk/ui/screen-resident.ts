import type { Choices, Quote } from '../../center/api-types.js';
import type { CertificateRequest } from '../../domain/request.js';
import type { KioskNotice, Resident } from '../resident.js';
import { provisionalEnding } from './endings.js';
import type { Prompts } from './prompts.js';
import type { View } from './terminal-options.js';
import type { TransactionFlags } from './transaction-flags.js';
import type { UiStep } from './ui-types.js';

// The resident as the kiosk client sees them, answered by the screen: each question opens a
// prompt and shows its step; the browser's action (or the time-out) answers it.

export interface ResidentHost {
  tx: TransactionFlags;
  prompts: Prompts;
  go(step: UiStep, view?: View): void;
  view(): View;
}

/** A Resident whose answers come from the kiosk screen. */
export const screenResident = (h: ResidentHost): Resident => {
  const { tx, prompts, go } = h;
  const notice = (n: KioskNotice): void => {
    const printing = h.view().printing;
    if (n.type === 'printing')
      go('printing', { printing: { documents: n.documents, printed: 0, reprinting: false } });
    else if (n.type === 'reprinting' && printing)
      go('printing', { printing: { ...printing, reprinting: true } });
    else if (n.type === 'pin_incorrect') go('pin');
  };
  return {
    insertCard: async () => {
      go('card');
      return prompts.ask<undefined | 'cancel'>('card', 'cancel');
    },
    enterPin: async (prompt) => {
      go('pin', { pin: prompt });
      return prompts.ask<string | 'cancel'>('pin', 'cancel');
    },
    removeCard: async (reader) => {
      if (!reader.present() || tx.aborted) return;
      // Step 4 after a good PIN; otherwise the card is asked back at the end of a failure.
      if (tx.authenticated && !tx.failing && !tx.userCancelled) go('remove');
      else go('ended', { ending: provisionalEnding(tx.lastRefusal, tx.userCancelled), endingPending: true });
      await prompts.ask<undefined>('remove', undefined);
    },
    choose: async (choices: Choices) => {
      go('choose', { choices });
      return prompts.ask<CertificateRequest[] | 'cancel'>('choose', 'cancel');
    },
    // The screen already showed the quote and the resident said yes (the 'confirm' action).
    confirm: async (quote: Quote) => {
      h.view().quote = quote;
      return !tx.aborted;
    },
    insertCash: async (prompt) => {
      go('pay', { pay: { ...prompt, inserted: [...tx.inserted] } });
      return prompts.ask<number[] | 'done' | 'cancel'>('cash', 'cancel');
    },
    notify: notice,
  };
};
