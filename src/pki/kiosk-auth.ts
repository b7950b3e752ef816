import { createHash } from 'node:crypto';
import { ok, type Result, refuse } from '../domain/refusal.js';
import { APDU, EF, SHA256_DIGEST_INFO_PREFIX, SW, splitResponse } from './apdu.js';
import { isPin } from './card-file.js';
import { type CardReader, CardRemovedError } from './card-reader.js';
import { readDer } from './der.js';

/** What the kiosk sends to the center after the card signed the challenge. */
export interface CardSignature {
  certificateDer: Uint8Array;
  signature: Uint8Array;
}

class CardError extends Error {
  constructor(readonly sw: number | undefined) {
    super(`card answered ${sw?.toString(16) ?? 'nothing'}`);
  }
}

const send = async (reader: CardReader, command: Uint8Array): Promise<{ data: Uint8Array; sw: number }> => {
  const r = splitResponse(await reader.transmit(command));
  if (!r) throw new CardError(undefined);
  return r;
};

const expectOk = async (reader: CardReader, command: Uint8Array): Promise<Uint8Array> => {
  const r = await send(reader, command);
  if (r.sw !== SW.OK) throw new CardError(r.sw);
  return r.data;
};

/** Reads a certificate EF (000A user, 000B CA) with READ BINARY in chunks of at most 256 bytes. */
export const readCardCertificate = async (reader: CardReader, fid: number): Promise<Uint8Array> => {
  await expectOk(reader, APDU.selectEf(fid));
  // The DER header says how long the certificate is (as OpenSC's driver reads it).
  const head = await expectOk(reader, APDU.readBinary(0, 4));
  if (head.length < 4 || head[0] !== 0x30 || head[1] !== 0x82) throw new CardError(undefined);
  const total = ((head[2]! << 8) | head[3]!) + 4;
  const out = new Uint8Array(total);
  for (let offset = 0; offset < total; ) {
    const chunk = await expectOk(reader, APDU.readBinary(offset, Math.min(256, total - offset)));
    if (chunk.length === 0) throw new CardError(undefined);
    out.set(chunk.subarray(0, total - offset), offset);
    offset += chunk.length;
  }
  if (readDer(out)?.raw.length !== total) throw new CardError(undefined);
  return out;
};

/**
 * The kiosk's card login: SELECT the JPKI AP, read the user certificate (EF 000A), VERIFY the PIN
 * (EF 0018) and have the card sign the challenge's SHA-256 DigestInfo with its key (EF 0017).
 */
export const authenticateWithCard = async (
  reader: CardReader,
  pin: string,
  challenge: Uint8Array,
): Promise<Result<CardSignature>> => {
  if (typeof pin !== 'string' || !isPin(pin)) return refuse('INVALID_REQUEST', { field: 'pin' });
  if (!(challenge instanceof Uint8Array) || challenge.length === 0)
    return refuse('INVALID_REQUEST', { field: 'challenge' });
  try {
    if ((await send(reader, APDU.selectJpkiAp())).sw !== SW.OK)
      return refuse('CARD_UNKNOWN', { detail: 'no JPKI application on the card' });
    const certificateDer = await readCardCertificate(reader, EF.USER_CERTIFICATE);
    await expectOk(reader, APDU.selectEf(EF.USER_PIN));
    const verified = await send(reader, APDU.verify(pin));
    if (verified.sw === SW.AUTH_BLOCKED) return refuse('PIN_LOCKED');
    if ((verified.sw & 0xfff0) === SW.PIN_TRIES) {
      const remainingTries = verified.sw & 0x0f;
      return remainingTries === 0 ? refuse('PIN_LOCKED') : refuse('PIN_INCORRECT', { remainingTries });
    }
    if (verified.sw !== SW.OK) throw new CardError(verified.sw);
    await expectOk(reader, APDU.selectEf(EF.USER_KEY));
    const digest = createHash('sha256').update(challenge).digest();
    const digestInfo = Buffer.concat([SHA256_DIGEST_INFO_PREFIX, digest]);
    const signature = await expectOk(reader, APDU.computeSignature(digestInfo));
    return ok({ certificateDer, signature: Uint8Array.from(signature) });
  } catch (e) {
    if (e instanceof CardRemovedError) return refuse('CARD_UNKNOWN', { detail: 'card removed' });
    if (e instanceof CardError) return refuse('CARD_UNKNOWN', { detail: e.message });
    // A reader failing (PC/SC error, unplugged) must not crash the kiosk.
    return refuse('CARD_UNKNOWN', { detail: 'card reader error' });
  }
};
