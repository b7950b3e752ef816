import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Clock, parseJapanIso } from '../src/domain/japan-time.js';
import { openVirtualJpkiCard } from '../src/kiosk/devices/jpki-card.js';
import { type Script, scriptedResident } from '../src/kiosk/scripted-resident.js';
import { openVirtualKiosk, type VirtualKiosk, type VirtualKioskOptions } from '../src/kiosk/virtual-kiosk.js';
import { initDemo } from '../src/municipality/demo/demo-setup.js';
import { startServer } from '../src/server/start-server.js';

// Shared set-up of the kiosk's end-to-end tests: one demo installation per test file, the real
// center over HTTPS, virtual kiosks with their own output trays.

/** A clock that runs with real time from `iso` and can be moved. */
export const movableClock = (iso: string) => {
  const start = parseJapanIso(iso);
  if (!start) throw new Error(`bad ISO ${iso}`);
  let offset = start.getTime() - Date.now();
  const clock: Clock & { set(iso: string): void; advance(ms: number): void } = {
    now: () => new Date(Date.now() + offset),
    set: (to) => {
      offset = parseJapanIso(to)!.getTime() - Date.now();
    },
    advance: (ms) => {
      offset += ms;
    },
  };
  return clock;
};

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), `kofu-${prefix}-`));

/** A demo installation (SPEC §10a) whose demo day is the date of `demoDayIso`. */
export const demoInstallation = async (demoDayIso: string): Promise<string> => {
  const dir = tempDir('kiosk-demo');
  await initDemo({ dataDir: dir, clock: movableClock(demoDayIso) });
  return dir;
};

export const startCenter = (dataDir: string, clock: Clock) =>
  startServer({ dataDir, port: 0, clock, sweepMs: 0 });

/** A virtual kiosk of the demo terminal `terminal` with a fresh output tray. */
export const demoKiosk = (
  dataDir: string,
  centerUrl: string,
  clock: Clock,
  over: Partial<VirtualKioskOptions> & { terminal?: 'store' | 'townhall' } = {},
): VirtualKiosk & { outDir: string; printedFiles(): string[] } => {
  const outDir = over.outDir ?? tempDir('kiosk-out');
  const k = openVirtualKiosk({
    terminalDir: join(dataDir, 'terminals', over.terminal ?? 'store'),
    centerUrl,
    outDir,
    stateDir: tempDir('kiosk-state'),
    clock,
    ...over,
  });
  return { ...k, outDir, printedFiles: () => readdirSync(outDir).sort() };
};

/** The resident holding demo card `card` (its counter lives in the card file of dataDir). */
export const demoResident = (dataDir: string, card: string, script: Omit<Script, 'card'>) =>
  scriptedResident({ card: openVirtualJpkiCard(dataDir, card), ...script });

/** The text of a printed PDF (poppler's pdftotext). */
export const pdfText = (file: string): string =>
  execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
