import { randomUUID } from 'node:crypto';
import { type CenterApi, centerApi, DEFAULT_RETRY } from '../../src/kiosk/center-api.js';
import { createCardReader } from '../../src/kiosk/devices/card-reader.js';
import { runTransaction } from '../../src/kiosk/kiosk-client.js';
import { scriptedResident } from '../../src/kiosk/scripted-resident.js';
import { httpsTransport, loadTerminalCredentials } from '../../src/kiosk/transport.js';
import type { Holder } from './fixture.js';
import { type KeptDocument, memoryCard, memoryCashBox, memoryPrinter } from './memory-devices.js';
import { planFor, rng } from './mix.js';

// N virtual kiosks, each with its own terminal certificate and its own cards, running whole
// transactions back to back through the real kiosk client (which checks every document's
// binding to the order and the card before "printing") for a fixed time.

/** API calls timed as steps of the transaction (the kiosk client's own calls). */
const STEP_OF: Partial<Record<keyof CenterApi, string>> = {
  startSession: 'session',
  authenticate: 'authenticate',
  choices: 'choose',
  quote: 'quote',
  createOrder: 'order',
  pay: 'pay',
  issue: 'issue',
  download: 'deliver',
  printed: 'confirm',
  endSession: 'end',
};

export interface IssuedCertificate {
  serial: string;
  cert: string;
  holder: string;
  allowedIds: string[];
}

export interface TextSample {
  bytes: Uint8Array;
  allowedNames: string[];
  holderName: string;
}

export interface DriverResult {
  /** Seconds of the measured window (after the warm-up). */
  seconds: number;
  windowStartMs: number;
  windowEndMs: number;
  transactions: number;
  succeeded: number;
  certificates: number;
  pages: number;
  refusals: Record<string, number>;
  /** Outcomes that were neither the planned success nor the planned refusal. */
  errors: number;
  errorSamples: string[];
  /** Documents the kiosk client refused as not this order's or this card's. */
  bindingViolations: number;
  transactionMs: number[];
  stepMs: Record<string, number[]>;
  issued: IssuedCertificate[];
  textSamples: TextSample[];
  clientCpuSeconds: number;
  /** Completed transactions per second, one entry per second of the window (for charts). */
  perSecond: number[];
}

export interface DriverOptions {
  centerUrl: string;
  terminalDirs: string[];
  holders: Holder[];
  kiosks: number;
  seconds: number;
  warmupSeconds: number;
  /** Keep one certificate of every Nth successful order for the PDF text check. */
  textSampleEvery?: number;
  maxTextSamples?: number;
  onSecond?: (done: number) => void;
}

const bindingProblem = (detail: string | undefined): boolean =>
  !!detail &&
  (detail.startsWith('document refused before printing') || detail.includes('bound to another card'));

/** Runs the kiosks for warm-up + seconds; only transactions ending inside the window count. */
export const runDriver = async (o: DriverOptions): Promise<DriverResult> => {
  const stepMs: Record<string, number[]> = {};
  for (const s of Object.values(STEP_OF)) stepMs[s] = [];
  const r: DriverResult = {
    seconds: o.seconds,
    windowStartMs: 0,
    windowEndMs: 0,
    transactions: 0,
    succeeded: 0,
    certificates: 0,
    pages: 0,
    refusals: {},
    errors: 0,
    errorSamples: [],
    bindingViolations: 0,
    transactionMs: [],
    stepMs,
    issued: [],
    textSamples: [],
    clientCpuSeconds: 0,
    perSecond: Array.from({ length: o.seconds }, () => 0),
  };
  const t0 = performance.now();
  const windowStart = t0 + o.warmupSeconds * 1000;
  const windowEnd = windowStart + o.seconds * 1000;
  r.windowStartMs = windowStart;
  r.windowEndMs = windowEnd;
  const inWindow = (t: number) => t >= windowStart && t < windowEnd;
  let cpuAtStart: NodeJS.CpuUsage | undefined;
  const cpuTimer = setTimeout(() => {
    cpuAtStart = process.cpuUsage();
  }, o.warmupSeconds * 1000);
  let cpuAtEnd: NodeJS.CpuUsage | undefined;
  const endTimer = setTimeout(
    () => {
      cpuAtEnd = process.cpuUsage();
    },
    (o.warmupSeconds + o.seconds) * 1000,
  );
  let okOrders = 0;

  const kiosk = async (k: number): Promise<void> => {
    const credentials = loadTerminalCredentials(o.terminalDirs[k % o.terminalDirs.length]!);
    const transport = httpsTransport({ baseUrl: o.centerUrl, credentials, maxSockets: 2 });
    const inner = centerApi(transport, DEFAULT_RETRY);
    const timed = {} as CenterApi;
    for (const name of Object.keys(inner) as (keyof CenterApi)[]) {
      const step = STEP_OF[name];
      const fn = (inner[name] as (...a: unknown[]) => Promise<unknown>).bind(inner);
      (timed as unknown as Record<string, unknown>)[name] = step
        ? async (...a: unknown[]) => {
            const s = performance.now();
            const v = await fn(...a);
            const e = performance.now();
            if (inWindow(e)) stepMs[step]!.push(e - s);
            return v;
          }
        : fn;
    }
    const own = o.holders.filter((_, i) => i % o.kiosks === k);
    const cards = (own.length ? own : [o.holders[k % o.holders.length]!]).map((h) => ({
      h,
      card: memoryCard(h),
    }));
    const random = rng(0x5eed + k * 7919);
    let n = 0;
    try {
      while (performance.now() < windowEnd) {
        const { h, card } = cards[n++ % cards.length]!;
        const plan = planFor(h, random);
        const sample = o.textSampleEvery !== undefined && r.textSamples.length < (o.maxTextSamples ?? 30);
        const printer = memoryPrinter(() => sample);
        const s = performance.now();
        let outcome: Awaited<ReturnType<typeof runTransaction>> | undefined;
        let thrown: unknown;
        try {
          outcome = await runTransaction(
            {
              api: timed,
              reader: createCardReader(),
              printer,
              cashBox: memoryCashBox(),
              idleTimeoutMs: 600_000,
              newKey: randomUUID,
            },
            scriptedResident({ card, pins: [h.pin], choose: () => [plan.request], cash: 'exact' }),
          );
        } catch (e) {
          thrown = e;
        }
        const e = performance.now();
        if (!inWindow(e)) continue;
        r.transactions++;
        r.transactionMs.push(e - s);
        const second = Math.floor((e - windowStart) / 1000);
        if (!outcome) {
          r.errors++;
          if (r.errorSamples.length < 10) r.errorSamples.push(`thrown: ${String(thrown)}`);
          continue;
        }
        if (outcome.ok) {
          r.perSecond[second] = (r.perSecond[second] ?? 0) + 1;
          r.succeeded++;
          r.certificates += outcome.certificates.length;
          r.pages += printer.pages;
          for (const c of outcome.certificates)
            r.issued.push({
              serial: c.serial,
              cert: c.cert ?? '',
              holder: h.residentId,
              allowedIds: plan.allowedIds,
            });
          if (plan.expectRefusal) {
            r.errors++;
            if (r.errorSamples.length < 10)
              r.errorSamples.push(`${plan.request.cert} issued, refusal expected`);
          }
          okOrders++;
          const certDoc = outcome.certificates[0];
          const kept: KeptDocument | undefined = printer.kept.find(
            (d) => d.documentId === certDoc?.documentId,
          );
          if (sample && kept && okOrders % (o.textSampleEvery ?? 1) === 0)
            r.textSamples.push({ bytes: kept.bytes, allowedNames: plan.allowedNames, holderName: h.name });
          continue;
        }
        const code = outcome.error.code;
        if (bindingProblem(outcome.error.detail)) r.bindingViolations++;
        if (plan.expectRefusal && code !== 'SERVICE_UNAVAILABLE' && code !== 'INVALID_REQUEST') {
          r.refusals[code] = (r.refusals[code] ?? 0) + 1;
        } else {
          r.errors++;
          if (r.errorSamples.length < 10)
            r.errorSamples.push(`${plan.request.cert}: ${code} ${outcome.error.detail ?? ''}`.trim());
        }
      }
    } finally {
      transport.close();
    }
  };

  let ticker: NodeJS.Timeout | undefined;
  if (o.onSecond) {
    let s = 0;
    ticker = setInterval(() => o.onSecond?.(++s), 1000);
    ticker.unref();
  }
  await Promise.all(Array.from({ length: o.kiosks }, (_, k) => kiosk(k)));
  if (ticker) clearInterval(ticker);
  clearTimeout(cpuTimer);
  clearTimeout(endTimer);
  const a = cpuAtStart ?? process.cpuUsage();
  const b = cpuAtEnd ?? process.cpuUsage();
  r.clientCpuSeconds = (b.user - a.user + b.system - a.system) / 1e6;
  return r;
};
