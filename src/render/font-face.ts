import { readFileSync } from 'node:fs';
import { constants, deflateRawSync } from 'node:zlib';
import * as fontkit from 'fontkit';

/** One printable glyph: its id in the original font and its advance per 1000 em. */
export interface GlyphInfo {
  gid: number;
  advance: number;
}

const STATIC_TABLES = ['cvt ', 'fpgm', 'head', 'hhea', 'hmtx', 'maxp', 'prep'];
const SYNC = { finishFlush: constants.Z_SYNC_FLUSH };
const ADLER_BASE = 65521;

/** Adler-32 of a buffer, continuing from `start` (zlib's checksum, which Node does not export). */
export const adler32 = (data: Uint8Array, start = 1): number => {
  let a = start & 0xffff;
  let b = (start >>> 16) & 0xffff;
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

// zlib's adler32_combine: the checksum of A‖B from those of A and B.
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

/**
 * A TrueType font parsed once and reused for every document: glyph look-up with a cache, and
 * embedding that keeps the original glyph ids (so nothing is re-mapped) but carries only the
 * outlines a document uses. The unchanging tables are deflated once; per document only the
 * table directory, loca and the used outlines are compressed (deflate blocks concatenate).
 */
export class FontFace {
  readonly font: fontkit.Font;
  readonly scale: number;
  private readonly data: Buffer;
  private readonly cache = new Map<number, GlyphInfo | null>();
  private readonly loca: Uint32Array;
  private readonly glyfStart: number;
  private readonly tags: string[];
  private readonly staticEntries = new Map<string, { offset: number; length: number; checksum: number }>();
  private readonly staticDeflated: Buffer;
  private readonly staticAdler: number;
  private readonly staticLength: number;
  private readonly locaOffset: number;

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
    const present = STATIC_TABLES.filter((t) => tables[t]);
    this.tags = [...present, 'glyf', 'loca'].sort();
    const dirLength = 12 + 16 * this.tags.length;
    const parts: Buffer[] = [];
    let offset = dirLength;
    for (const tag of present) {
      const entry = tables[tag]!;
      const bytes = Buffer.alloc(pad4(entry.length));
      this.data.copy(bytes, 0, entry.offset, entry.offset + entry.length);
      if (tag === 'head') {
        bytes.writeUInt32BE(0, 8); // checkSumAdjustment: not checked by PDF consumers
        bytes.writeInt16BE(1, 50); // we always write long loca offsets
      }
      this.staticEntries.set(tag, {
        offset,
        length: entry.length,
        checksum: tableChecksum(bytes.subarray(0, entry.length)),
      });
      parts.push(bytes);
      offset += bytes.length;
    }
    const block = Buffer.concat(parts);
    this.locaOffset = offset;
    this.staticLength = block.length;
    this.staticAdler = adler32(block);
    this.staticDeflated = deflateRawSync(block, SYNC);
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

  // Composite glyphs refer to other glyphs by id; those must travel with them.
  private addComponents(gid: number, into: Set<number>): void {
    const g = this.outline(gid);
    if (g.length < 10 || g.readInt16BE(0) >= 0) return;
    let p = 10;
    for (;;) {
      const flags = g.readUInt16BE(p);
      const component = g.readUInt16BE(p + 2);
      if (!into.has(component)) {
        into.add(component);
        this.addComponents(component, into);
      }
      p += 4 + (flags & 0x0001 ? 4 : 2);
      if (flags & 0x0008) p += 2;
      else if (flags & 0x0040) p += 4;
      else if (flags & 0x0080) p += 8;
      if (!(flags & 0x0020)) break;
    }
  }

  /** A zlib-compressed TrueType file holding only the outlines of `gids` (ids unchanged). */
  embed(gids: Iterable<number>): Buffer {
    const used = new Set<number>([0]);
    for (const gid of gids) {
      used.add(gid);
      this.addComponents(gid, used);
    }
    const n = this.font.numGlyphs;
    const sorted = [...used].sort((a, b) => a - b);
    let glyfLength = 0;
    for (const gid of sorted) glyfLength += pad4(this.outline(gid).length);
    const locaLength = (n + 1) * 4;
    const tail = Buffer.alloc(locaLength + glyfLength);
    let next = 0;
    let at = 0;
    for (let gid = 0; gid <= n; gid++) {
      tail.writeUInt32BE(at, gid * 4);
      if (gid === sorted[next]) {
        next++;
        const outline = this.outline(gid);
        outline.copy(tail, locaLength + at);
        at += pad4(outline.length);
      }
    }
    const dir = Buffer.alloc(12 + 16 * this.tags.length);
    const count = this.tags.length;
    const pow = 2 ** Math.floor(Math.log2(count));
    dir.writeUInt32BE(0x00010000, 0);
    dir.writeUInt16BE(count, 4);
    dir.writeUInt16BE(pow * 16, 6);
    dir.writeUInt16BE(Math.log2(pow), 8);
    dir.writeUInt16BE(count * 16 - pow * 16, 10);
    this.tags.forEach((tag, i) => {
      const entry =
        tag === 'loca'
          ? {
              offset: this.locaOffset,
              length: locaLength,
              checksum: tableChecksum(tail.subarray(0, locaLength)),
            }
          : tag === 'glyf'
            ? {
                offset: this.locaOffset + locaLength,
                length: glyfLength,
                checksum: tableChecksum(tail.subarray(locaLength)),
              }
            : this.staticEntries.get(tag)!;
      dir.write(tag, 12 + i * 16, 'latin1');
      dir.writeUInt32BE(entry.checksum, 16 + i * 16);
      dir.writeUInt32BE(entry.offset, 20 + i * 16);
      dir.writeUInt32BE(entry.length, 24 + i * 16);
    });
    let adler = adlerCombine(adler32(dir), this.staticAdler, this.staticLength);
    adler = adlerCombine(adler, adler32(tail), tail.length);
    const trailer = Buffer.alloc(4);
    trailer.writeUInt32BE(adler, 0);
    return Buffer.concat([
      Buffer.from([0x78, 0x9c]),
      deflateRawSync(dir, SYNC),
      this.staticDeflated,
      deflateRawSync(tail, { level: 1 }),
      trailer,
    ]);
  }
}
