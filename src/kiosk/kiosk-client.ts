import { randomUUID } from 'node:crypto';
import type { DocumentInfo, Issued, SessionCreated } from '../center/api-types.js';
import type { Refusal } from '../domain/refusal.js';
import type { CertificateRequest } from '../domain/request.js';
import { type ApiRefusal, isIssued, type OrderRef } from './center-api.js';
import type { Denomination } from './devices/cash-box.js';
import type { KioskDeps, TransactionFailure, TransactionOutcome } from './kiosk-outcome.js';
import { Delivery, type PrintedDocument } from './kiosk-printing.js';
import { recoverEscrow } from './kiosk-recovery.js';
import { StateTrail } from './kiosk-states.js';
import type { KioskNotice, Resident } from './resident.js';

// One kiosk transaction, SPEC §6 steps 1–8, over the center API and the devices. Every exit
// path hands back the resident's cash unless certificates were printed, and ends the session.

export type {
  KioskDeps,
  TransactionFailure,
  TransactionOutcome,
  TransactionSuccess,
} from './kiosk-outcome.js';

const TIMEOUT: unique symbol = Symbol('timeout');
const MAX_SESSION_RESTARTS = 3;
const ISSUE_WAIT_MS = 120_000;

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const strip = (e: ApiRefusal): Refusal & { message?: string; messageEn?: string } => {
  const { status: _status, ...rest } = e;
  return rest;
};

/**
 * Runs one transaction for the resident at the kiosk and says how it ended. Cash still in
 * escrow from earlier transactions is settled with the center first (kiosk-recovery.ts).
 */
export const runTransaction = async (deps: KioskDeps, resident: Resident): Promise<TransactionOutcome> => {
  if (deps.cashBox.pending().length > 0) await recoverEscrow(deps);
  return new Transaction(deps, resident).run();
};

class Transaction {
  private readonly trail = new StateTrail();
  private session: SessionCreated | undefined;
  private holderSerial: string | undefined;
  private orderId: string | undefined;
  private cashSettled = false;
  /** The order's fate is unknown: its cash stays in escrow for recovery. */
  private cashHeld = false;
  private readonly idleMs: number;
  private readonly newKey: () => string;
  private readonly printed: PrintedDocument[] = [];

  constructor(
    private readonly deps: KioskDeps,
    private readonly resident: Resident,
  ) {
    this.idleMs = deps.idleTimeoutMs ?? 120_000;
    this.newKey = deps.newKey ?? randomUUID;
  }

  private notify(n: KioskNotice): void {
    this.resident.notify?.(n);
  }

  /** Waits for the resident, at most the idle time-out. */
  private async idle<T>(p: Promise<T>): Promise<T | typeof TIMEOUT> {
    let timer: NodeJS.Timeout | undefined;
    const t = new Promise<typeof TIMEOUT>((r) => {
      timer = setTimeout(() => r(TIMEOUT), this.idleMs);
    });
    try {
      return await Promise.race([p, t]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async end(state: 'cancelled' | 'expired' | 'refused', error: Refusal): Promise<TransactionFailure> {
    const refunded = this.refundCash();
    if (this.orderId && !this.cashSettled && !this.cashHeld) await this.deps.api.cancel(this.ref());
    if (this.session) await this.deps.api.endSession(this.session.sessionId);
    if (this.deps.reader.present()) {
      this.notify({ type: 'remove_card' });
      await this.idle(this.resident.removeCard(this.deps.reader));
    }
    this.notify({ type: 'refused', code: error.code });
    if (refunded.length) this.notify({ type: 'take_items', items: ['cash'] });
    this.trail.to(state);
    return {
      ok: false,
      error,
      refunded,
      ...(this.orderId ? { orderId: this.orderId } : {}),
      ...(this.holderSerial ? { holderSerial: this.holderSerial } : {}),
      printed: this.printed,
      path: this.trail.path,
    };
  }

  private ref(): OrderRef {
    return { sessionId: this.session!.sessionId, orderId: this.orderId! };
  }

  private refundCash(): Denomination[] {
    if (!this.orderId || this.cashSettled || this.cashHeld) return [];
    const r = this.deps.cashBox.refund(this.orderId);
    return r.ok ? r.value : [];
  }

  private cancelled = () =>
    this.end('cancelled', { code: 'INVALID_REQUEST', detail: 'cancelled by the resident' });
  private expired = () =>
    this.end('expired', { code: 'SESSION_EXPIRED', detail: 'no answer from the resident' });
  private refusedBy = (e: ApiRefusal | Refusal) =>
    e.code === 'SESSION_EXPIRED' ? this.end('expired', stripAny(e)) : this.end('refused', stripAny(e));

  async run(): Promise<TransactionOutcome> {
    const started = await this.startSession();
    if (started) return started;
    this.trail.to('awaiting_card');
    const inserted = await this.idle(
      this.resident.insertCard(this.deps.reader).then(async (a) => {
        if (a !== 'cancel') await this.deps.reader.waitForCard();
        return a;
      }),
    );
    if (inserted === TIMEOUT) return this.expired();
    if (inserted === 'cancel') return this.cancelled();
    const authenticated = await this.authenticate();
    if (authenticated) return authenticated;

    this.trail.to('awaiting_card_removal');
    this.notify({ type: 'remove_card' });
    const removed = await this.idle(
      this.resident.removeCard(this.deps.reader).then(() => this.deps.reader.waitForRemoval()),
    );
    if (removed === TIMEOUT) return this.expired();

    this.trail.to('choosing');
    const session = this.session!;
    const choices = await this.deps.api.choices(session.sessionId);
    if (!choices.ok) return this.refusedBy(choices.error);
    const requests = await this.idle(this.resident.choose(choices.value));
    if (requests === TIMEOUT) return this.expired();
    if (requests === 'cancel' || requests.length === 0) return this.cancelled();

    this.trail.to('confirming');
    const quote = await this.deps.api.quote(session.sessionId, requests);
    if (!quote.ok) return this.refusedBy(quote.error);
    const confirmed = await this.idle(this.resident.confirm(quote.value));
    if (confirmed === TIMEOUT) return this.expired();
    if (!confirmed) return this.cancelled();

    this.trail.to('ordering');
    const order = await this.deps.api.createOrder(session.sessionId, requests, this.newKey());
    if (!order.ok) return this.refusedBy(order.error);
    this.orderId = order.value.orderId;
    const totalYen = order.value.totalYen;

    this.trail.to('paying');
    const paid = await this.pay(totalYen);
    if ('ok' in paid) return paid;

    this.trail.to('issuing');
    const issued = await this.issue();
    if ('ok' in issued) return issued;
    return this.deliver(issued, requests, totalYen, paid.paidYen);
  }

  private async startSession(): Promise<TransactionFailure | undefined> {
    this.trail.to('session');
    const s = await this.deps.api.startSession();
    if (!s.ok) return this.end('refused', strip(s.error));
    this.session = s.value;
    return undefined;
  }

  private async authenticate(): Promise<TransactionFailure | undefined> {
    let remainingTries: number | undefined;
    for (let attempt = 1; ; attempt++) {
      this.trail.to('awaiting_pin');
      const pin = await this.idle(
        this.resident.enterPin({ attempt, ...(remainingTries !== undefined ? { remainingTries } : {}) }),
      );
      if (pin === TIMEOUT) return this.expired();
      if (pin === 'cancel') {
        if (remainingTries !== undefined)
          return this.end('refused', { code: 'PIN_INCORRECT', remainingTries });
        return this.cancelled();
      }
      this.trail.to('authenticating');
      for (let restart = 0; ; restart++) {
        const session = this.session!;
        const signed = await this.deps.reader.authenticate(pin, Buffer.from(session.challenge, 'base64'));
        if (!signed.ok) {
          const code = signed.error.code;
          if (code === 'PIN_INCORRECT' || code === 'PIN_LOCKED' || code === 'CARD_UNKNOWN')
            await this.deps.api.reportCardRefusal(session.sessionId, {
              code,
              ...(signed.error.remainingTries !== undefined
                ? { remainingTries: signed.error.remainingTries }
                : {}),
            });
          if (code === 'PIN_INCORRECT' && (signed.error.remainingTries ?? 0) > 0) {
            remainingTries = signed.error.remainingTries ?? 0;
            this.notify({ type: 'pin_incorrect', remainingTries });
            break;
          }
          if (code === 'PIN_LOCKED' || code === 'PIN_INCORRECT') {
            this.notify({ type: 'pin_locked' });
            return this.end('refused', { code: 'PIN_LOCKED' });
          }
          return this.end('refused', signed.error);
        }
        const auth = await this.deps.api.authenticate(session.sessionId, {
          challengeId: session.challengeId,
          certificate: b64(signed.value.certificateDer),
          signature: b64(signed.value.signature),
        });
        if (auth.ok) {
          this.holderSerial = auth.value.holder.serial;
          return undefined;
        }
        // No answer: the challenge may be spent, so take a new session and sign again.
        if (auth.error.status !== 0 || restart >= MAX_SESSION_RESTARTS) return this.refusedBy(auth.error);
        this.trail.to('session');
        const again = await this.deps.api.startSession();
        if (!again.ok) return this.end('refused', strip(again.error));
        this.session = again.value;
        this.trail.to('awaiting_card');
        this.trail.to('awaiting_pin');
        this.trail.to('authenticating');
      }
    }
  }

  private async pay(totalYen: number): Promise<TransactionFailure | { paidYen: number }> {
    const orderId = this.orderId!;
    const box = this.deps.cashBox;
    for (;;) {
      const insertedYen = box.holding(orderId).insertedYen;
      if (insertedYen >= totalYen) break;
      const pieces = await this.idle(this.resident.insertCash({ totalYen, insertedYen }));
      if (pieces === TIMEOUT) return this.expired();
      if (pieces === 'cancel') return this.cancelled();
      if (pieces === 'done') break;
      for (const piece of pieces) {
        const r = box.insert(orderId, piece);
        if (!r.ok) this.notify({ type: 'not_a_denomination', piece });
      }
    }
    const insertedYen = box.holding(orderId).insertedYen;
    const paid = await this.deps.api.pay(this.ref(), insertedYen, this.newKey());
    if (!paid.ok) return this.refusedBy(paid.error);
    return { paidYen: paid.value.paidYen };
  }

  private async issue(): Promise<TransactionFailure | Issued> {
    const orderId = this.orderId!;
    const until = Date.now() + (this.deps.issueWaitMs ?? ISSUE_WAIT_MS);
    for (;;) {
      const r = await this.deps.api.issue(this.ref());
      if (r.ok && isIssued(r.value)) {
        if (r.value.holderSerial !== this.holderSerial || r.value.orderId !== orderId)
          return this.end('refused', {
            code: 'SERVICE_UNAVAILABLE',
            detail: 'issued order is bound to another card',
          });
        return r.value;
      }
      // The center refunded (a municipality down, a register change): hand the cash back.
      if (!r.ok && (r.error.orderState === 'refunded' || r.error.orderState === 'cancelled'))
        return this.refusedBy(r.error);
      const transient = r.ok || r.error.code === 'SERVICE_UNAVAILABLE' || r.error.status === 0;
      if (!transient || Date.now() > until) return this.settlePaidOrder(r.ok ? undefined : r.error);
      await sleep(r.ok && !isIssued(r.value) ? Math.min(Math.max(r.value.retryAfterMs, 20), 2_000) : 500);
    }
  }

  /**
   * Issuing did not finish and the center did not say it refunded: the cash is handed back
   * only once the center confirms the order is cancelled or refunded; an order found issued
   * is delivered; otherwise the cash stays in escrow for recovery (never paid out twice).
   */
  private async settlePaidOrder(error: ApiRefusal | undefined): Promise<TransactionFailure | Issued> {
    const why: Refusal = error
      ? stripAny(error)
      : { code: 'SERVICE_UNAVAILABLE', detail: 'issuing took too long' };
    const cancelled = await this.deps.api.cancel(this.ref());
    if (cancelled.ok && (cancelled.value.state === 'refunded' || cancelled.value.state === 'cancelled'))
      return this.end('refused', why);
    const status = await this.deps.api.order(this.ref());
    if (status.ok && status.value.state === 'issued') {
      const documents = status.value.documents.filter((d) => d.kind === 'certificate');
      const receipt = status.value.documents.find((d) => d.kind === 'receipt');
      if (receipt)
        return {
          orderId: this.orderId!,
          state: 'issued',
          holderSerial: this.holderSerial!,
          documents,
          receipt,
          reprintUntil: '',
        };
    }
    this.cashHeld = true;
    return this.end('refused', {
      ...why,
      detail: `${why.detail ?? ''} (cash kept in escrow until the center answers)`,
    });
  }

  private async deliver(
    issued: Issued,
    requests: CertificateRequest[],
    totalYen: number,
    paidYen: number,
  ): Promise<TransactionOutcome> {
    const orderId = this.orderId!;
    this.trail.to('printing');
    const delivery = new Delivery({
      api: this.deps.api,
      printer: this.deps.printer,
      order: this.ref(),
      holderSerial: this.holderSerial!,
      maxReprints: this.deps.maxReprints ?? 3,
      notify: (n) => this.notify(n),
    });
    const all: DocumentInfo[] = [...issued.documents, issued.receipt];
    this.notify({ type: 'printing', documents: all.length });
    // Fetch and check everything first: one bad document and nothing of the order is printed.
    const checked: Buffer[] = [];
    for (const doc of all) {
      const f = await delivery.fetch(doc);
      if (!f.ok) return this.end('refused', f.error);
      checked.push(f.bytes);
    }
    const change = this.deps.cashBox.settle(orderId, totalYen);
    this.cashSettled = true;
    for (const [i, doc] of all.entries()) {
      const p = await delivery.print(doc, checked[i]!);
      checked[i] = Buffer.alloc(0);
      if (!p.ok) return this.end('refused', p.error);
      this.printed.push(p.value);
    }
    this.trail.to('finishing');
    await this.deps.api.endSession(this.session!.sessionId);
    this.notify({ type: 'take_items', items: ['certificates', 'receipt', 'change'] });
    this.trail.to('completed');
    const changePieces = change.ok ? change.value : [];
    return {
      ok: true,
      sessionId: this.session!.sessionId,
      orderId,
      holderSerial: this.holderSerial!,
      requests,
      totalYen,
      paidYen,
      changeYen: changePieces.reduce((s, p) => s + p, 0),
      change: changePieces,
      certificates: this.printed.filter((d) => d.kind === 'certificate'),
      receipt: this.printed.find((d) => d.kind === 'receipt')!,
      reprints: delivery.reprints,
      path: this.trail.path,
    };
  }
}

const stripAny = (e: ApiRefusal | Refusal): Refusal & { message?: string; messageEn?: string } =>
  'status' in e ? strip(e as ApiRefusal) : e;
