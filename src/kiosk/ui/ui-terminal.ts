import { join } from 'node:path';
import { refusalMessage } from '../../domain/messages.js';
import type { CertificateRequest } from '../../domain/request.js';
import type { CenterApi } from '../center-api.js';
import { COINS, NOTES } from '../devices/cash-box.js';
import { openVirtualJpkiCard } from '../devices/jpki-card.js';
import { runTransaction, type TransactionOutcome } from '../kiosk-client.js';
import type { Resident } from '../resident.js';
import { openVirtualKiosk, type VirtualKiosk } from '../virtual-kiosk.js';
import { Changes } from './changes.js';
import { watchedApi, watchedPrinter, watchedReader } from './device-wrappers.js';
import { endingOf, registrationWords, remindersOf } from './endings.js';
import { applyAtCenter, standingApplication } from './honseki-application.js';
import { IdleTimer } from './idle-timer.js';
import { Prompts } from './prompts.js';
import { screenResident } from './screen-resident.js';
import type { KioskUiTerminalOptions, View } from './terminal-options.js';
import { TransactionFlags } from './transaction-flags.js';
import { emptyDir, listTray } from './tray.js';
import type { Reminder, UiAction, UiAnswer, UiConfig, UiService, UiState, UiStep } from './ui-types.js';

// One kiosk terminal behind the screen: the real kiosk client and the real virtual devices,
// driven one step at a time by the browser's actions. One instance = one terminal.

export type { KioskUiTerminalOptions };

const WAITING: UiStep[] = [
  'card',
  'pin',
  'remove',
  'choose',
  'confirm',
  'pay',
  'take',
  'ended',
  'honseki_form',
  'honseki_confirm',
  'honseki_done',
];

const CALL_STEPS: Partial<Record<keyof CenterApi, UiStep>> = {
  startSession: 'connecting',
  choices: 'loading',
  createOrder: 'ordering',
  issue: 'issuing',
};

type Err = { ok: false; error: { code: string; detail: string } };
const bad = (detail: string): Err => ({ ok: false, error: { code: 'INVALID_REQUEST', detail } });

export class KioskUiTerminal {
  readonly config: UiConfig;
  private readonly idleTimer: IdleTimer;
  private kiosk: VirtualKiosk | undefined;
  private api: CenterApi | undefined;
  private step: UiStep = 'start';
  private card: string | undefined;
  private running: Promise<void> | undefined;
  private abortWaiters: (() => void)[] = [];
  private readonly prompts = new Prompts();
  private view: View = {};
  private service: UiService = 'certificates';
  private trayCash: number[] = [];
  private readonly changes = new Changes();
  private tx = new TransactionFlags();
  private readonly stateDir: string;

  constructor(private readonly opts: KioskUiTerminalOptions) {
    this.stateDir = opts.stateDir ?? join(opts.dataDir, 'kiosk-ui', opts.terminalId);
    const idleMs = opts.idleMs ?? 90_000;
    const warnMs = Math.min(opts.warnMs ?? 20_000, idleMs);
    this.config = {
      idleMs,
      warnMs,
      reminderMs: opts.reminderMs ?? 8_000,
      cards: opts.cards ?? [],
      denominations: [...NOTES, ...COINS],
    };
    this.idleTimer = new IdleTimer(idleMs, warnMs, {
      warn: () => this.changed(),
      expire: () => void this.timeOut(),
    });
  }

  private open(): VirtualKiosk {
    if (this.kiosk) return this.kiosk;
    const url = typeof this.opts.centerUrl === 'function' ? this.opts.centerUrl() : this.opts.centerUrl;
    this.kiosk = openVirtualKiosk({
      terminalDir: join(this.opts.dataDir, 'terminals', this.opts.terminalId),
      centerUrl: url,
      outDir: join(this.stateDir, 'tray'),
      stateDir: this.stateDir,
      clock: this.opts.clock,
      ...(this.opts.retry ? { retry: this.opts.retry } : {}),
      // Looked up at each call: every transaction has its own flags.
      wrapApi: (api) => watchedApi(api, () => this.tx.watch((name) => this.onCall(name))),
    });
    this.api = this.kiosk.deps.api;
    return this.kiosk;
  }

  /** The screen follows the client's calls to the center. */
  private onCall(name: keyof CenterApi): void {
    const next = CALL_STEPS[name];
    if (next && this.step !== next && !this.tx.aborted) this.go(next);
  }

  // ---- state ----

  snapshot(): UiState {
    const kiosk = this.kiosk;
    const terminal = kiosk?.terminal ?? { id: this.opts.terminalId, kind: 'store' as const };
    return {
      ...(this.view as Partial<UiState>),
      version: this.changes.version,
      step: this.step,
      terminal: {
        id: terminal.id,
        kind: terminal.kind,
        ...(this.tx.session?.terminal.storeName ? { storeName: this.tx.session.terminal.storeName } : {}),
      },
      ...(this.card ? { cardInReader: this.card } : {}),
      tray: { documents: this.trayDocuments(), cash: [...this.trayCash] },
      reminders: this.reminders(),
      ...(this.idleTimer.armed ? { idle: this.idleTimer.status() } : {}),
    };
  }

  private reminders(): Reminder[] {
    return remindersOf({
      step: this.step,
      card: this.card !== undefined,
      askingForCard: this.prompts.kind === 'remove' && (this.tx.failing || this.tx.userCancelled),
      trayFull: this.trayDocuments().length > 0 || this.trayCash.length > 0,
    });
  }

  private trayDir(): string {
    return join(this.stateDir, 'tray');
  }

  private trayDocuments() {
    return listTray(this.trayDir());
  }

  /** The file of a document in the output tray (undefined if it is not there). */
  trayFile(id: string): string | undefined {
    return this.trayDocuments().some((d) => d.id === id) ? join(this.trayDir(), id) : undefined;
  }

  private changed(): void {
    this.changes.bump();
  }

  private go(step: UiStep, view?: View): void {
    this.step = step;
    if (view) this.view = { ...this.view, ...view };
    if (WAITING.includes(step)) this.idleTimer.arm();
    else this.idleTimer.disarm();
    this.changed();
  }

  /** Resolves when the state is newer than `after`, or after `maxMs`. */
  waitForChange(after: number, maxMs: number): Promise<void> {
    return this.changes.wait(after, maxMs);
  }

  // ---- the resident, as the kiosk client sees them ----

  private resident(): Resident {
    const resident = screenResident({
      tx: this.tx,
      prompts: this.prompts,
      go: (step, view) => this.go(step, view),
      view: () => this.view,
    });
    if (this.service === 'certificates') return resident;
    // The 本籍地 registration: after step 4 the form instead of the certificates. The client is
    // then told "cancel": no order, and it ends the session as on every path.
    return {
      ...resident,
      choose: async () => {
        // The applicant can see the state (SPEC §8): an application that still stands is shown.
        const tx = this.tx;
        const sessionId = tx.session?.sessionId;
        const standing =
          sessionId && this.kiosk ? await standingApplication(this.kiosk.transport, sessionId) : undefined;
        if (standing && !tx.aborted) {
          tx.registration = standing;
          return 'cancel';
        }
        this.go('honseki_form', { honseki: {} });
        await this.prompts.ask<'sent' | 'cancel'>('honseki', 'cancel');
        return 'cancel';
      },
    };
  }

  // ---- actions from the browser ----

  async act(a: UiAction): Promise<UiAnswer> {
    if (WAITING.includes(this.step) || this.step === 'start') this.idleTimer.touch();
    const r = await this.apply(a);
    if (r) return r;
    this.changed();
    return { ok: true, state: this.snapshot() };
  }

  private async apply(a: UiAction): Promise<Err | undefined> {
    switch (a.type) {
      case 'activity':
        return undefined;
      case 'start':
        return this.start(a.service ?? 'certificates');
      case 'honseki':
        return this.fillHonseki(a.honseki, a.hittosha);
      case 'card':
        return a.action === 'insert' ? this.insertCard(a.name) : this.removeCard();
      case 'pin':
        if (!/^\d{4}$/.test(a.pin)) return bad('the PIN is 4 digits');
        if (!this.prompts.answer('pin', a.pin)) return bad('no PIN is asked now');
        this.go('authenticating');
        return undefined;
      case 'choose':
        return this.preview(a.requests);
      case 'back':
        if (this.step === 'honseki_confirm') {
          this.go('honseki_form');
          return undefined;
        }
        if (this.step !== 'confirm') return bad('nothing to go back from');
        this.go('choose', { choiceError: undefined });
        return undefined;
      case 'confirm':
        if (this.step === 'honseki_confirm') return a.yes ? this.sendHonseki() : this.cancel();
        if (this.step !== 'confirm' || !this.view.requests) return bad('nothing to confirm');
        if (!a.yes) return this.cancel();
        this.prompts.answer('choose', this.view.requests);
        return undefined;
      case 'cash':
        if (!this.config.denominations.includes(a.piece)) return bad('not a note or coin');
        if (!this.prompts.answer('cash', [a.piece])) return bad('no payment is asked now');
        this.tx.inserted.push(a.piece);
        return undefined;
      case 'cash_done':
        return this.prompts.answer('cash', 'done') ? undefined : bad('no payment is asked now');
      case 'cancel':
        return this.cancel();
      case 'take':
        return this.take(a.what);
      case 'finish':
        if ((this.step !== 'take' && this.step !== 'ended' && this.step !== 'honseki_done') || this.running)
          return bad('the transaction is not over');
        this.toStart();
        return undefined;
    }
  }

  private start(service: UiService): Err | undefined {
    if (this.step !== 'start') return bad('a transaction is already running');
    if (this.card) return bad('take the card left in the reader first');
    if (service !== 'certificates' && service !== 'honseki') return bad('no such service');
    const kiosk = this.open();
    this.tx = new TransactionFlags();
    this.service = service;
    this.view = service === 'honseki' ? { service } : {};
    const deps = {
      ...kiosk.deps,
      reader: watchedReader(kiosk.reader, () => this.abortSignal()),
      printer: watchedPrinter(
        kiosk.printer,
        (_job, r) => {
          if (r.ok && this.view.printing)
            this.go('printing', {
              printing: { ...this.view.printing, printed: this.view.printing.printed + 1 },
            });
        },
        this.opts.printDelayMs ?? 500,
      ),
      // The screen's own idle time-out decides; the client's is only a backstop.
      idleTimeoutMs: this.config.idleMs * 3 + 60_000,
    };
    this.go('connecting');
    this.running = runTransaction(deps, this.resident())
      .then((outcome) => this.finished(outcome))
      .catch((e: unknown) =>
        this.finished({
          ok: false,
          error: { code: 'SERVICE_UNAVAILABLE', detail: String(e) },
          refunded: [],
          printed: [],
          path: [],
        }),
      );
    return undefined;
  }

  private abortSignal(): Promise<void> {
    if (this.tx.aborted) return Promise.resolve();
    return new Promise((r) => this.abortWaiters.push(r));
  }

  private insertCard(name: string): Err | undefined {
    if (this.card) return bad('a card is already on the reader');
    if (!this.config.cards.some((c) => c.name === name) && this.config.cards.length)
      return bad('no such demo card');
    let card: ReturnType<typeof openVirtualJpkiCard>;
    try {
      card = openVirtualJpkiCard(this.opts.dataDir, name);
    } catch {
      return bad('no such demo card');
    }
    this.open().reader.insert(card);
    this.card = name;
    this.prompts.answer('card', undefined);
    return undefined;
  }

  private removeCard(): Err | undefined {
    if (!this.card) return bad('the reader is empty');
    this.open().reader.remove();
    this.card = undefined;
    this.prompts.answer('remove', undefined);
    return undefined;
  }

  private async preview(requests: CertificateRequest[]): Promise<Err | undefined> {
    if (this.step !== 'choose' || !this.tx.session || !this.api) return bad('nothing to choose now');
    if (!Array.isArray(requests) || requests.length < 1 || requests.length > 7) return bad('choose 1 to 7');
    const q = await this.api.quote(this.tx.session.sessionId, requests);
    if (!q.ok) {
      this.tx.failing = false; // a refused quote is shown; the resident may choose again
      const { status: _s, ...e } = q.error;
      this.view = {
        ...this.view,
        choiceError: {
          code: e.code,
          message: e.message ?? refusalMessage(e, 'ja'),
          messageEn: e.messageEn ?? refusalMessage(e, 'en'),
        },
      };
      return undefined;
    }
    this.go('confirm', { requests, quote: q.value, choiceError: undefined });
    return undefined;
  }

  // ---- the 本籍地 registration ----

  private fillHonseki(honseki: unknown, hittosha: unknown): Err | undefined {
    if (this.step !== 'honseki_form' || this.prompts.kind !== 'honseki') return bad('no form is shown now');
    if (typeof honseki !== 'string' || typeof hittosha !== 'string')
      return bad('honseki and hittosha are text');
    const draft = { honseki: honseki.trim(), hittosha: hittosha.trim() };
    if (draft.honseki.length < 1 || draft.honseki.length > 200) return bad('honseki: 1 to 200 characters');
    if (draft.hittosha.length < 1 || draft.hittosha.length > 60) return bad('hittosha: 1 to 60 characters');
    this.go('honseki_confirm', { honseki: { draft } });
    return undefined;
  }

  private async sendHonseki(): Promise<Err | undefined> {
    const draft = this.view.honseki?.draft;
    const sessionId = this.tx.session?.sessionId;
    const kiosk = this.kiosk;
    if (!draft || !sessionId || !kiosk || this.prompts.kind !== 'honseki') return bad('nothing to send');
    const tx = this.tx;
    this.go('honseki_sending');
    const r = await applyAtCenter(kiosk.transport, sessionId, draft);
    if (tx.aborted || tx !== this.tx) return undefined; // timed out meanwhile: the screen was erased
    if (r.ok) {
      tx.registration = r.value;
      this.prompts.answer('honseki', 'sent');
      return undefined;
    }
    const { status, ...error } = r.error;
    // Nothing the resident can correct: the transaction ends with the reason.
    if (status === 0 || status >= 500 || error.code === 'SESSION_EXPIRED') {
      tx.registrationFailure = error;
      this.prompts.answer('honseki', 'sent');
      return undefined;
    }
    this.go('honseki_form', { honseki: { draft, error } });
    return undefined;
  }

  private cancel(): Err | undefined {
    const kind = this.prompts.kind;
    if (!kind || kind === 'remove') return bad('nothing to cancel now');
    this.tx.userCancelled = true;
    this.prompts.abort();
    return undefined;
  }

  private take(what: 'documents' | 'cash'): Err | undefined {
    if (what === 'cash') this.trayCash = [];
    // The paper leaves with the resident: the printed files go, the tray itself stays.
    else emptyDir(this.trayDir(), (f) => f.endsWith('.pdf'));
    if (this.step === 'take') this.go('take');
    return undefined;
  }

  // ---- endings ----

  private finished(outcome: TransactionOutcome): void {
    const wasAborted = this.tx.aborted;
    this.running = undefined;
    this.view.endingPending = false;
    const { registration, registrationFailure } = this.tx;
    if (!outcome.ok && !wasAborted && registration) {
      this.go('honseki_done', { honseki: { ...this.view.honseki, receipt: registration } });
      return;
    }
    if (!outcome.ok && !wasAborted && registrationFailure) {
      this.go('ended', {
        ending: { kind: 'refused', ...registrationWords(registrationFailure), refundedYen: 0 },
      });
      return;
    }
    if (outcome.ok) {
      this.trayCash.push(...outcome.change);
      this.go('take', {
        result: { totalYen: outcome.totalYen, paidYen: outcome.paidYen, changeYen: outcome.changeYen },
      });
    } else {
      this.trayCash.push(...outcome.refunded);
      emptyDir(join(this.stateDir, 'spool'));
      if (wasAborted) this.toStart('timed_out');
      else this.go('ended', { ending: endingOf(outcome) });
    }
  }

  private toStart(flash?: UiState['flash']): void {
    this.view = flash ? { flash } : {};
    this.service = 'certificates';
    this.tx.session = undefined;
    this.go('start');
    this.idleTimer.disarm();
    this.changed();
  }

  /** The resident walked away: erase the screen, end the center session, empty the spool. */
  private async timeOut(): Promise<void> {
    if (!this.running) {
      if (this.step !== 'start') this.toStart('timed_out');
      return;
    }
    this.tx.aborted = true;
    const sessionId = this.tx.session?.sessionId;
    this.prompts.abort();
    for (const w of this.abortWaiters.splice(0)) w();
    await this.running;
    // The client ends its session on every path; make sure even if it could not.
    if (sessionId && this.api) await this.api.endSession(sessionId);
    this.tx.session = undefined;
  }

  /** Changes the idle time-out, restarting a running wait (operators; tests shorten it). */
  setIdleTimes(idleMs: number, warnMs: number): void {
    this.config.idleMs = idleMs;
    this.config.warnMs = Math.min(warnMs, idleMs);
    this.idleTimer.configure(idleMs, warnMs);
  }

  /** The center session of the running transaction (tests check it was ended). */
  get sessionId(): string | undefined {
    return this.tx.session?.sessionId;
  }

  /** Closes the terminal: aborts a running transaction and closes the connection. */
  async close(): Promise<void> {
    this.idleTimer.disarm();
    if (this.running) await this.timeOut();
    this.kiosk?.close();
  }
}
