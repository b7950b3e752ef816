/** Thrown by transmit when no card is on the reader (PC/SC: SCARD_W_REMOVED_CARD). */
export class CardRemovedError extends Error {
  constructor() {
    super('no card on the reader');
    this.name = 'CardRemovedError';
  }
}

/**
 * The kiosk's card-reader port: ISO 7816 APDUs in and out, plus card presence. A PC/SC reader
 * with a real My Number card and the virtual card both implement it.
 */
export interface CardReader {
  /** Whether a card is on the reader now. */
  isCardPresent(): Promise<boolean>;
  /** Sends one command APDU and returns the response (data + SW1 SW2); rejects with CardRemovedError. */
  transmit(command: Uint8Array): Promise<Uint8Array>;
  /** Resolves once the card has been taken off the reader (the kiosk's step 4). */
  waitForRemoval(signal?: AbortSignal): Promise<void>;
}
