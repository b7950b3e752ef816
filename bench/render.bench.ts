// Certificate rendering: each type 500× after warm-up with the real renderer, and the same one-page
// 住民票 rendered the straightforward pdfkit way (fonts registered from their files and parsed per
// document, every pattern and glyph outline drawn per document) as the baseline.
import { generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import type { CertificateDocument } from '../src/domain/documents.js';
import { Canvas, PAGE_H, type TextOptions } from '../src/render/canvas.js';
import { DocFonts, type PdfDoc } from '../src/render/doc-fonts.js';
import * as demo from '../src/render/fixtures/demo-documents.js';
import { FontSet } from '../src/render/font-set.js';
import {
  BODY_BOTTOM,
  BODY_TOP_FIRST,
  CERT_RESERVE,
  drawBack,
  drawBlocks,
  drawCertification,
  drawFooter,
  drawFrontHeader,
} from '../src/render/frame.js';
import { paginate } from '../src/render/layout.js';
import { juminhyoLayout } from '../src/render/layouts/juminhyo.js';
import { officialSealOps } from '../src/render/official-seal.js';
import { createRenderer } from '../src/render/renderer.js';
import { buildSecurityPatterns, MICRO_PATTERN } from '../src/render/security-pattern.js';
import { encodeTamperCode, pageContentSha256, signingInput } from '../src/render/tamper-code.js';
import type { BenchModule } from './run.js';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const round = (n: number): number => Math.round(n * 1000) / 1000;

const require = createRequire(import.meta.url);
const FONT_FILES = {
  mincho: require.resolve('@expo-google-fonts/biz-udmincho/400Regular/BIZUDMincho_400Regular.ttf'),
  gothic: require.resolve('@expo-google-fonts/biz-udgothic/400Regular/BIZUDGothic_400Regular.ttf'),
};

// Text through pdfkit's own font machinery (fontkit layout and subsetting), lines as before.
class PdfkitCanvas extends Canvas {
  constructor(
    fonts: DocFonts,
    private readonly pdf: PdfDoc,
  ) {
    super(fonts, pdf);
  }
  override width(text: string, size = 10.5, style: TextOptions['style'] = 'mincho'): number {
    return this.pdf.font(style).fontSize(size).widthOfString(text);
  }
  override text(x: number, y: number, text: string, o: TextOptions = {}): number {
    const size = o.size ?? 10.5;
    const w = this.width(text, size, o.style);
    const left = o.align === 'center' ? x - w / 2 : o.align === 'right' ? x - w : x;
    this.flush();
    this.pdf
      .font(o.style ?? 'mincho')
      .fontSize(size)
      .text(text, left, y, { lineBreak: false });
    this.texts.push(text);
    return w;
  }
}

/** The baseline: everything parsed and drawn per document, with pdfkit's defaults. */
const baselineRender = (
  d: CertificateDocument & { type: 'juminhyo' },
  signer: demo.TestSigner,
): Promise<Buffer> => {
  const fonts = new FontSet();
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    info: { CreationDate: new Date(d.issuedAt) },
  });
  pdf.registerFont('mincho', FONT_FILES.mincho);
  pdf.registerFont('gothic', FONT_FILES.gothic);
  const df = new DocFonts(pdf, fonts);
  const chunks: Buffer[] = [];
  pdf.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
  const pat = buildSecurityPatterns(fonts, d.issuer.name);
  const micro = pdf.ref({
    Type: 'Pattern',
    PatternType: 1,
    PaintType: 1,
    TilingType: 1,
    BBox: [0, 0, pat.micro.width, pat.micro.height],
    XStep: pat.micro.width,
    YStep: pat.micro.height,
    Resources: {},
  });
  micro.end(inflateSync(pat.micro.content));
  const layout = juminhyoLayout(d);
  const pages = paginate(layout.blocks, BODY_BOTTOM - BODY_TOP_FIRST - 20, CERT_RESERVE);
  const seal = officialSealOps(fonts, `${d.issuer.mayorTitle}之印`);
  pages.forEach((blocks, i) => {
    pdf.addPage();
    (pdf.page as unknown as { patterns: Record<string, unknown> }).patterns[MICRO_PATTERN] = micro;
    pdf.addContent(`q 1 0 0 -1 0 ${PAGE_H} cm ${inflateSync(pat.front).toString('latin1')} Q`);
    const c = new PdfkitCanvas(df, pdf);
    const top = drawFrontHeader(c, d, layout, i + 1, pages.length);
    drawBlocks(c, blocks, top);
    if (i === pages.length - 1) drawCertification(c, d, layout, seal);
    drawFooter(c, d, i + 1, pages.length);
    c.flush();
    const unsigned = {
      serial: d.serial,
      page: i + 1,
      pages: pages.length,
      contentSha256: pageContentSha256(c.texts),
      keyId: signer.signer.keyId,
    };
    const signature = Buffer.from(signer.signer.sign(signingInput(unsigned))).toString('base64url');
    pdf.addPage();
    (pdf.page as unknown as { patterns: Record<string, unknown> }).patterns[MICRO_PATTERN] = micro;
    pdf.addContent(`q 1 0 0 -1 0 ${PAGE_H} cm ${inflateSync(pat.back).toString('latin1')} Q`);
    const b = new PdfkitCanvas(df, pdf);
    drawBack(b, d, i + 1, pages.length, {
      code: encodeTamperCode({ ...unsigned, signature }),
      signed: true,
      keyId: unsigned.keyId,
      contentSha256: unsigned.contentSha256,
    });
    b.flush();
  });
  pdf.end();
  return done;
};

export default {
  description:
    'renders every certificate type (median ms per document and per sheet) against a per-document pdfkit baseline',
  async run(args) {
    const quick = args.includes('--quick');
    const iterations = quick ? 50 : 500;
    const baselineIterations = quick ? 5 : 30;
    const signer = demo.testSigner();
    // As the center renders: signed, and each front page sealed on the back to the
    // verification service's public key (docs/verification.md).
    const pageKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey;
    const asIssued = { signer: signer.signer, pageKey };
    const renderer = createRenderer();
    const docs: Record<string, CertificateDocument> = {
      juminhyo: demo.juminhyo(),
      kisai: demo.juminhyo({ type: 'kisai', scope: 'household' }),
      inkan: demo.inkan(),
      shotoku: demo.tax('shotoku'),
      kazei: demo.tax('kazei'),
      koseki: demo.koseki('all'),
      fuhyo: demo.fuhyo('all'),
    };
    const types: Record<
      string,
      { msPerDocument: number; cpuMsPerDocument: number; sheets: number; msPerSheet: number; bytes: number }
    > = {};
    // CPU time as well as wall time: on a machine shared with other work the wall clock mostly measures waiting.
    const cpuMs = (since: NodeJS.CpuUsage): number => {
      const u = process.cpuUsage(since);
      return (u.user + u.system) / 1000;
    };
    for (const [type, doc] of Object.entries(docs)) {
      for (let i = 0; i < 30; i++) await renderer.renderCertificate(doc, asIssued);
      const times: number[] = [];
      let out = await renderer.renderCertificate(doc, asIssued);
      const cpu0 = process.cpuUsage();
      for (let i = 0; i < iterations; i++) {
        const t = performance.now();
        out = await renderer.renderCertificate(doc, asIssued);
        times.push(performance.now() - t);
      }
      const cpu = cpuMs(cpu0) / iterations;
      const ms = median(times);
      types[type] = {
        msPerDocument: round(ms),
        cpuMsPerDocument: round(cpu),
        sheets: out.sheets,
        msPerSheet: round(ms / out.sheets),
        bytes: out.pdf.length,
      };
    }
    // The same 住民票 signed only (no sealed page on the back), to show what the seal costs.
    const signedOnly: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const t = performance.now();
      await renderer.renderCertificate(docs.juminhyo!, { signer: signer.signer });
      signedOnly.push(performance.now() - t);
    }
    const one = docs.juminhyo as CertificateDocument & { type: 'juminhyo' };
    await baselineRender(one, signer);
    const base: number[] = [];
    let baseBytes = 0;
    const baseCpu0 = process.cpuUsage();
    for (let i = 0; i < baselineIterations; i++) {
      const t = performance.now();
      baseBytes = (await baselineRender(one, signer)).length;
      base.push(performance.now() - t);
    }
    const baselineCpuMsPerPage = round(cpuMs(baseCpu0) / baselineIterations);
    const msPerPage = types.juminhyo!.msPerSheet;
    const cpuMsPerPage = types.juminhyo!.cpuMsPerDocument;
    const baselineMsPerPage = round(median(base));
    return {
      conditions: `median of ${iterations} renders per type after 30 warm-up renders, as issued (signed with ECDSA P-256, front page sealed to a P-256 key on the back), one process; baseline median of ${baselineIterations}; machine shared with other work`,
      iterations,
      baselineIterations,
      msPerPage,
      baselineMsPerPage,
      signedOnlyMsPerPage: round(median(signedOnly)),
      ratio: round(baselineMsPerPage / msPerPage),
      cpuMsPerPage,
      baselineCpuMsPerPage,
      cpuRatio: round(baselineCpuMsPerPage / cpuMsPerPage),
      loadAverage: loadavg().map(round),
      baselineBytes: baseBytes,
      types,
    };
  },
} satisfies BenchModule;
