import { createRequire } from 'node:module';
import { FontFace, type GlyphInfo } from './font-face.js';

/** Body text in BIZ UD明朝, headings in BIZ UDゴシック; both fall back to Noto Serif JP. */
export type FontStyle = 'mincho' | 'gothic';

/** Where a character is printed from: the face index in FontSet.faces and its glyph. */
export interface ResolvedGlyph {
  face: number;
  glyph: GlyphInfo;
}

const FILES = {
  mincho: '@expo-google-fonts/biz-udmincho/400Regular/BIZUDMincho_400Regular.ttf',
  gothic: '@expo-google-fonts/biz-udgothic/400Regular/BIZUDGothic_400Regular.ttf',
  gothicBold: '@expo-google-fonts/biz-udgothic/700Bold/BIZUDGothic_700Bold.ttf',
  fallback: '@expo-google-fonts/noto-serif-jp/400Regular/NotoSerifJP_400Regular.ttf',
} as const;

export const MINCHO = 0;
export const GOTHIC = 1;
export const FALLBACK = 2;
const CHAINS: Record<FontStyle, number[]> = {
  mincho: [MINCHO, FALLBACK],
  gothic: [GOTHIC, MINCHO, FALLBACK],
};

// Line breaks and tabs are layout, not characters to print.
const isLayoutControl = (cp: number): boolean => cp === 0x0a || cp === 0x0d || cp === 0x09;

/** The fonts of one renderer, parsed once: text faces (embedded) and the bold outline face (seals, latent word). */
export class FontSet {
  readonly faces: FontFace[];
  readonly outlines: FontFace;
  private readonly resolved: Record<FontStyle, Map<number, ResolvedGlyph | null>> = {
    mincho: new Map(),
    gothic: new Map(),
  };

  constructor(paths: Partial<Record<keyof typeof FILES, string>> = {}) {
    const require = createRequire(import.meta.url);
    const path = (k: keyof typeof FILES): string => paths[k] ?? require.resolve(FILES[k]);
    this.faces = [new FontFace(path('mincho')), new FontFace(path('gothic')), new FontFace(path('fallback'))];
    this.outlines = new FontFace(path('gothicBold'));
  }

  /** The first face of the style's chain that has the character, or undefined when none has. */
  resolve(codePoint: number, style: FontStyle): ResolvedGlyph | undefined {
    const cache = this.resolved[style];
    let r = cache.get(codePoint);
    if (r === undefined) {
      r = null;
      for (const face of CHAINS[style]) {
        const glyph = this.faces[face]!.glyph(codePoint);
        if (glyph) {
          r = { face, glyph };
          break;
        }
      }
      cache.set(codePoint, r);
    }
    return r ?? undefined;
  }

  /** Characters of `texts` that no bundled font can print, each once, in order of appearance. */
  unsupported(texts: readonly string[]): string[] {
    const out = new Set<string>();
    for (const text of texts) {
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        if (isLayoutControl(cp)) continue;
        if (!this.resolve(cp, 'mincho') || !this.resolve(cp, 'gothic')) out.add(ch);
      }
    }
    return [...out];
  }
}
