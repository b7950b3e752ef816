import type { SessionCreated } from '../../center/api-types.js';
import type { ApiRefusal, ApiResult, CenterApi } from '../center-api.js';
import type { CardReaderDevice } from '../devices/card-reader.js';
import type { Printer, PrintJob, PrintResult } from '../devices/printer.js';

// Thin wrappers that let the UI server watch the real client and devices (progress, the
// session to end on a time-out) and stop a transaction that the resident walked away from.

export interface Watch {
  aborted(): boolean;
  onSession(s: SessionCreated): void;
  onRefusal(e: ApiRefusal): void;
  onAuthenticated(): void;
  onCall(name: keyof CenterApi, args: unknown[]): void;
}

const expired = (): { ok: false; error: ApiRefusal } => ({
  ok: false,
  error: { code: 'SESSION_EXPIRED', status: 410, detail: 'the kiosk ended the session after a time-out' },
});

// Calls that tidy up still go through after a time-out; the rest are answered "expired".
const TIDY = new Set<keyof CenterApi>(['cancel', 'endSession', 'order', 'printed']);

/** The center API, observed; after an abort only the tidying calls reach the center. */
export const watchedApi = (api: CenterApi, current: () => Watch): CenterApi => {
  const wrapped = {} as Record<keyof CenterApi, (...args: unknown[]) => Promise<ApiResult<unknown>>>;
  for (const name of Object.keys(api) as (keyof CenterApi)[]) {
    const fn = api[name] as (...args: unknown[]) => Promise<ApiResult<unknown>>;
    wrapped[name] = async (...args) => {
      const watch = current();
      if (watch.aborted() && !TIDY.has(name)) return expired();
      watch.onCall(name, args);
      const r = await fn(...args);
      if (!r.ok) {
        if (name !== 'cancel' && name !== 'endSession') watch.onRefusal(r.error);
      } else if (name === 'startSession') watch.onSession(r.value as SessionCreated);
      else if (name === 'authenticate') watch.onAuthenticated();
      return r;
    };
  }
  return wrapped as unknown as CenterApi;
};

/** The card slot; a wait for removal also ends when the transaction is aborted. */
export const watchedReader = (
  reader: CardReaderDevice,
  abortSignal: () => Promise<void>,
): CardReaderDevice => ({
  ...reader,
  waitForRemoval: () => Promise.race([reader.waitForRemoval(), abortSignal()]),
  waitForCard: () => Promise.race([reader.waitForCard(), abortSignal()]),
});

/** The printer, reporting each job that came out (the demo may slow it down to be seen). */
export const watchedPrinter = (
  printer: Printer,
  onPrinted: (job: PrintJob, r: PrintResult) => void,
  delayMs: number,
): Printer => ({
  spooled: () => printer.spooled(),
  async print(job) {
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    const r = await printer.print(job);
    onPrinted(job, r);
    return r;
  },
});
