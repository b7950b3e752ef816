import type { Refusal } from '../domain/refusal.js';

/** Exit codes of SPEC §12. */
export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

/** A bad command line: exit 2 with a one-line message naming the argument. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Output sink, so commands can be tested without a process. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** `--json` prints exactly one JSON object on stdout. */
export const printJson = (io: Output, value: unknown): void => io.out(JSON.stringify(value));

/** The JSON of a refusal, as SPEC §12 shows it. */
export const refusalJson = (error: Refusal & { message: string }) => ({ ok: false as const, error });
