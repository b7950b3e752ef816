import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Choices, Quote, SessionCreated } from '../../center/api-types.js';
import type { Clock } from '../../domain/japan-time.js';
import { refusalMessage } from '../../domain/messages.js';
import type { CertificateRequest } from '../../domain/request.js';
import type { CenterApi, RetryPolicy } from '../center-api.js';
import { COINS, NOTES } from '../devices/cash-box.js';
import { openVirtualJpkiCard } from '../devices/jpki-card.js';
import { runTransaction, type TransactionOutcome } from '../kiosk-client.js';
import type { KioskNotice, Resident } from '../resident.js';
import { openVirtualKiosk, type VirtualKiosk } from '../virtual-kiosk.js';
import { watchedApi, watchedPrinter, watchedReader } from './device-wrappers.js';
import { IdleTimer } from './idle-timer.js';
import { Prompts } from './prompts.js';
import { trayDocumentOf } from './tray.js';
import type { Reminder, UiAction, UiAnswer, UiConfig, UiEnding, UiState, UiStep } from './ui-types.js';

// One kiosk terminal behind the screen: the real kiosk client and the real virtual devices,
// driven one step at a time by the browser's actions. One instance = one terminal.

export interface KioskUiTerminalOptions {
  dataDir: string;
  /** The center's https URL (a function when it is known only after listen). */
  centerUrl: string | (() => string);
  /** Directory name under DATA/terminals: 'store' or 'townhall'. */
  terminalId: string;
  clock: Clock;
  /** Spool, cash logs and output tray of this terminal (default DATA/kiosk-ui/<terminalId>). */
  stateDir?: string;
  /** Idle time before everything is erased, and how long the warning counts down before. */
  idleMs?: number;
  warnMs?: number;
  /** Voice reminders repeat this often while something is left behind. */
  reminderMs?: number;
  /** Slows the virtual printer so that the progress can be seen. */
  printDelayMs?: number;
  /** Demo cards for the card tray (label and PIN shown to the demo visitor). */
  cards?: UiConfig['cards'];
  retry?: RetryPolicy;
}

type View = { [K in keyof UiState]?: UiState[K] | undefined };

const WAITING: UiStep[] = ['card', 'pin', 'remove', 'choose', 'confirm', 'pay', 'take', 'ended'];
const CARD_STEPS: UiStep[] = ['connecting', 'card', 'pin', 'authenticating', 'remove'];

type Err = { ok: false; error: { code: string; detail: string } };
const bad = (detail: string): Err => ({ ok: false, error: { code: 'INVALID_REQUEST', detail } });

export class KioskUiTerminal {
  readonly config: UiConfig;
  private readonly idleTimer: IdleTimer;
  private kiosk: VirtualKiosk | undefined;
  private api: CenterApi | undefined;
  private version = 1;
  private step: UiStep = 'start';
  private card: string | undefined;
  private running: Promise<void> | undefined;
  private aborted = false;
  private abortWaiters: (() => void)[] = [];
  private readonly prompts = new Prompts();
  private session: SessionCreated | undefined;
  private authenticated = false;
  private failing = false;
  private userCancelled = false;
  private lastRefusal:
    | { code: string; message?: string; messageEn?: string; remainingTries?: number }
    | undefined;
  private inserted: number[] = [];
  private view: View = {};
  private trayCash: number[] = [];
  private listeners: (() => void)[] = [];
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
      wrapApi: (api) =>
        watchedApi(api, {
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
          onCall: (name, args) => this.onCall(name, args),
        }),
    });
    this.api = this.kiosk.deps.api;
    return this.kiosk;
  }

  private onCall(name: keyof CenterApi, args: unknown[]): void {
    if (name === 'reportCardRefusal') {
      const body = args[1] as { code: string; remainingTries?: number };
      if (body.code !== 'PIN_INCORRECT' || body.remainingTries === 0) {
        this.failing = true;
        this.lastRefusal = body.code === 'PIN_INCORRECT' ? { code: 'PIN_LOCKED' } : body;
      }
    }
    const to: Partial<Record<keyof CenterApi, UiStep>> = {
      startSession: 'connecting',
      choices: 'loading',
      createOrder: 'ordering',
      issue: 'issuing',
    };
    const next = to[name];
    if (next && this.step !== next && !this.aborted) this.go(next);
  }

  // ---- state ----

  snapshot(): UiState {
    const kiosk = this.kiosk;
    const terminal = kiosk?.terminal ?? { id: this.opts.terminalId, kind: 'store' as const };
    return {
      ...(this.view as Partial<UiState>),
      version: this.version,
      step: this.step,
      terminal: {
        id: terminal.id,
        kind: terminal.kind,
        ...(this.session?.terminal.storeName ? { storeName: this.session.terminal.storeName } : {}),
      },
      ...(this.card ? { cardInReader: this.card } : {}),
      tray: { documents: this.trayDocuments(), cash: [...this.trayCash] },
      reminders: this.reminders(),
      ...(this.idleTimer.armed ? { idle: this.idleTimer.status() } : {}),
    };
  }

  private reminders(): Reminder[] {
    const out: Reminder[] = [];
    const removing =
      this.step === 'remove' || (this.prompts.kind === 'remove' && (this.failing || this.userCancelled));
    if (this.card && removing) out.push('card_not_removed');
    else if (this.card && !CARD_STEPS.includes(this.step)) out.push('card_left');
    const trayFull = this.trayDocuments().length > 0 || this.trayCash.length > 0;
    if (trayFull && !['printing', 'issuing'].includes(this.step)) out.push('items_left');
    return out;
  }

  private trayDir(): string {
    return join(this.stateDir, 'tray');
  }

  private trayDocuments() {
    let names: string[] = [];
    try {
      names = readdirSync(this.trayDir()).filter((f) => f.endsWith('.pdf'));
    } catch {
      return [];
    }
    return names.sort().map((f) => trayDocumentOf(this.trayDir(), f));
  }

  /** The file of a document in the output tray (undefined if it is not there). */
  trayFile(id: string): string | undefined {
    return this.trayDocuments().some((d) => d.id === id) ? join(this.trayDir(), id) : undefined;
  }

  private changed(): void {
    this.version += 1;
    const l = this.listeners;
    this.listeners = [];
    for (const f of l) f();
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
    if (this.version > after) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(resolve, maxMs);
      this.listeners.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  // ---- the resident, as the kiosk client sees them ----

  private resident(): Resident {
    return {
      insertCard: async () => {
        this.go('card');
        return this.prompts.ask<undefined | 'cancel'>('card', 'cancel');
      },
      enterPin: async (prompt) => {
        this.go('pin', { pin: prompt });
        return this.prompts.ask<string | 'cancel'>('pin', 'cancel');
      },
      removeCard: async (reader) => {
        if (!reader.present() || this.aborted) return;
        // Step 4 after a good PIN; otherwise the card is asked back at the end of a failure.
        if (this.authenticated && !this.failing && !this.userCancelled) this.go('remove');
        else this.go('ended', { ending: this.provisionalEnding(), endingPending: true });
        await this.prompts.ask<undefined>('remove', undefined);
      },
      choose: async (choices: Choices) => {
        this.go('choose', { choices });
        return this.prompts.ask<CertificateRequest[] | 'cancel'>('choose', 'cancel');
      },
      // The screen already showed the quote and the resident said yes (see act 'confirm').
      confirm: async (quote: Quote) => {
        this.view.quote = quote;
        return !this.aborted;
      },
      insertCash: async (prompt) => {
        this.go('pay', { pay: { ...prompt, inserted: [...this.inserted] } });
        return this.prompts.ask<number[] | 'done' | 'cancel'>('cash', 'cancel');
      },
      notify: (n) => this.notice(n),
    };
  }

  private notice(n: KioskNotice): void {
    if (n.type === 'printing')
      this.go('printing', { printing: { documents: n.documents, printed: 0, reprinting: false } });
    else if (n.type === 'reprinting' && this.view.printing)
      this.go('printing', { printing: { ...this.view.printing, reprinting: true } });
    else if (n.type === 'pin_incorrect' || n.type === 'pin_locked') this.changed();
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
        return this.start();
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
        if (this.step !== 'confirm') return bad('nothing to go back from');
        this.go('choose', { choiceError: undefined });
        return undefined;
      case 'confirm':
        if (this.step !== 'confirm' || !this.view.requests) return bad('nothing to confirm');
        if (!a.yes) return this.cancel();
        this.prompts.answer('choose', this.view.requests);
        return undefined;
      case 'cash':
        if (!this.config.denominations.includes(a.piece)) return bad('not a note or coin');
        if (!this.prompts.answer('cash', [a.piece])) return bad('no payment is asked now');
        this.inserted.push(a.piece);
        return undefined;
      case 'cash_done':
        return this.prompts.answer('cash', 'done') ? undefined : bad('no payment is asked now');
      case 'cancel':
        return this.cancel();
      case 'take':
        return this.take(a.what);
      case 'finish':
        if ((this.step !== 'take' && this.step !== 'ended') || this.running)
          return bad('the transaction is not over');
        this.toStart();
        return undefined;
    }
  }

  private start(): Err | undefined {
    if (this.step !== 'start') return bad('a transaction is already running');
    if (this.card) return bad('take the card left in the reader first');
    const kiosk = this.open();
    this.aborted = false;
    this.authenticated = false;
    this.failing = false;
    this.userCancelled = false;
    this.lastRefusal = undefined;
    this.inserted = [];
    this.session = undefined;
    this.view = {};
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
    if (this.aborted) return Promise.resolve();
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
    if (this.step !== 'choose' || !this.session || !this.api) return bad('nothing to choose now');
    if (!Array.isArray(requests) || requests.length < 1 || requests.length > 7) return bad('choose 1 to 7');
    const q = await this.api.quote(this.session.sessionId, requests);
    if (!q.ok) {
      this.failing = false; // a refused quote is shown; the resident may choose again
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

  private cancel(): Err | undefined {
    const kind = this.prompts.kind;
    if (!kind || kind === 'remove') return bad('nothing to cancel now');
    this.userCancelled = true;
    this.prompts.abort();
    return undefined;
  }

  private take(what: 'documents' | 'cash'): Err | undefined {
    if (what === 'cash') this.trayCash = [];
    // The paper leaves with the resident: the printed files go, the tray itself stays.
    else for (const d of this.trayDocuments()) rmSync(join(this.trayDir(), d.id), { force: true });
    if (this.step === 'take') this.go('take');
    return undefined;
  }

  // ---- endings ----

  private provisionalEnding(): UiEnding {
    const e = this.lastRefusal;
    if (this.userCancelled || !e) return { kind: 'cancelled', message: '', messageEn: '', refundedYen: 0 };
    const r = { ...e, code: e.code as never };
    return {
      kind: 'refused',
      code: e.code,
      message: e.message ?? refusalMessage(r, 'ja'),
      messageEn: e.messageEn ?? refusalMessage(r, 'en'),
      refundedYen: 0,
    };
  }

  private finished(outcome: TransactionOutcome): void {
    const wasAborted = this.aborted;
    this.running = undefined;
    this.view.endingPending = false;
    if (outcome.ok) {
      this.trayCash.push(...outcome.change);
      this.go('take', {
        result: { totalYen: outcome.totalYen, paidYen: outcome.paidYen, changeYen: outcome.changeYen },
      });
    } else {
      this.trayCash.push(...outcome.refunded);
      const refundedYen = outcome.refunded.reduce((s, p) => s + p, 0);
      this.wipeSpool();
      if (wasAborted) {
        this.toStart('timed_out');
        return;
      }
      const e = outcome.error;
      const last = outcome.path.at(-1);
      const kind = last === 'cancelled' || last === 'expired' ? last : 'refused';
      this.go('ended', {
        ending: {
          kind,
          code: e.code,
          message: e.message ?? refusalMessage(e, 'ja'),
          messageEn: e.messageEn ?? refusalMessage(e, 'en'),
          refundedYen,
        },
      });
    }
  }

  private wipeSpool(): void {
    const spool = join(this.stateDir, 'spool');
    let entries: string[] = [];
    try {
      entries = readdirSync(spool);
    } catch {
      return;
    }
    for (const e of entries) rmSync(join(spool, e), { recursive: true, force: true });
  }

  private toStart(flash?: UiState['flash']): void {
    this.view = flash ? { flash } : {};
    this.session = undefined;
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
    this.aborted = true;
    const sessionId = this.session?.sessionId;
    this.prompts.abort();
    for (const w of this.abortWaiters.splice(0)) w();
    await this.running;
    // The client ends its session on every path; make sure even if it could not.
    if (sessionId && this.api) await this.api.endSession(sessionId);
    this.session = undefined;
  }

  /** The center session of the running transaction (tests check it was ended). */
  get sessionId(): string | undefined {
    return this.session?.sessionId;
  }

  /** Closes the terminal: aborts a running transaction and closes the connection. */
  async close(): Promise<void> {
    this.idleTimer.disarm();
    if (this.running) await this.timeOut();
    this.kiosk?.close();
  }
}
