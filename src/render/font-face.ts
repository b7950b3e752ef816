import { readFileSync } from 'node:fs';
import { constants, deflateRawSync } from 'node:zlib';
import * as fontkit from 'fontkit';

/** One printable glyph: its id in the original font and its advance per 1000 em. */
export interface GlyphInfo {
  gid: number;
  advance: number;
}

const tableChecksum = (data: Uint8Array): number => {
  let sum = 0;
  const whole = data.length & ~3;
  for (let i = 0; i < whole; i += 4) {
    sum = (sum + ((data[i]! << 24) | (data[i + 1]! << 16) | (data[i + 2]! << 8) | data[i + 3]!)) >>> 0;
  }
  if (whole < data.length) {
    let last = 0;
    for (let i = whole; i < whole + 4; i++) last = (last << 8) | (data[i] ?? 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
};

const pad4 = (n: number): number => (n + 3) & ~3;

const ADLER_BASE = 65521;
const SYNC = { finishFlush: constants.Z_SYNC_FLUSH };

/** Adler-32 of a buffer (zlib's checksum, which Node does not export). */
export const adler32 = (data: Uint8Array): number => {
  let a = 1;
  let b = 0;
  let i = 0;
  while (i < data.length) {
    const end = Math.min(i + 3800, data.length);
    for (; i < end; i++) {
      a += data[i]!;
      b += a;
    }
    a %= ADLER_BASE;
    b %= ADLER_BASE;
  }
  return ((b << 16) | a) >>> 0;
};

// zlib's adler32_combine: the checksum of A‖B from those of A and B and the length of B.
const adlerCombine = (adler1: number, adler2: number, len2: number): number => {
  const rem = len2 % ADLER_BASE;
  let sum1 = adler1 & 0xffff;
  let sum2 = (rem * sum1) % ADLER_BASE;
  sum1 += (adler2 & 0xffff) + ADLER_BASE - 1;
  sum2 += ((adler1 >>> 16) & 0xffff) + ((adler2 >>> 16) & 0xffff) + ADLER_BASE - rem;
  sum1 %= ADLER_BASE;
  sum2 %= ADLER_BASE;
  return ((sum2 << 16) | sum1) >>> 0;
};

/** Raw deflate blocks ending on a byte boundary (sync flush): such pieces concatenate into one stream. */
interface Deflated {
  bytes: Buffer;
  length: number;
  adler: number;
  checksum: number;
}
const deflatePiece = (data: Buffer): Deflated => ({
  bytes: deflateRawSync(data, SYNC),
  length: data.length,
  adler: adler32(data),
  checksum: tableChecksum(data),
});

/**
 * A TrueType font parsed once and reused for every document: glyph look-up with a cache, and
 * embedding of a compact subset (glyph i+1 of the subset is the i-th glyph a document used, so
 * the document's content can be written while it is drawn). Only the tables a PDF consumer reads
 * are written: head, hhea, maxp, hmtx, loca, glyf and the hinting tables.
 */
export class FontFace {
  readonly font: fontkit.Font;
  readonly scale: number;
  private readonly data: Buffer;
  private readonly cache = new Map<number, GlyphInfo | null>();
  private readonly loca: Uint32Array;
  private readonly glyfStart: number;
  private readonly hmtxStart: number;
  private readonly hMetrics: number;
  private readonly tables = new Map<string, Buffer>();
  private readonly pieces = new Map<number, Deflated>();
  /** The unchanging tables (cvt, fpgm, head, prep) laid out and deflated once; offsets relative. */
  private readonly staticEntries = new Map<string, TableEntry>();
  private readonly staticBlock: Deflated;

  constructor(path: string) {
    this.data = readFileSync(path);
    this.font = fontkit.create(this.data);
    this.scale = 1000 / this.font.unitsPerEm;
    const tables = this.font.directory.tables;
    const n = this.font.numGlyphs;
    const locaEntry = tables.loca!;
    const longLoca = this.font.head.indexToLocFormat === 1;
    this.loca = new Uint32Array(n + 1);
    for (let i = 0; i <= n; i++) {
      this.loca[i] = longLoca
        ? this.data.readUInt32BE(locaEntry.offset + i * 4)
        : this.data.readUInt16BE(locaEntry.offset + i * 2) * 2;
    }
    this.glyfStart = tables.glyf!.offset;
    this.hmtxStart = tables.hmtx!.offset;
    this.hMetrics = this.data.readUInt16BE(tables.hhea!.offset + 34);
    for (const tag of COPIED_TABLES) {
      const entry = tables[tag];
      if (!entry) continue;
      const bytes = Buffer.from(this.data.subarray(entry.offset, entry.offset + entry.length));
      if (tag === 'head') {
        bytes.writeUInt32BE(0, 8); // checkSumAdjustment: not checked by PDF consumers
        bytes.writeInt16BE(1, 50); // we always write long loca offsets
      }
      this.tables.set(tag, bytes);
    }
    const parts: Buffer[] = [];
    let offset = 0;
    for (const tag of STATIC_TABLES) {
      const t = this.tables.get(tag);
      if (!t) continue;
      this.staticEntries.set(tag, { offset, length: t.length, checksum: tableChecksum(t) });
      const padded = pad4(t.length);
      parts.push(t, Buffer.alloc(padded - t.length));
      offset += padded;
    }
    this.staticBlock = deflatePiece(Buffer.concat(parts));
  }

  /** The glyph for a code point, or undefined when this font has none. */
  glyph(codePoint: number): GlyphInfo | undefined {
    let info = this.cache.get(codePoint);
    if (info === undefined) {
      info = null;
      if (this.font.hasGlyphForCodePoint(codePoint)) {
        const g = this.font.glyphForCodePoint(codePoint);
        if (g.id !== 0) info = { gid: g.id, advance: g.advanceWidth * this.scale };
      }
      this.cache.set(codePoint, info);
    }
    return info ?? undefined;
  }

  private outline(gid: number): Buffer {
    return this.data.subarray(this.glyfStart + this.loca[gid]!, this.glyfStart + this.loca[gid + 1]!);
  }

  // Composite glyphs refer to other glyphs by id: copy them with the ids re-mapped into the subset.
  private remapComponents(outline: Buffer, newId: (gid: number) => number): Buffer {
    if (outline.length < 10 || outline.readInt16BE(0) >= 0) return outline;
    const g = Buffer.from(outline);
    let p = 10;
    for (;;) {
      const flags = g.readUInt16BE(p);
      g.writeUInt16BE(newId(g.readUInt16BE(p + 2)), p + 2);
      p += 4 + (flags & 0x0001 ? 4 : 2);
      if (flags & 0x0008) p += 2;
      else if (flags & 0x0040) p += 4;
      else if (flags & 0x0080) p += 8;
      if (!(flags & 0x0020)) return g;
    }
  }

  // Each outline deflated once, padded to 4 bytes, and kept for every later document.
  private pieceOf(gid: number, outline: Buffer, remapped: boolean): Deflated {
    const cached = remapped ? undefined : this.pieces.get(gid);
    if (cached) return cached;
    const pad = pad4(outline.length) - outline.length;
    const piece = deflatePiece(pad ? Buffer.concat([outline, Buffer.alloc(pad)]) : outline);
    if (!remapped) this.pieces.set(gid, piece);
    return piece;
  }

  /**
   * A zlib-compressed TrueType file whose glyph i+1 is `gids[i]` (glyph 0 stays .notdef). The
   * stream is stitched from deflate pieces: the per-document head (directory, hhea, hmtx, loca,
   * maxp), the unchanging tables and each outline, all but the head compressed only once.
   */
  embed(gids: readonly number[]): Buffer {
    const order = [0, ...gids];
    const index = new Map<number, number>(order.map((g, i) => [g, i]));
    const newId = (gid: number): number => {
      let id = index.get(gid);
      if (id === undefined) {
        id = order.length;
        order.push(gid);
        index.set(gid, id);
      }
      return id;
    };
    const glyphs: Deflated[] = [];
    for (let i = 0; i < order.length; i++) {
      const outline = this.outline(order[i]!);
      const remapped = this.remapComponents(outline, newId);
      glyphs.push(this.pieceOf(order[i]!, remapped, remapped !== outline));
    }
    const count = order.length;
    const loca = Buffer.alloc((count + 1) * 4);
    const hmtx = Buffer.alloc(count * 4);
    let at = 0;
    let glyfChecksum = 0;
    for (let i = 0; i < count; i++) {
      loca.writeUInt32BE(at, i * 4);
      at += glyphs[i]!.length;
      glyfChecksum = (glyfChecksum + glyphs[i]!.checksum) >>> 0;
      const gid = order[i]!;
      const m = Math.min(gid, this.hMetrics - 1);
      hmtx.writeUInt16BE(this.data.readUInt16BE(this.hmtxStart + m * 4), i * 4);
      const lsbAt =
        gid < this.hMetrics
          ? this.hmtxStart + gid * 4 + 2
          : this.hmtxStart + this.hMetrics * 4 + (gid - this.hMetrics) * 2;
      hmtx.writeInt16BE(this.data.readInt16BE(lsbAt), i * 4 + 2);
    }
    loca.writeUInt32BE(at, count * 4);
    const hhea = Buffer.from(this.tables.get('hhea')!);
    hhea.writeUInt16BE(count, 34);
    const maxp = Buffer.from(this.tables.get('maxp')!);
    maxp.writeUInt16BE(count, 4);
    // Physical order: directory, per-document tables, unchanging tables, glyf.
    const dynamic: [string, Buffer][] = [
      ['hhea', hhea],
      ['hmtx', hmtx],
      ['loca', loca],
      ['maxp', maxp],
    ];
    const entries = new Map<string, TableEntry>();
    let offset = 12 + 16 * (dynamic.length + this.staticEntries.size + 1);
    const dynParts: Buffer[] = [];
    for (const [tag, t] of dynamic) {
      entries.set(tag, { offset, length: t.length, checksum: tableChecksum(t) });
      const padded = pad4(t.length);
      dynParts.push(t, Buffer.alloc(padded - t.length));
      offset += padded;
    }
    for (const [tag, e] of this.staticEntries) entries.set(tag, { ...e, offset: offset + e.offset });
    offset += this.staticBlock.length;
    entries.set('glyf', { offset, length: at, checksum: glyfChecksum });
    const head = Buffer.concat([directory(entries), ...dynParts]);
    let adler = adlerCombine(adler32(head), this.staticBlock.adler, this.staticBlock.length);
    for (const g of glyphs) adler = adlerCombine(adler, g.adler, g.length);
    const trailer = Buffer.alloc(4);
    trailer.writeUInt32BE(adler, 0);
    return Buffer.concat([
      ZLIB_HEADER,
      deflateRawSync(head, SYNC),
      this.staticBlock.bytes,
      ...glyphs.map((g) => g.bytes),
      FINAL_BLOCK,
      trailer,
    ]);
  }
}

interface TableEntry {
  offset: number;
  length: number;
  checksum: number;
}

const COPIED_TABLES = ['cvt ', 'fpgm', 'head', 'hhea', 'maxp', 'prep'];
const STATIC_TABLES = ['cvt ', 'fpgm', 'head', 'prep'];
const ZLIB_HEADER = Buffer.from([0x78, 0x9c]);
// An empty fixed-Huffman block with BFINAL set: ends the deflate stream.
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

// The sfnt table directory, entries sorted by tag.
const directory = (entries: Map<string, TableEntry>): Buffer => {
  const tags = [...entries.keys()].sort();
  const count = tags.length;
  const pow = 2 ** Math.floor(Math.log2(count));
  const dir = Buffer.alloc(12 + 16 * count);
  dir.writeUInt32BE(0x00010000, 0);
  dir.writeUInt16BE(count, 4);
  dir.writeUInt16BE(pow * 16, 6);
  dir.writeUInt16BE(Math.log2(pow), 8);
  dir.writeUInt16BE(count * 16 - pow * 16, 10);
  tags.forEach((tag, i) => {
    const e = entries.get(tag)!;
    dir.write(tag, 12 + i * 16, 'latin1');
    dir.writeUInt32BE(e.checksum, 16 + i * 16);
    dir.writeUInt32BE(e.offset, 20 + i * 16);
    dir.writeUInt32BE(e.length, 24 + i * 16);
  });
  return dir;
};
