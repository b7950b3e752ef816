// The screen's idle time-out: a warning `warnMs` before the end, then `expire`. Any touch
// re-arms it. Real time, not the business clock: the resident's patience does not jump.

export class IdleTimer {
  private warnTimer: NodeJS.Timeout | undefined;
  private endTimer: NodeJS.Timeout | undefined;
  private deadline = 0;
  armed = false;

  constructor(
    private idleMs: number,
    private warnMs: number,
    private readonly on: { warn(): void; expire(): void },
  ) {}

  arm(): void {
    this.disarm();
    this.armed = true;
    this.deadline = Date.now() + this.idleMs;
    this.warnTimer = setTimeout(() => this.on.warn(), Math.max(0, this.idleMs - this.warnMs));
    this.endTimer = setTimeout(() => {
      this.disarm();
      this.on.expire();
    }, this.idleMs);
  }

  /** New durations; a running wait starts again with them. */
  configure(idleMs: number, warnMs: number): void {
    this.idleMs = idleMs;
    this.warnMs = Math.min(warnMs, idleMs);
    if (this.armed) this.arm();
  }

  /** A touch: starts the wait again if it is running. */
  touch(): void {
    if (this.armed) this.arm();
  }

  disarm(): void {
    clearTimeout(this.warnTimer);
    clearTimeout(this.endTimer);
    this.armed = false;
  }

  status(): { warning: boolean; remainingMs: number } {
    const remainingMs = Math.max(0, this.deadline - Date.now());
    return { warning: remainingMs <= this.warnMs, remainingMs };
  }
}
