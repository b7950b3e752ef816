// One question at a time to the person at the screen: the kiosk client awaits the answer,
// the browser's action (or a time-out) gives it.

export type PromptKind = 'card' | 'pin' | 'remove' | 'choose' | 'confirm' | 'cash' | 'honseki';

interface Open {
  kind: PromptKind;
  resolve: (v: unknown) => void;
  onAbort: unknown;
}

export class Prompts {
  private open: Open | undefined;

  /** Opens a prompt; `onAbort` is the answer given if the transaction is aborted. */
  ask<T>(kind: PromptKind, onAbort: T): Promise<T> {
    this.open?.resolve(this.open.onAbort);
    return new Promise<T>((resolve) => {
      this.open = { kind, resolve: resolve as (v: unknown) => void, onAbort };
    });
  }

  get kind(): PromptKind | undefined {
    return this.open?.kind;
  }

  /** Answers the open prompt if it is of `kind`; false when nothing of that kind is asked. */
  answer(kind: PromptKind, value: unknown): boolean {
    if (this.open?.kind !== kind) return false;
    const o = this.open;
    this.open = undefined;
    o.resolve(value);
    return true;
  }

  /** Gives every open prompt its abort answer. */
  abort(): void {
    const o = this.open;
    this.open = undefined;
    o?.resolve(o.onAbort);
  }
}
