import { randomBytes } from 'node:crypto';

/** A fresh 128-bit certificate serial as upper-case hex (first byte 0x10–0x7F: positive, no padding). */
export const newSerial = (): string => {
  const bytes = randomBytes(16);
  bytes[0] = 0x10 + (bytes[0]! % 0x70);
  return bytes.toString('hex').toUpperCase();
};

/** The canonical form of a serial typed by a person or read from a certificate; undefined if not hex. */
export const normalizeSerial = (text: string): string | undefined => {
  const t = text.trim().replace(/^0x/i, '').replace(/:/g, '');
  if (!/^[0-9a-fA-F]{1,40}$/.test(t)) return undefined;
  const stripped = t.replace(/^(00)+(?=..)/, '').toUpperCase();
  return stripped.length % 2 ? `0${stripped}` : stripped;
};
