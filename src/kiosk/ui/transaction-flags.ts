import type { SessionCreated } from '../../center/api-types.js';
import type { CenterApi } from '../center-api.js';
import type { Watch } from './device-wrappers.js';
import type { SeenRefusal } from './endings.js';
import type { HonsekiReceipt } from './ui-types.js';

// What the UI server learns about one running transaction by watching the client's calls.

export class TransactionFlags {
  aborted = false;
  authenticated = false;
  /** A refusal was answered: a card still on the reader is asked back at the end. */
  failing = false;
  userCancelled = false;
  lastRefusal: SeenRefusal | undefined;
  /** Notes and coins put in for this order, in order. */
  inserted: number[] = [];
  session: SessionCreated | undefined;
  /** The 本籍地 application the center accepted (the transaction then ends without an order). */
  registration: HonsekiReceipt | undefined;
  /** The center could not take the application at all (session expired, center down). */
  registrationFailure: SeenRefusal | undefined;

  /** The watcher of the client's center API for this transaction. */
  watch(onCall: (name: keyof CenterApi, args: unknown[]) => void): Watch {
    return {
      aborted: () => this.aborted,
      onSession: (s) => {
        this.session = s;
      },
      onRefusal: (e) => {
        this.failing = true;
        const { status: _s, ...rest } = e;
        this.lastRefusal = rest;
      },
      onAuthenticated: () => {
        this.authenticated = true;
      },
      onCall: (name, args) => {
        if (name === 'reportCardRefusal')
          this.cardRefusal(args[1] as { code: string; remainingTries?: number });
        onCall(name, args);
      },
    };
  }

  // The card's own refusals reach the center only as this report: the last wrong PIN is the lock.
  private cardRefusal(body: { code: string; remainingTries?: number }): void {
    if (body.code === 'PIN_INCORRECT' && body.remainingTries !== 0) return;
    this.failing = true;
    this.lastRefusal = body.code === 'PIN_INCORRECT' ? { code: 'PIN_LOCKED' } : body;
  }
}
