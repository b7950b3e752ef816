// A version number that grows on every change of the screen, and long polls waiting for it.

export class Changes {
  version = 1;
  private listeners: (() => void)[] = [];

  /** Marks a change and wakes every waiting poll. */
  bump(): void {
    this.version += 1;
    const l = this.listeners;
    this.listeners = [];
    for (const f of l) f();
  }

  /** Resolves when the version is newer than `after`, or after `maxMs`. */
  wait(after: number, maxMs: number): Promise<void> {
    if (this.version > after) return Promise.resolve();
    return new Promise((resolve) => {
      const listener = () => {
        clearTimeout(t);
        resolve();
      };
      // A poll that times out leaves no listener behind.
      const t = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve();
      }, maxMs);
      this.listeners.push(listener);
    });
  }
}
