import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createDemoStaff } from '../src/admin/index.js';
import type { Clock } from '../src/domain/japan-time.js';
import { kioskUiRoutes } from '../src/kiosk/ui/routes.js';
import type { KioskUiTerminal } from '../src/kiosk/ui/ui-terminal.js';
import { PEOPLE } from '../src/municipality/demo/demo-people.js';
import { openDatabase } from '../src/registers/database.js';
import { demoInstallation, movableClock, startCenter } from './kiosk-support.js';

// Shared set-up of the kiosk screen's browser tests: the screen built once, one demo
// installation and one center per file, the terminal's UI server over plain HTTP on
// localhost, and Debian's chromium driven by playwright-core (never a downloaded browser).

const root = join(import.meta.dirname, '..');
const web = join(root, 'web', 'kiosk');
export const SHOTS = join(root, 'docs', 'screenshots');

const newest = (dir: string): number => {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
};

/** Builds web/kiosk/dist if it is missing or older than its sources. */
export const ensureBuilt = (): void => {
  const index = join(web, 'dist', 'index.html');
  const sources = Math.max(
    newest(join(web, 'src')),
    statSync(join(web, 'index.html')).mtimeMs,
    statSync(join(web, 'build.mjs')).mtimeMs,
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync(process.execPath, [join(web, 'build.mjs')], { cwd: root, stdio: 'pipe' });
};

export const DEMO_DAY = '2026-11-24T09:00';
/** A Wednesday morning, the day after demo day: every group open at a store kiosk. */
export const WEEKDAY_MORNING = '2026-11-25T10:00';

export interface KioskUiFixture {
  url: string;
  centerUrl: string;
  dataDir: string;
  clock: Clock & { set(iso: string): void };
  terminal: KioskUiTerminal;
  browser: Browser;
  /** Console passwords by user (juminka, zeimuka, kanrisha) when started with `staff`. */
  passwords: Record<string, string>;
  close(): Promise<void>;
}

export const startKioskUi = async (
  opts: {
    idleMs?: number;
    warnMs?: number;
    reminderMs?: number;
    now?: string;
    stateDir?: string;
    /** Create the demo's console accounts (the center serves the console at /admin/). */
    staff?: boolean;
  } = {},
): Promise<KioskUiFixture> => {
  ensureBuilt();
  const clock = movableClock(opts.now ?? WEEKDAY_MORNING);
  const dataDir = await demoInstallation(DEMO_DAY);
  const passwords: Record<string, string> = {};
  if (opts.staff) {
    const kdb = await openDatabase({ dataDir });
    for (const a of await createDemoStaff(kdb, clock)) passwords[a.user] = a.password;
    await kdb.close();
  }
  const center = await startCenter(dataDir, clock);
  const app = Fastify({ logger: false });
  let terminal: KioskUiTerminal | undefined;
  await app.register(kioskUiRoutes, {
    prefix: '/kiosk',
    dataDir,
    centerUrl: center.url,
    terminalId: 'store',
    clock,
    idleMs: opts.idleMs ?? 60_000,
    warnMs: opts.warnMs ?? 10_000,
    reminderMs: opts.reminderMs ?? 4_000,
    printDelayMs: 100,
    ...(opts.stateDir ? { stateDir: opts.stateDir } : {}),
    cards: PEOPLE.map((p) => ({ name: p.key, label: p.name, pin: p.pin })),
    onTerminal: (t) => {
      terminal = t;
    },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  mkdirSync(SHOTS, { recursive: true });
  return {
    url: `http://127.0.0.1:${port}/kiosk/`,
    centerUrl: center.url,
    dataDir,
    clock,
    terminal: terminal!,
    browser,
    passwords,
    close: async () => {
      await browser.close();
      await app.close();
      await center.close();
    },
  };
};

/** A fresh kiosk page at 1920×1080 with the web font loaded. */
export const openKiosk = async (f: KioskUiFixture): Promise<Page> => {
  // Whatever an earlier failed test left on the devices goes, so that one failure stays one.
  const left = f.terminal.snapshot();
  if (left.cardInReader) await f.terminal.act({ type: 'card', action: 'remove' });
  if (left.tray.cash.length) await f.terminal.act({ type: 'take', what: 'cash' });
  if (left.tray.documents.length) await f.terminal.act({ type: 'take', what: 'documents' });
  if (left.step === 'take' || left.step === 'ended') await f.terminal.act({ type: 'finish' });
  const page = await f.browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(f.url);
  await page
    .getByRole('button', { name: /行政サービス|Government services/ })
    .first()
    .waitFor();
  await page.evaluate('document.fonts.ready');
  return page;
};

export const shot = async (page: Page, name: string): Promise<void> => {
  await page.evaluate('document.fonts.ready');
  await page.screenshot({ path: join(SHOTS, `kiosk-${name}.png`) });
};

/** Puts demo card `name` on the reader (the card tray of the virtual devices). */
export const putCard = (page: Page, name: string) =>
  page.locator(`button.card-chip[data-card="${name}"]`).click();
export const takeCard = (page: Page) =>
  page.getByRole('button', { name: /カードを読み取り部から取る|Take the card off the reader/ }).click();

/** Types a PIN on the screen's keypad. */
export const typePin = async (page: Page, pin: string, lang: 'ja' | 'en' = 'ja'): Promise<void> => {
  for (const d of pin)
    await page.getByRole('button', { name: lang === 'ja' ? `数字 ${d}` : `digit ${d}`, exact: true }).click();
  await page.getByRole('button', { name: lang === 'ja' ? '確定' : 'OK', exact: true }).click();
};

export const insertYen = (page: Page, yen: number, lang: 'ja' | 'en' = 'ja') =>
  page
    .getByRole('button', { name: lang === 'ja' ? `${yen}円を入れる` : `Insert ${yen} yen`, exact: true })
    .click();

/** The texts spoken (or that would have been) since the page opened. */
export const spoken = (page: Page): Promise<string[]> =>
  page.evaluate<string[]>('(window.__kofuSpoken ?? []).map((s) => s.text)');

/** Waits until every page picture of the printer tray has loaded. */
export const pagesShown = (page: Page) =>
  page.waitForFunction(
    "[...document.querySelectorAll('.paper img')].length > 0 && [...document.querySelectorAll('.paper img')].every((i) => i.complete && i.naturalWidth > 0)",
  );

/** Steps 1–4 with `card` and `pin`: start, set the card, the PIN, take the card off. */
export const signIn = async (
  page: Page,
  card: string,
  pin: string,
  lang: 'ja' | 'en' = 'ja',
): Promise<void> => {
  await page.getByRole('button', { name: lang === 'ja' ? /行政サービス/ : /Government services/ }).click();
  await putCard(page, card);
  await typePin(page, pin, lang);
  await page
    .locator('#screen-title')
    .filter({ hasText: lang === 'ja' ? 'カードを取り外してください' : 'Remove your' })
    .waitFor();
  await takeCard(page);
  await page
    .locator('#screen-title')
    .filter({ hasText: lang === 'ja' ? '証明書を選んでください' : 'Choose a certificate' })
    .waitFor();
};

/** Takes everything from the trays and finishes, back to the start screen. */
export const takeAll = async (page: Page, lang: 'ja' | 'en' = 'ja'): Promise<void> => {
  const docs = page.getByRole('button', {
    name: lang === 'ja' ? '証明書・領収書を取る' : 'Take certificates and receipt',
  });
  const cash = page.getByRole('button', { name: lang === 'ja' ? 'お金を取る' : 'Take the money' });
  if (await docs.isEnabled()) await docs.click();
  if (await cash.isEnabled()) await cash.click();
  await page.getByRole('button', { name: lang === 'ja' ? '終了' : 'Finish', exact: true }).click();
  await page.getByRole('button', { name: /行政サービス|Government services/ }).waitFor();
};

/** Presses Tab until the focused control's accessible name matches, then returns (keyboard only). */
export const tabTo = async (page: Page, name: RegExp, max = 80): Promise<void> => {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate<string>(
      "(() => { const e = document.activeElement; if (!e || e === document.body) return ''; return e.getAttribute('aria-label') || (e.labels && e.labels[0] ? e.labels[0].textContent : '') || e.textContent || ''; })()",
    );
    if (name.test(focused)) return;
  }
  throw new Error(`no control named ${name} reachable by Tab`);
};

/** Controls on the page without an accessible name (should be none). */
export const namelessControls = (page: Page): Promise<string[]> =>
  page.evaluate<string[]>(`(() => {
    const out = [];
    for (const e of document.querySelectorAll('button, input, select, textarea, a[href], [role=button], [tabindex]')) {
      const labelled = e.getAttribute('aria-labelledby');
      const name = (e.getAttribute('aria-label') || (labelled ? labelled.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : '') ||
        (e.labels && e.labels.length ? [...e.labels].map((l) => l.textContent).join(' ') : '') || e.textContent || e.getAttribute('title') || '').trim();
      if (!name) out.push(e.outerHTML.slice(0, 120));
    }
    return out;
  })()`);

/** Texts whose colour against their background is below 4.5:1: "ratio text". */
export const lowContrast = (page: Page): Promise<string[]> =>
  page.evaluate<string[]>(`(() => {
    const rgb = (c) => { const m = c.match(/[0-9.]+/g); return m ? m.map(Number) : [0, 0, 0, 0]; };
    const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
    const bg = (e) => { for (let n = e; n; n = n.parentElement) { const c = rgb(getComputedStyle(n).backgroundColor); if ((c[3] ?? 1) > 0.5) return c; } return [255, 255, 255, 1]; };
    const out = [];
    for (const e of document.querySelectorAll('body *')) {
      const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own) continue;
      const s = getComputedStyle(e);
      const r = e.getBoundingClientRect();
      if (s.visibility === 'hidden' || Number(s.opacity) === 0 || r.width < 2 || r.height < 2) continue;
      const a = lum(rgb(s.color)), b = lum(bg(e));
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < 4.5) out.push(ratio.toFixed(2) + ' ' + e.textContent.trim().slice(0, 40));
    }
    return out;
  })()`);
