import { constants, createPrivateKey, privateEncrypt } from 'node:crypto';
import { type CommandApdu, EF, JPKI_AID, parseCommandApdu, response, SW } from './apdu.js';
import { type CardFile, pinMatches, readCardFile, writeCardFile } from './card-file.js';
import { type CardReader, CardRemovedError } from './card-reader.js';
import { withFileLock } from './file-lock.js';

export interface VirtualCardOptions {
  /** Fault injection for crash and concurrency tests, awaited inside the card's critical section. */
  hooks?: {
    /** After the card file was read for a command. */
    afterRead?: (ins: number) => Promise<void> | void;
    /** After VERIFY made the decremented retry counter durable, before the PIN is compared. */
    afterCounterWrite?: () => Promise<void> | void;
  };
  /** How long a command waits for another process using the same card (ms). */
  lockTimeoutMs?: number;
}

interface Session {
  apSelected: boolean;
  ef: number | undefined;
  verified: boolean;
}

const freshSession = (): Session => ({ apSelected: false, ef: undefined, verified: false });
const FILE_IDS = new Set<number>(Object.values(EF));
// The CLA each supported INS must come with.
const CLA_OF_INS = new Map<number, number>([
  [0xa4, 0x00],
  [0x20, 0x00],
  [0xb0, 0x00],
  [0x2a, 0x80],
]);
const MAX_DIGEST_INFO = 256 - 11;

/**
 * A software My Number card speaking the JPKI AP's APDUs. The card file holds its EFs and the
 * PIN counter; every command runs under the card's lock file and re-reads the file, so several
 * processes using one card are serialised and the counter is written before any answer.
 */
export class VirtualCard implements CardReader {
  private present = true;
  private session = freshSession();
  private removalWaiters: (() => void)[] = [];

  constructor(
    readonly path: string,
    private readonly options: VirtualCardOptions = {},
  ) {}

  async isCardPresent(): Promise<boolean> {
    return this.present;
  }

  /** Puts the card (back) on the reader: a new card session. */
  insert(): void {
    this.present = true;
    this.session = freshSession();
  }

  /** Takes the card off the reader: the session and its PIN verification end. */
  remove(): void {
    this.present = false;
    this.session = freshSession();
    for (const resolve of this.removalWaiters.splice(0)) resolve();
  }

  waitForRemoval(signal?: AbortSignal): Promise<void> {
    if (!this.present) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.removalWaiters.push(resolve);
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  }

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    if (!this.present) throw new CardRemovedError();
    const apdu = parseCommandApdu(command);
    if (!apdu) return response(SW.WRONG_LENGTH);
    try {
      return await withFileLock(`${this.path}.lock`, () => this.execute(apdu), {
        timeoutMs: this.options.lockTimeoutMs ?? 10_000,
      });
    } catch {
      // Card busy past the time-out, or its file unreadable: what a reader reports as no diagnosis.
      return response(SW.NO_DIAGNOSIS);
    }
  }

  private async execute(apdu: CommandApdu): Promise<Uint8Array> {
    if (apdu.cla !== 0x00 && apdu.cla !== 0x80) return response(SW.CLA_NOT_SUPPORTED);
    const cla = CLA_OF_INS.get(apdu.ins);
    if (cla === undefined) return response(SW.INS_NOT_SUPPORTED);
    if (cla !== apdu.cla) return response(SW.CLA_NOT_SUPPORTED);
    const card = readCardFile(this.path);
    if (!card) return response(SW.NO_DIAGNOSIS);
    await this.options.hooks?.afterRead?.(apdu.ins);
    switch (apdu.ins) {
      case 0xa4:
        return this.select(apdu);
      case 0x20:
        return this.verify(apdu, card);
      case 0xb0:
        return this.readBinary(apdu, card);
      default:
        return this.sign(apdu, card);
    }
  }

  private select(apdu: CommandApdu): Uint8Array {
    if (apdu.p2 !== 0x0c && apdu.p2 !== 0x00) return response(SW.INCORRECT_P1P2);
    if (apdu.p1 === 0x04) {
      if (apdu.data.length === 0) return response(SW.WRONG_LENGTH);
      if (Buffer.compare(apdu.data, JPKI_AID) !== 0) return response(SW.FILE_NOT_FOUND);
      this.session = { apSelected: true, ef: undefined, verified: false };
      return response(SW.OK);
    }
    if (apdu.p1 === 0x02) {
      if (apdu.data.length !== 2) return response(SW.WRONG_LENGTH);
      const fid = (apdu.data[0]! << 8) | apdu.data[1]!;
      if (!this.session.apSelected || !FILE_IDS.has(fid)) return response(SW.FILE_NOT_FOUND);
      this.session.ef = fid;
      return response(SW.OK);
    }
    return response(SW.INCORRECT_P1P2);
  }

  private async verify(apdu: CommandApdu, card: CardFile): Promise<Uint8Array> {
    if (apdu.p1 !== 0x00 || apdu.p2 !== 0x80) return response(SW.INCORRECT_P1P2);
    if (apdu.le !== undefined) return response(SW.WRONG_LENGTH);
    if (!this.session.apSelected || this.session.ef !== EF.USER_PIN)
      return response(SW.CONDITIONS_NOT_SATISFIED);
    if (apdu.data.length === 0) return response(SW.PIN_TRIES | card.remainingTries);
    if (apdu.data.length !== 4) return response(SW.WRONG_LENGTH);
    if (card.remainingTries <= 0) return response(SW.AUTH_BLOCKED);
    this.session.verified = false;
    // As real cards do: count the attempt durably first, so cutting power cannot undo it.
    const attempted = { ...card, remainingTries: card.remainingTries - 1 };
    if (!this.persist(attempted)) return response(SW.MEMORY_FAILURE);
    await this.options.hooks?.afterCounterWrite?.();
    if (!pinMatches(card.pin, apdu.data)) return response(SW.PIN_TRIES | attempted.remainingTries);
    if (!this.persist({ ...card, remainingTries: card.maxTries })) return response(SW.MEMORY_FAILURE);
    this.session.verified = true;
    return response(SW.OK);
  }

  private persist(card: CardFile): boolean {
    try {
      writeCardFile(this.path, card);
      return true;
    } catch {
      return false;
    }
  }

  private readBinary(apdu: CommandApdu, card: CardFile): Uint8Array {
    // P1 bit 8 would address a short EF identifier, which the JPKI AP is not read with.
    if (apdu.p1 & 0x80) return response(SW.INCORRECT_P1P2);
    if (apdu.data.length > 0 || apdu.le === undefined) return response(SW.WRONG_LENGTH);
    const { apSelected, ef } = this.session;
    if (!apSelected || ef === undefined) return response(SW.NO_CURRENT_EF);
    if (ef === EF.USER_KEY || ef === EF.USER_PIN) return response(SW.INCOMPATIBLE_FILE);
    const content = Buffer.from(
      ef === EF.USER_CERTIFICATE ? card.userCertificate : card.caCertificate,
      'base64',
    );
    const offset = (apdu.p1 << 8) | apdu.p2;
    if (offset >= content.length) return response(SW.WRONG_PARAMETERS);
    return response(SW.OK, content.subarray(offset, offset + apdu.le));
  }

  private sign(apdu: CommandApdu, card: CardFile): Uint8Array {
    if (apdu.p1 !== 0x00 || apdu.p2 !== 0x80) return response(SW.INCORRECT_P1P2);
    if (apdu.data.length === 0 || apdu.le === undefined || apdu.data.length > MAX_DIGEST_INFO)
      return response(SW.WRONG_LENGTH);
    if (!this.session.apSelected || this.session.ef !== EF.USER_KEY)
      return response(SW.CONDITIONS_NOT_SATISFIED);
    if (card.remainingTries <= 0) return response(SW.AUTH_BLOCKED);
    if (!this.session.verified) return response(SW.SECURITY_NOT_SATISFIED);
    try {
      const key = createPrivateKey({
        key: Buffer.from(card.userKey, 'base64'),
        format: 'der',
        type: 'pkcs8',
      });
      // The card pads the DigestInfo it is given (PKCS#1 v1.5 type 1) and applies the private key.
      const signature = privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, apdu.data);
      return response(SW.OK, signature);
    } catch {
      return response(SW.NO_DIAGNOSIS);
    }
  }
}
