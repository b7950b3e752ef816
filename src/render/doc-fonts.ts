import { createHash } from 'node:crypto';
import type PDFDocument from 'pdfkit';
import type { FontSet, FontStyle } from './font-set.js';

/** Thrown when text reaches the renderer that no font can print: a bug, the server checks first. */
export class UnsupportedCharacterError extends Error {
  override readonly name = 'UnsupportedCharacterError';
  constructor(readonly characters: string[]) {
    super(
      `no bundled font can print: ${characters.map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`).join(' ')}`,
    );
  }
}

/** One run of text ready for a content stream: its operators and its width at size 1. */
export interface EncodedText {
  ops: (size: number) => string;
  width: number;
  faces: number[];
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');
const utf16Hex = (cp: number): string => {
  if (cp < 0x10000) return hex4(cp);
  const v = cp - 0x10000;
  return hex4(0xd800 | (v >>> 10)) + hex4(0xdc00 | (v & 0x3ff));
};

export const fontResourceName = (face: number): string => `K${face}`;

/** The fonts of one document: which glyphs it used, written as embedded subsets at the end. */
export class DocFonts {
  // Per face: original glyph id → its id in this document's subset (1, 2, … in order of first use).
  private readonly used: Map<number, { cid: number; cp: number; advance: number }>[];
  private readonly refs: (PDFKit.PDFKitReference | undefined)[] = [];

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly fonts: FontSet,
  ) {
    this.used = fonts.faces.map(() => new Map());
  }

  /** The indirect reference of a face's font dictionary (allocated on first use). */
  ref(face: number): PDFKit.PDFKitReference {
    let r = this.refs[face];
    if (!r) {
      r = this.doc.ref({});
      this.refs[face] = r;
    }
    return r;
  }

  /** Encodes text as glyph ids, switching face where the style's font lacks a character. */
  encode(text: string, style: FontStyle): EncodedText {
    const runs: { face: number; hex: string }[] = [];
    let width = 0;
    const bad: string[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const r = this.fonts.resolve(cp, style);
      if (!r) {
        bad.push(ch);
        continue;
      }
      const map = this.used[r.face]!;
      let u = map.get(r.glyph.gid);
      if (!u) {
        u = { cid: map.size + 1, cp, advance: r.glyph.advance };
        map.set(r.glyph.gid, u);
      }
      width += r.glyph.advance;
      const last = runs[runs.length - 1];
      if (last && last.face === r.face) last.hex += hex4(u.cid);
      else runs.push({ face: r.face, hex: hex4(u.cid) });
    }
    if (bad.length) throw new UnsupportedCharacterError(bad);
    for (const run of runs) this.ref(run.face);
    return {
      width: width / 1000,
      faces: [...new Set(runs.map((r) => r.face))],
      ops: (size) => runs.map((r) => `/${fontResourceName(r.face)} ${size} Tf <${r.hex}> Tj`).join(' '),
    };
  }

  /** Writes the font objects of every face used (Type0 / CIDFontType2, Identity-H, ToUnicode). */
  finish(): void {
    this.refs.forEach((ref, face) => {
      if (!ref) return;
      const faceObj = this.fonts.faces[face]!;
      const font = faceObj.font;
      const used = [...this.used[face]!.entries()];
      const gids = used.map(([gid]) => gid);
      const tag = [
        ...createHash('sha256')
          .update(`${face}:${gids.join(',')}`)
          .digest()
          .subarray(0, 6),
      ]
        .map((b) => String.fromCharCode(65 + (b % 26)))
        .join('');
      const name = `${tag}+${font.postscriptName}`;
      const file = this.doc.ref({ Filter: 'FlateDecode' });
      file.end(faceObj.embed(gids));
      const s = faceObj.scale;
      const descriptor = this.doc.ref({
        Type: 'FontDescriptor',
        FontName: name,
        Flags: 4,
        FontBBox: [font.bbox.minX * s, font.bbox.minY * s, font.bbox.maxX * s, font.bbox.maxY * s].map(
          Math.round,
        ),
        ItalicAngle: font.italicAngle,
        Ascent: Math.round(font.ascent * s),
        Descent: Math.round(font.descent * s),
        CapHeight: Math.round((font.capHeight || font.ascent) * s),
        StemV: 80,
        FontFile2: file,
      });
      descriptor.end(undefined);
      const widths: (number | number[])[] = [];
      if (used.length)
        widths.push(
          1,
          used.map(([, u]) => Math.round(u.advance)),
        );
      const cid = this.doc.ref({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: name,
        CIDSystemInfo: { Registry: new String('Adobe'), Ordering: new String('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        W: widths,
        CIDToGIDMap: 'Identity',
      });
      cid.end(undefined);
      const cmap = this.doc.ref({});
      const lines: string[] = [];
      for (let i = 0; i < used.length; i += 100) {
        const chunk = used.slice(i, i + 100);
        lines.push(`${chunk.length} beginbfchar`);
        for (const [, u] of chunk) lines.push(`<${hex4(u.cid)}> <${utf16Hex(u.cp)}>`);
        lines.push('endbfchar');
      }
      cmap.end(
        `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n${lines.join('\n')}\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend`,
      );
      Object.assign(ref.data as Record<string, unknown>, {
        Type: 'Font',
        Subtype: 'Type0',
        BaseFont: name,
        Encoding: 'Identity-H',
        DescendantFonts: [cid],
        ToUnicode: cmap,
      });
      ref.end(undefined);
    });
  }

  /** The font resource dictionary for every face used so far. */
  resources(): Record<string, PDFKit.PDFKitReference> {
    const out: Record<string, PDFKit.PDFKitReference> = {};
    this.refs.forEach((ref, face) => {
      if (ref) out[fontResourceName(face)] = ref;
    });
    return out;
  }
}

export type PdfDoc = InstanceType<typeof PDFDocument>;
