import type { Choices, Quote } from '../center/api-types.js';
import type { CertificateRequest } from '../domain/request.js';
import type { SmartCard } from './devices/card-reader.js';
import { toPieces } from './devices/cash-box.js';
import type { KioskNotice, Resident } from './resident.js';

// A resident who follows a script: the CLI's `kofu issue` and the tests. `silentAt` makes them
// walk away at a step (the kiosk times out), `cancelAt` makes them press 取消.

export type ScriptStep = 'card' | 'pin' | 'remove' | 'choose' | 'confirm' | 'cash';

export interface Script {
  card: SmartCard;
  /** PINs to type, in order; when they run out the resident gives up. */
  pins: string[];
  /** What to ask for, given the choices on screen. */
  choose: (choices: Choices) => CertificateRequest[] | 'cancel';
  /** Yen to insert (split into notes and coins), or 'exact' for the quoted fee. */
  cash: number | 'exact';
  silentAt?: ScriptStep;
  cancelAt?: ScriptStep;
}

export interface ScriptedResident extends Resident {
  notices: KioskNotice[];
  /** The choices and quote the screen showed. */
  seen: { choices?: Choices; quote?: Quote };
}

const never = <T>(): Promise<T> => new Promise<T>(() => {});

/** A resident that plays `script` at the kiosk. */
export const scriptedResident = (script: Script): ScriptedResident => {
  const notices: KioskNotice[] = [];
  const seen: ScriptedResident['seen'] = {};
  let pinIndex = 0;
  let cashGiven = false;
  const gate = async <T>(step: ScriptStep, act: () => T | Promise<T>): Promise<T | 'cancel'> => {
    if (script.silentAt === step) return never();
    if (script.cancelAt === step) return 'cancel';
    return act();
  };
  return {
    notices,
    seen,
    notify: (n) => notices.push(n),
    insertCard: (reader) =>
      gate('card', () => {
        reader.insert(script.card);
        return undefined;
      }),
    enterPin: async () =>
      gate('pin', () => {
        const pin = script.pins[pinIndex++];
        return pin ?? 'cancel';
      }),
    async removeCard(reader) {
      if (script.silentAt === 'remove') return never();
      reader.remove();
    },
    choose: (choices) =>
      gate('choose', () => {
        seen.choices = choices;
        return script.choose(choices);
      }),
    async confirm(quote) {
      seen.quote = quote;
      const r = await gate('confirm', () => true);
      return r === true;
    },
    insertCash: ({ totalYen }) =>
      gate('cash', () => {
        if (cashGiven) return 'done' as const;
        cashGiven = true;
        const yen = script.cash === 'exact' ? totalYen : script.cash;
        return toPieces(yen, [10000, 5000, 1000, 500, 100, 50, 10]) ?? [];
      }),
  };
};
