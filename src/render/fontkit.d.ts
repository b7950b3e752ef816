// Minimal typings for the parts of fontkit 2 that the renderer uses (the package ships none).
declare module 'fontkit' {
  export interface PathCommand {
    command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
    args: number[];
  }
  export interface Glyph {
    id: number;
    advanceWidth: number;
    path: { commands: PathCommand[] };
  }
  export interface TableEntry {
    tag: string;
    offset: number;
    length: number;
  }
  export interface Font {
    postscriptName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    capHeight: number;
    numGlyphs: number;
    italicAngle: number;
    bbox: { minX: number; minY: number; maxX: number; maxY: number };
    directory: { tables: Record<string, TableEntry> };
    head: { indexToLocFormat: number };
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): Glyph;
    getGlyph(id: number): Glyph;
  }
  export function create(buffer: Uint8Array): Font;
}
