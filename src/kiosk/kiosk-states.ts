// The kiosk's transaction as an explicit state machine: every step the client takes is a
// move in this table, so a test can prove it never goes back (e.g. from printing to paying).

export const KIOSK_STATES = [
  'idle',
  'session',
  'awaiting_card',
  'awaiting_pin',
  'authenticating',
  'awaiting_card_removal',
  'choosing',
  'confirming',
  'ordering',
  'paying',
  'issuing',
  'printing',
  'finishing',
  'completed',
  'cancelled',
  'expired',
  'refused',
] as const;
export type KioskState = (typeof KIOSK_STATES)[number];

const END: KioskState[] = ['cancelled', 'expired', 'refused'];

export const TRANSITIONS: Readonly<Record<KioskState, readonly KioskState[]>> = {
  idle: ['session', 'refused'],
  session: ['awaiting_card', ...END],
  awaiting_card: ['awaiting_pin', ...END],
  awaiting_pin: ['authenticating', ...END],
  // A wrong PIN goes back to the keypad; a lost answer restarts the session (new challenge).
  authenticating: ['awaiting_pin', 'session', 'awaiting_card_removal', ...END],
  awaiting_card_removal: ['choosing', ...END],
  choosing: ['confirming', ...END],
  confirming: ['ordering', 'choosing', ...END],
  ordering: ['paying', ...END],
  paying: ['issuing', ...END],
  issuing: ['printing', ...END],
  printing: ['finishing', 'refused'],
  finishing: ['completed', 'refused'],
  completed: [],
  cancelled: [],
  expired: [],
  refused: [],
};

export const isFinal = (s: KioskState): boolean => TRANSITIONS[s].length === 0;

/** Records the path of one transaction and throws on a move the table does not allow (a bug). */
export class StateTrail {
  readonly path: KioskState[] = ['idle'];
  get current(): KioskState {
    return this.path[this.path.length - 1]!;
  }
  to(next: KioskState): void {
    if (!TRANSITIONS[this.current].includes(next))
      throw new Error(`kiosk: illegal move ${this.current} → ${next}`);
    this.path.push(next);
  }
}
