import type { KofuDatabase } from './database.js';
import { type Tx, withWriterTransaction } from './transaction.js';

/** Adds `by` to a named counter (created at 0) inside the caller's transaction; returns the new value. */
export const advanceCounter = async (trx: Tx, name: string, by: number): Promise<number> => {
  await trx
    .insertInto('counters')
    .values({ name, value: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', by) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
};

/**
 * Reserves `count` consecutive values of a named counter in its own short transaction and
 * returns the first. Reserved values are never handed out again, even if unused.
 */
export const reserveCounter = (kdb: KofuDatabase, name: string, count: number): Promise<number> =>
  withWriterTransaction(kdb, async (trx) => (await advanceCounter(trx, name, count)) - count + 1);

/**
 * Hands out counter values from blocks reserved in the database (hi/lo), so that issuing
 * transactions never contend on one counter row. Unused values of a block are skipped.
 */
export class CounterBlocks {
  private readonly blocks = new Map<string, { next: number; end: number }>();
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly kdb: KofuDatabase,
    private readonly blockSize = 64,
  ) {}

  async next(name: string): Promise<number> {
    for (;;) {
      const block = this.blocks.get(name);
      if (block && block.next < block.end) return block.next++;
      let refill = this.pending.get(name);
      if (!refill) {
        refill = reserveCounter(this.kdb, name, this.blockSize).then(
          (first) => {
            this.blocks.set(name, { next: first, end: first + this.blockSize });
            this.pending.delete(name);
          },
          (e: unknown) => {
            this.pending.delete(name);
            throw e;
          },
        );
        this.pending.set(name, refill);
      }
      await refill;
    }
  }
}
