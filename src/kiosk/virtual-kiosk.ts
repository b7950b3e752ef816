import { join } from 'node:path';
import type { Clock } from '../domain/japan-time.js';
import { type CenterApi, centerApi, DEFAULT_RETRY, type RetryPolicy } from './center-api.js';
import { type CardReaderDevice, createCardReader } from './devices/card-reader.js';
import { type CashBox, openVirtualCashBox } from './devices/cash-box.js';
import { openVirtualPrinter, type VirtualPrinter } from './devices/printer.js';
import type { KioskDeps } from './kiosk-client.js';
import { type RecoveryReport, recoverEscrow } from './kiosk-recovery.js';
import {
  httpsTransport,
  loadTerminalCredentials,
  type TerminalCredentials,
  type Transport,
} from './transport.js';

// A whole virtual kiosk: the terminal's credentials from DATA/terminals/<name>/, an HTTPS
// transport to the center, and its own card slot, printer and cash box.

export interface VirtualKioskOptions {
  /** DATA/terminals/<terminal>/ holds cert.pem, key.pem, ca.pem and terminal.json. */
  terminalDir: string;
  centerUrl: string;
  /** The output tray: printed PDFs land here. */
  outDir: string;
  /** The kiosk's own spool and cash-box logs. */
  stateDir: string;
  clock: Clock;
  idleTimeoutMs?: number;
  printerFailNext?: number;
  retry?: RetryPolicy;
  /** Replace the API (a test double in front of the real one). */
  wrapApi?: (api: CenterApi) => CenterApi;
}

export interface VirtualKiosk {
  deps: KioskDeps;
  terminal: TerminalCredentials['terminal'];
  reader: CardReaderDevice;
  printer: VirtualPrinter;
  cashBox: CashBox;
  transport: Transport;
  /** Settles the cash still in escrow with the center (run it at start-up). */
  recover(): Promise<RecoveryReport>;
  close(): void;
}

/** Assembles a kiosk that talks to the center at `centerUrl` with its terminal certificate. */
export const openVirtualKiosk = (opts: VirtualKioskOptions): VirtualKiosk => {
  const credentials = loadTerminalCredentials(opts.terminalDir);
  const transport = httpsTransport({ baseUrl: opts.centerUrl, credentials });
  const api = centerApi(transport, opts.retry ?? DEFAULT_RETRY);
  const reader = createCardReader();
  const printer = openVirtualPrinter({
    spoolDir: join(opts.stateDir, 'spool'),
    outDir: opts.outDir,
    ...(opts.printerFailNext ? { failNext: opts.printerFailNext } : {}),
  });
  const cashBox = openVirtualCashBox(join(opts.stateDir, 'cash'), opts.clock);
  const deps: KioskDeps = {
    api: opts.wrapApi ? opts.wrapApi(api) : api,
    reader,
    printer,
    cashBox,
    ...(opts.idleTimeoutMs !== undefined ? { idleTimeoutMs: opts.idleTimeoutMs } : {}),
  };
  return {
    deps,
    terminal: credentials.terminal,
    reader,
    printer,
    cashBox,
    transport,
    recover: () => recoverEscrow(deps),
    close: () => transport.close(),
  };
};
