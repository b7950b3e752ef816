import {
  createCipheriv,
  createDecipheriv,
  createECDH,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { Canvas, type TextOptions } from './canvas.js';
import type { FontStyle } from './font-set.js';
import { pageContentSha256 } from './tamper-code.js';

// The front page itself, for the back codes: every text drawn (position, size, style, horizontal
// scale) and every rule, deflated and sealed to the verification service's public key (ECIES:
// P-256 ECDH with an ephemeral key, HKDF-SHA256, AES-256-GCM). Only the service can open it.

/** One text drawn on a page: top-left x/y in points (pdfkit coordinates), font size, style. */
export interface PageRun {
  x: number;
  y: number;
  size: number;
  style: FontStyle;
  /** Horizontal scale (< 1 when squeezed to fit). */
  hscale: number;
  text: string;
  /** Not part of the signed content text (the 照合番号). */
  decorative: boolean;
}

/** A straight rule (a rectangle's four sides are four rules). */
export interface PageRule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
}

/** What the back codes carry of a front page. */
export interface PageImage {
  runs: PageRun[];
  rules: PageRule[];
}

/** A canvas that also keeps every text run and rule drawn, for the sealed page. */
export class RecordingCanvas extends Canvas {
  readonly page: PageImage = { runs: [], rules: [] };

  override text(x: number, y: number, text: string, o: TextOptions = {}): number {
    const w = super.text(x, y, text, o);
    if (text === '') return w;
    const size = o.size ?? 10.5;
    const style = o.style ?? 'mincho';
    const natural = this.width(text, size, style);
    const left = o.align === 'center' ? x - w / 2 : o.align === 'right' ? x - w : x;
    const hscale = natural > 0 ? w / natural : 1;
    this.page.runs.push({ x: left, y, size, style, hscale, text, decorative: o.decorative === true });
    return w;
  }

  override line(x1: number, y1: number, x2: number, y2: number, width = 0.6): void {
    super.line(x1, y1, x2, y2, width);
    this.page.rules.push({ x1, y1, x2, y2, width });
  }

  override rect(x: number, y: number, w: number, h: number, width = 0.6): void {
    super.rect(x, y, w, h, width);
    const r = (x1: number, y1: number, x2: number, y2: number) =>
      this.page.rules.push({ x1, y1, x2, y2, width });
    r(x, y, x + w, y);
    r(x + w, y, x + w, y + h);
    r(x, y + h, x + w, y + h);
    r(x, y, x, y + h);
  }
}

const q = (n: number): number => Math.round(n * 10);

/** The page as compact JSON (coordinates in tenths of a point), deflated. */
export const packPage = (p: PageImage): Uint8Array => {
  const json = JSON.stringify({
    v: 1,
    r: p.runs.map((r) => [
      q(r.x),
      q(r.y),
      q(r.size),
      (r.style === 'gothic' ? 1 : 0) + (r.decorative ? 2 : 0),
      Math.round(r.hscale * 1000),
      r.text,
    ]),
    l: p.rules.map((l) => [q(l.x1), q(l.y1), q(l.x2), q(l.y2), q(l.width)]),
  });
  return new Uint8Array(deflateRawSync(Buffer.from(json, 'utf8'), { level: 9 }));
};

/** Inverse of packPage; undefined when the bytes are not a packed page. */
export const unpackPage = (bytes: Uint8Array): PageImage | undefined => {
  try {
    const o = JSON.parse(inflateRawSync(bytes, { maxOutputLength: 1 << 20 }).toString('utf8')) as {
      v: number;
      r: [number, number, number, number, number, string][];
      l: [number, number, number, number, number][];
    };
    if (o.v !== 1 || !Array.isArray(o.r) || !Array.isArray(o.l)) return undefined;
    return {
      runs: o.r.map(([x, y, size, f, h, text]) => ({
        x: x / 10,
        y: y / 10,
        size: size / 10,
        style: f & 1 ? 'gothic' : 'mincho',
        hscale: h / 1000,
        text: String(text),
        decorative: (f & 2) !== 0,
      })),
      rules: o.l.map(([x1, y1, x2, y2, w]) => ({
        x1: x1 / 10,
        y1: y1 / 10,
        x2: x2 / 10,
        y2: y2 / 10,
        width: w / 10,
      })),
    };
  } catch {
    return undefined;
  }
};

const ENVELOPE = 1;
const POINT = 33;
const IV = 12;
const TAG = 16;

const rawPublicPoint = (key: KeyObject): Buffer => {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'P-256' || !jwk.x || !jwk.y) throw new Error('the verification key must be EC P-256');
  return Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
};

const aesKey = (shared: Buffer, ephemeral: Buffer, context: string): Buffer =>
  Buffer.from(hkdfSync('sha256', shared, ephemeral, `kofu sealed page v1|${context}`, 32));

/**
 * Seals bytes to the verification service's public key (ECIES: P-256 ECDH, HKDF-SHA256, AES-256-GCM).
 * `context` (serial and sheet) is bound as associated data. Layout: 1 ‖ ephemeral point (33) ‖ iv ‖ tag ‖ ciphertext.
 */
export const sealToService = (
  plain: Uint8Array,
  servicePublicKey: KeyObject,
  context: string,
): Uint8Array => {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const ephemeral = ecdh.getPublicKey(null, 'compressed');
  const shared = ecdh.computeSecret(rawPublicPoint(servicePublicKey));
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', aesKey(shared, ephemeral, context), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return new Uint8Array(Buffer.concat([Buffer.from([ENVELOPE]), ephemeral, iv, cipher.getAuthTag(), ct]));
};

/** Opens what sealToService sealed, with the service's private key; undefined when it does not open. */
export const openSealed = (
  sealed: Uint8Array,
  servicePrivateKey: KeyObject,
  context: string,
): Uint8Array | undefined => {
  const b = Buffer.from(sealed);
  if (b.length < 1 + POINT + IV + TAG || b[0] !== ENVELOPE) return undefined;
  try {
    const jwk = servicePrivateKey.export({ format: 'jwk' });
    if (!jwk.d) return undefined;
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(jwk.d, 'base64url'));
    const ephemeral = b.subarray(1, 1 + POINT);
    const shared = ecdh.computeSecret(ephemeral);
    const iv = b.subarray(1 + POINT, 1 + POINT + IV);
    const d = createDecipheriv('aes-256-gcm', aesKey(shared, ephemeral, context), iv);
    d.setAAD(Buffer.from(context, 'utf8'));
    d.setAuthTag(b.subarray(1 + POINT + IV, 1 + POINT + IV + TAG));
    return new Uint8Array(Buffer.concat([d.update(b.subarray(1 + POINT + IV + TAG)), d.final()]));
  } catch {
    return undefined;
  }
};

/** The associated data binding a sealed page to its certificate and sheet. */
export const sealContext = (serial: string, sheet: number, sheets: number): string =>
  `${serial}|${sheet}|${sheets}`;

/** sha256 hex of the signed content texts of a rebuilt page (the back code's digest when faithful). */
export const rebuiltContentSha256 = (p: PageImage): string =>
  pageContentSha256(p.runs.filter((r) => !r.decorative).map((r) => r.text));
