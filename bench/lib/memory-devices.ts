import { createPrivateKey, sign } from 'node:crypto';
import type { SmartCard } from '../../src/kiosk/devices/card-reader.js';
import {
  type CashBox,
  type CashHolding,
  isDenomination,
  toPieces,
} from '../../src/kiosk/devices/cash-box.js';
import { countPdfPages, type Printer } from '../../src/kiosk/devices/printer.js';
import type { Holder } from './fixture.js';

// The kiosk's devices, in memory, for the load driver: what they cost is the kiosk's, not the
// center's, and the driver shares the 2 cores with the center. The card signs with the real
// RSA-2048 key of its card file (read once); its PIN check is an equality, not the file card's
// scrypt + fsync, which the center never sees.

/** A card holding the holder's real key and certificate; a wrong PIN is refused like the card would. */
export const memoryCard = (h: Holder): SmartCard => {
  const key = createPrivateKey({ key: Buffer.from(h.privateKeyDer), format: 'der', type: 'pkcs8' });
  let tries = 3;
  return {
    async authenticate(pin, challenge) {
      if (tries === 0) return { ok: false, error: { code: 'PIN_LOCKED' } };
      if (pin !== h.pin) {
        tries -= 1;
        return { ok: false, error: { code: 'PIN_INCORRECT', remainingTries: tries } };
      }
      tries = 3;
      const signature = sign('sha256', challenge, { key, padding: 1 });
      return { ok: true, value: { certificateDer: h.certificateDer, signature: new Uint8Array(signature) } };
    },
  };
};

export interface KeptDocument {
  orderId: string;
  documentId: string;
  bytes: Uint8Array;
}

/** A printer that counts pages and forgets the bytes, keeping those `keep` asks for. */
export const memoryPrinter = (
  keep: (orderId: string, documentId: string) => boolean,
): Printer & {
  kept: KeptDocument[];
  pages: number;
} => {
  const printer = {
    kept: [] as KeptDocument[],
    pages: 0,
    async print(job: { orderId: string; documentId: string; fileName: string; bytes: Uint8Array }) {
      printer.pages += countPdfPages(job.bytes);
      if (keep(job.orderId, job.documentId))
        printer.kept.push({ orderId: job.orderId, documentId: job.documentId, bytes: job.bytes });
      return { ok: true as const, value: { file: job.fileName, pages: 1 } };
    },
    spooled: () => [],
  };
  return printer;
};

/** A cash box in memory (the virtual one fsyncs a log per coin). */
export const memoryCashBox = (): CashBox => {
  const holdings = new Map<string, CashHolding>();
  const get = (orderId: string): CashHolding => {
    let h = holdings.get(orderId);
    if (!h) {
      h = { orderId, inserted: [], insertedYen: 0, state: 'holding' };
      holdings.set(orderId, h);
    }
    return h;
  };
  return {
    insert(orderId, piece) {
      if (!isDenomination(piece))
        return { ok: false, error: { code: 'NOT_A_DENOMINATION', detail: String(piece) } };
      const h = get(orderId);
      if (h.state !== 'holding') return { ok: false, error: { code: 'CLOSED', detail: orderId } };
      h.inserted.push(piece);
      h.insertedYen += piece;
      return { ok: true, value: { ...h } };
    },
    holding: (orderId) => ({ ...get(orderId) }),
    settle(orderId, feeYen) {
      const h = get(orderId);
      const change = toPieces(h.insertedYen - feeYen);
      if (!change)
        return { ok: false, error: { code: 'FEE_NOT_COVERED', detail: `${h.insertedYen} < ${feeYen}` } };
      holdings.delete(orderId);
      return { ok: true, value: change };
    },
    refund(orderId) {
      const h = get(orderId);
      holdings.delete(orderId);
      return { ok: true, value: [...h.inserted] };
    },
    pending: () => [...holdings.values()],
  };
};
