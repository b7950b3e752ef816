import { inflateSync } from 'node:zlib';

// Reads the texts drawn on each page of a kofu PDF straight from its content streams (one
// BT…ET per drawn text, Identity-H glyph codes mapped back through each font's ToUnicode),
// so that the digest signed at issue can be recomputed exactly; pdftotext loses the boundaries.

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

const parseObjects = (pdf: Buffer): Map<number, PdfObject> => {
  const objects = new Map<number, PdfObject>();
  const latin = pdf.toString('latin1');
  const re = /(\d+) 0 obj\s*/g;
  for (let m = re.exec(latin); m; m = re.exec(latin)) {
    const start = re.lastIndex;
    const end = latin.indexOf('endobj', start);
    if (end < 0) break;
    const body = latin.slice(start, end);
    const s = body.indexOf('stream');
    const len = /\/Length (\d+)/.exec(body);
    if (s >= 0 && len) {
      let from = start + s + 'stream'.length;
      if (latin[from] === '\r') from++;
      if (latin[from] === '\n') from++;
      const raw = pdf.subarray(from, from + Number(len[1]));
      const dict = body.slice(0, s);
      let stream: Buffer = Buffer.from(raw);
      if (dict.includes('/FlateDecode')) {
        try {
          stream = inflateSync(raw);
        } catch {
          stream = Buffer.alloc(0);
        }
      }
      objects.set(Number(m[1]), { dict, stream });
    } else objects.set(Number(m[1]), { dict: body });
    re.lastIndex = end;
  }
  return objects;
};

const ref = (dict: string, key: string): number | undefined => {
  const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : undefined;
};

const parseCmap = (text: string): Map<number, string> => {
  const map = new Map<number, string>();
  for (const m of text.matchAll(/<([0-9a-fA-F]{4})> <([0-9a-fA-F]+)>/g)) {
    const units: number[] = [];
    for (let i = 0; i + 4 <= m[2]!.length; i += 4) units.push(Number.parseInt(m[2]!.slice(i, i + 4), 16));
    map.set(Number.parseInt(m[1]!, 16), String.fromCharCode(...units));
  }
  return map;
};

const pageOrder = (objects: Map<number, PdfObject>): number[] => {
  const root = [...objects.values()].find((o) => /\/Type \/Pages\b/.test(o.dict) && !/\/Parent/.test(o.dict));
  const walk = (o: PdfObject | undefined, out: number[]): number[] => {
    const kids = o && /\/Kids \[([^\]]*)\]/.exec(o.dict);
    for (const k of kids ? kids[1]!.matchAll(/(\d+) 0 R/g) : []) {
      const child = objects.get(Number(k[1]));
      if (child && /\/Type \/Pages\b/.test(child.dict)) walk(child, out);
      else out.push(Number(k[1]));
    }
    return out;
  };
  return walk(root, []);
};

/** The texts drawn on each page of a PDF, in drawing order (one array per page); undefined when unreadable. */
export const pdfPageTexts = (pdfBytes: Uint8Array): string[][] | undefined => {
  const objects = parseObjects(Buffer.from(pdfBytes));
  const pages = pageOrder(objects);
  if (pages.length === 0) return undefined;
  const cmaps = new Map<number, Map<number, string>>();
  return pages.map((id) => {
    const page = objects.get(id);
    if (!page) return [];
    const resId = ref(page.dict, 'Resources');
    const res = resId === undefined ? page.dict : (objects.get(resId)?.dict ?? '');
    const fontDict = /\/Font <<([^>]*)>>/.exec(res)?.[1] ?? '';
    const fonts = new Map<string, Map<number, string>>();
    for (const f of fontDict.matchAll(/\/([^\s/]+) (\d+) 0 R/g)) {
      const fontId = Number(f[2]);
      const cmapId = ref(objects.get(fontId)?.dict ?? '', 'ToUnicode');
      if (cmapId === undefined) continue;
      if (!cmaps.has(cmapId))
        cmaps.set(cmapId, parseCmap(objects.get(cmapId)?.stream?.toString('latin1') ?? ''));
      fonts.set(f[1]!, cmaps.get(cmapId)!);
    }
    const contentIds =
      /\/Contents \[([^\]]*)\]/.exec(page.dict)?.[1] ?? `${ref(page.dict, 'Contents') ?? ''} 0 R`;
    const content = [...contentIds.matchAll(/(\d+) 0 R/g)]
      .map((c) => objects.get(Number(c[1]))?.stream?.toString('latin1') ?? '')
      .join('\n');
    const texts: string[] = [];
    for (const bt of content.matchAll(/\bBT\b([\s\S]*?)\bET\b/g)) {
      let font: Map<number, string> | undefined;
      let text = '';
      for (const op of bt[1]!.matchAll(/\/([^\s/]+) [\d.]+ Tf|<([0-9a-fA-F]*)> Tj/g)) {
        if (op[1] !== undefined) font = fonts.get(op[1]);
        else
          for (let i = 0; i + 4 <= op[2]!.length; i += 4)
            text += font?.get(Number.parseInt(op[2]!.slice(i, i + 4), 16)) ?? '\uFFFD';
      }
      texts.push(text);
    }
    return texts;
  });
};
