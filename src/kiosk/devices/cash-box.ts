import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../../domain/japan-time.js';

// A virtual cash box: notes and coins go into escrow for one order, then are either kept
// (change handed out) or handed back exactly as inserted. Every movement is appended and
// fsynced to a per-order log first, so a kiosk that crashes still knows what it holds.

export const NOTES = [10000, 5000, 2000, 1000] as const;
export const COINS = [500, 100, 50, 10] as const;
export type Denomination = (typeof NOTES)[number] | (typeof COINS)[number];
const ALL: readonly number[] = [...NOTES, ...COINS];
/** Change is paid without 2000-yen notes, as real machines do. */
const CHANGE_ORDER: readonly Denomination[] = [10000, 5000, 1000, 500, 100, 50, 10];

export const isDenomination = (v: unknown): v is Denomination => typeof v === 'number' && ALL.includes(v);

export const sumPieces = (pieces: readonly number[]): number => pieces.reduce((s, p) => s + p, 0);

/** Greedy split of an amount into notes and coins (optimal for yen); undefined if not a multiple of 10. */
export const toPieces = (
  yen: number,
  order: readonly Denomination[] = CHANGE_ORDER,
): Denomination[] | undefined => {
  if (!Number.isSafeInteger(yen) || yen < 0 || yen % 10 !== 0) return undefined;
  const out: Denomination[] = [];
  let rest = yen;
  for (const d of order) {
    while (rest >= d) {
      out.push(d);
      rest -= d;
    }
  }
  return rest === 0 ? out : undefined;
};

export type CashEvent =
  | { type: 'insert'; piece: Denomination; at: string }
  | { type: 'settle'; feeYen: number; change: Denomination[]; at: string; note?: string }
  | { type: 'refund'; pieces: Denomination[]; at: string; note?: string };

/** What the box holds for one order. */
export interface CashHolding {
  orderId: string;
  inserted: Denomination[];
  insertedYen: number;
  state: 'holding' | 'settled' | 'refunded';
  change?: Denomination[];
  refunded?: Denomination[];
  /** The note of the settle or refund event (e.g. by recovery, to the return tray). */
  note?: string;
}

export type CashBoxError = { code: 'NOT_A_DENOMINATION' | 'CLOSED' | 'FEE_NOT_COVERED'; detail: string };
export type CashResult<T> = { ok: true; value: T } | { ok: false; error: CashBoxError };

export interface CashBox {
  insert(orderId: string, piece: number): CashResult<CashHolding>;
  holding(orderId: string): CashHolding;
  /** Keeps the fee and hands out the change (`note`: why, e.g. settled by recovery). */
  settle(orderId: string, feeYen: number, note?: string): CashResult<Denomination[]>;
  /** Hands back exactly the pieces inserted (`note`: e.g. to the return tray, by recovery). */
  refund(orderId: string, note?: string): CashResult<Denomination[]>;
  /** Orders whose money is still in escrow (after a crash: to settle or refund). */
  pending(): CashHolding[];
}

const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** A cash box whose per-order logs live in `dir` (one JSON line per event, fsynced). */
export const openVirtualCashBox = (dir: string, clock: Clock): CashBox => {
  mkdirSync(dir, { recursive: true });
  const file = (orderId: string): string => {
    if (!SAFE_ID.test(orderId)) throw new Error(`order id not usable as a file name: ${orderId}`);
    return join(dir, `${orderId}.jsonl`);
  };
  const append = (orderId: string, event: CashEvent): void => {
    const fd = openSync(file(orderId), 'a');
    try {
      // The leading newline seals off a line torn by an earlier crash.
      writeSync(fd, `\n${JSON.stringify(event)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  };
  const read = (orderId: string): CashHolding => {
    let text = '';
    try {
      text = readFileSync(file(orderId), 'utf8');
    } catch {
      // no log yet: nothing inserted
    }
    const h: CashHolding = { orderId, inserted: [], insertedYen: 0, state: 'holding' };
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      let e: CashEvent;
      try {
        e = JSON.parse(line) as CashEvent;
      } catch {
        continue; // a torn last line from a crash mid-write: the write was not acknowledged
      }
      if (e.type === 'insert') h.inserted.push(e.piece);
      else if (e.type === 'settle') {
        h.state = 'settled';
        h.change = e.change;
        if (e.note) h.note = e.note;
      } else {
        h.state = 'refunded';
        h.refunded = e.pieces;
        if (e.note) h.note = e.note;
      }
    }
    h.insertedYen = sumPieces(h.inserted);
    return h;
  };
  const at = () => clock.now().toISOString();
  return {
    insert(orderId, piece) {
      if (!isDenomination(piece))
        return { ok: false, error: { code: 'NOT_A_DENOMINATION', detail: String(piece) } };
      if (read(orderId).state !== 'holding') return { ok: false, error: { code: 'CLOSED', detail: orderId } };
      append(orderId, { type: 'insert', piece, at: at() });
      return { ok: true, value: read(orderId) };
    },
    holding: read,
    settle(orderId, feeYen, note) {
      const h = read(orderId);
      if (h.state === 'settled') return { ok: true, value: h.change ?? [] };
      if (h.state !== 'holding') return { ok: false, error: { code: 'CLOSED', detail: orderId } };
      const change = toPieces(h.insertedYen - feeYen);
      if (!change)
        return { ok: false, error: { code: 'FEE_NOT_COVERED', detail: `${h.insertedYen} < ${feeYen}` } };
      append(orderId, { type: 'settle', feeYen, change, at: at(), ...(note ? { note } : {}) });
      return { ok: true, value: change };
    },
    refund(orderId, note) {
      const h = read(orderId);
      if (h.state === 'refunded') return { ok: true, value: h.refunded ?? [] };
      if (h.state !== 'holding') return { ok: false, error: { code: 'CLOSED', detail: orderId } };
      append(orderId, { type: 'refund', pieces: h.inserted, at: at(), ...(note ? { note } : {}) });
      return { ok: true, value: [...h.inserted] };
    },
    pending() {
      return readdirSync(dir)
        .filter((f) => f.endsWith('.jsonl'))
        .map((f) => read(f.slice(0, -'.jsonl'.length)))
        .filter((h) => h.state === 'holding' && h.inserted.length > 0);
    },
  };
};
