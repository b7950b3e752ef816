// A minimal DER reader and writer: enough for CRLs with 10,000+ entries, which the
// generic ASN.1 schema library builds and parses far too slowly (seconds).

/** One DER element: tag byte, its content, and the whole encoding. */
export interface DerNode {
  tag: number;
  /** Content bytes (a view, not a copy). */
  content: Uint8Array;
  /** Tag + length + content (a view). */
  raw: Uint8Array;
}

/** Reads one element at `offset`; undefined when the bytes are not well-formed DER. */
export const readDer = (bytes: Uint8Array, offset = 0): DerNode | undefined => {
  if (offset + 2 > bytes.length) return undefined;
  const tag = bytes[offset]!;
  // High-tag-number form never occurs in the structures we read.
  if ((tag & 0x1f) === 0x1f) return undefined;
  let length = bytes[offset + 1]!;
  let header = 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n === 0 || n > 4 || offset + 2 + n > bytes.length) return undefined;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[offset + 2 + i]!;
    header += n;
  }
  const end = offset + header + length;
  if (end > bytes.length) return undefined;
  return {
    tag,
    content: bytes.subarray(offset + header, end),
    raw: bytes.subarray(offset, end),
  };
};

/** The children of a constructed element; undefined if any child is malformed. */
export const readChildren = (node: DerNode): DerNode[] | undefined => {
  const out: DerNode[] = [];
  let offset = 0;
  while (offset < node.content.length) {
    const child = readDer(node.content, offset);
    if (!child) return undefined;
    out.push(child);
    offset += child.raw.length;
  }
  return out;
};

const lengthBytes = (n: number): number[] => {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
};

/** Encodes one element from its tag and content. */
export const tlv = (tag: number, ...parts: Uint8Array[]): Uint8Array => {
  const total = parts.reduce((s, p) => s + p.length, 0);
  const head = lengthBytes(total);
  const out = new Uint8Array(1 + head.length + total);
  out[0] = tag;
  out.set(head, 1);
  let offset = 1 + head.length;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
};

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  CONTEXT_0: 0xa0,
} as const;

export const seq = (...parts: Uint8Array[]): Uint8Array => tlv(TAG.SEQUENCE, ...parts);

/** A non-negative INTEGER from hex digits (a serial number). */
export const integerFromHex = (hex: string): Uint8Array => {
  let h = hex.length % 2 ? `0${hex}` : hex;
  while (h.startsWith('00') && h.length > 2) h = h.slice(2);
  const bytes = Buffer.from(h, 'hex');
  // A leading 1 bit would make it negative.
  return tlv(TAG.INTEGER, (bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.of(0), bytes]) : bytes);
};

export const smallInteger = (n: number): Uint8Array => integerFromHex(n.toString(16));

/** An OID from its dotted form. */
export const oid = (dotted: string): Uint8Array => {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [40 * arcs[0]! + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [];
    for (let v = arc; ; v = Math.floor(v / 128)) {
      chunk.unshift((v & 0x7f) | (chunk.length ? 0x80 : 0));
      if (v < 128) break;
    }
    out.push(...chunk);
  }
  return tlv(TAG.OID, Uint8Array.from(out));
};

const two = (n: number): string => String(n).padStart(2, '0');

/** X.509 Time: UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5280 §4.1.2.5). */
export const x509Time = (at: Date): Uint8Array => {
  const y = at.getUTCFullYear();
  const rest = `${two(at.getUTCMonth() + 1)}${two(at.getUTCDate())}${two(at.getUTCHours())}${two(at.getUTCMinutes())}${two(at.getUTCSeconds())}Z`;
  if (y >= 1950 && y < 2050) return tlv(TAG.UTC_TIME, Buffer.from(`${two(y % 100)}${rest}`, 'latin1'));
  return tlv(TAG.GENERALIZED_TIME, Buffer.from(`${String(y).padStart(4, '0')}${rest}`, 'latin1'));
};

/** Parses an X.509 Time element; undefined when malformed. */
export const parseX509Time = (node: DerNode): Date | undefined => {
  const text = Buffer.from(node.content).toString('latin1');
  const m =
    node.tag === TAG.UTC_TIME
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
      : node.tag === TAG.GENERALIZED_TIME
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
        : null;
  if (!m) return undefined;
  let year = Number(m[1]);
  if (node.tag === TAG.UTC_TIME) year += year < 50 ? 2000 : 1900;
  const d = new Date(
    Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])),
  );
  return Number.isNaN(d.getTime()) ? undefined : d;
};

/** Upper-case hex of an INTEGER's content without leading zero bytes. */
export const integerHex = (node: DerNode): string => {
  let i = 0;
  while (i < node.content.length - 1 && node.content[i] === 0) i++;
  return Buffer.from(node.content.subarray(i)).toString('hex').toUpperCase();
};
