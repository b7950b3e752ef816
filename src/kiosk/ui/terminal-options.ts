import type { Clock } from '../../domain/japan-time.js';
import type { RetryPolicy } from '../center-api.js';
import type { UiConfig, UiState } from './ui-types.js';

// What a terminal's UI server is given: where its data and center are, and its timers.

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

/** The screen's state as the terminal keeps it (fields may be cleared). */
export type View = { [K in keyof UiState]?: UiState[K] | undefined };
