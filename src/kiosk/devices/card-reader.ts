import { type Result, refuse } from '../../domain/refusal.js';

// The kiosk's card slot. The card (virtual or a PC/SC reader's) does the PIN check and the
// signature; the slot tracks presence, so the kiosk can insist the card is taken back
// before it goes on (SPEC §6 step 4). The kiosk never asks for, nor reads, My Number.

export interface CardSignature {
  /** DER of the user-authentication certificate (EF 000A). */
  certificateDer: Uint8Array;
  /** RSASSA-PKCS1-v1_5 SHA-256 signature of the challenge. */
  signature: Uint8Array;
}

/** What a card in the slot can do: verify the PIN, then sign the challenge. */
export interface SmartCard {
  authenticate(pin: string, challenge: Uint8Array): Promise<Result<CardSignature>>;
  /** Contact made or broken: a card session starts or ends (a verified PIN is forgotten). */
  onInsert?(): void;
  onRemove?(): void;
}

export interface CardReaderDevice {
  present(): boolean;
  insert(card: SmartCard): void;
  remove(): void;
  /** Resolves when a card is in the slot. */
  waitForCard(): Promise<void>;
  /** Resolves when the slot is empty. */
  waitForRemoval(): Promise<void>;
  /** PIN + signature by the card in the slot; CARD_UNKNOWN if the slot is empty. */
  authenticate(pin: string, challenge: Uint8Array): Promise<Result<CardSignature>>;
}

const PIN_RE = /^[0-9]{4}$/;

/** A card slot in memory (the virtual reader); insert/remove are the resident's hands. */
export const createCardReader = (): CardReaderDevice => {
  let card: SmartCard | undefined;
  let waiters: { want: 'card' | 'empty'; resolve: () => void }[] = [];
  const notify = () => {
    const want = card ? 'card' : 'empty';
    const ready = waiters.filter((w) => w.want === want);
    waiters = waiters.filter((w) => w.want !== want);
    for (const w of ready) w.resolve();
  };
  const wait = (want: 'card' | 'empty'): Promise<void> =>
    (want === 'card') === (card !== undefined)
      ? Promise.resolve()
      : new Promise((resolve) => waiters.push({ want, resolve }));
  return {
    present: () => card !== undefined,
    insert(c) {
      card?.onRemove?.();
      card = c;
      c.onInsert?.();
      notify();
    },
    remove() {
      card?.onRemove?.();
      card = undefined;
      notify();
    },
    waitForCard: () => wait('card'),
    waitForRemoval: () => wait('empty'),
    async authenticate(pin, challenge) {
      if (!card) return refuse('CARD_UNKNOWN', { detail: 'no card in the reader' });
      // The kiosk's keypad only sends 4 digits; anything else never reaches the card.
      if (!PIN_RE.test(pin))
        return refuse('INVALID_REQUEST', { field: 'pin', detail: 'the PIN is 4 digits' });
      return card.authenticate(pin, challenge);
    },
  };
};
