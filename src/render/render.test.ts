import assert from 'node:assert/strict';
import { verify } from 'node:crypto';
import { before, describe, it } from 'node:test';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { formatWareki } from '../domain/wareki.js';
import { UnsupportedCharacterError } from './doc-fonts.js';
import { renderCases } from './fixtures/cases.js';
import { juminhyo, receipt, testSigner, yoshidaJuminhyo } from './fixtures/demo-documents.js';
import { BACK_CODE_REGION } from './frame.js';
import { type Crop, pagePng, pdfFonts, pdfText, requirePoppler } from './raster-tools.js';
import { createRenderer, type Renderer } from './renderer.js';
import { decodeTamperCode, signingInput } from './tamper-code.js';

let renderer: Renderer;
before(() => {
  requirePoppler();
  renderer = createRenderer();
});

const pages = (text: string): string[] => text.split('\f').filter((p) => p.trim() !== '');
// pdftotext -layout pads columns with spaces; compare text with runs of spaces collapsed.
const squash = (s: string): string => s.replace(/[ \t\u3000]+/g, ' ');

describe('certificate text (pdftotext)', () => {
  for (const c of renderCases()) {
    it(`${c.name}: shows what it must, on every page its serial and n / N`, async () => {
      const out = await renderer.renderCertificate(c.doc);
      assert.equal(out.serial, c.doc.serial);
      const text = pdfText(out.pdf);
      const flat = squash(text);
      for (const s of [
        ...c.mustShow,
        c.certification,
        c.doc.serial,
        '上郡町長 山本 一郎',
        formatWareki(c.doc.issuedOn),
      ]) {
        assert.ok(flat.includes(squash(s)), `${c.name}: missing ${s}`);
      }
      for (const s of c.mustNotShow) assert.ok(!flat.includes(s), `${c.name}: must not show ${s}`);
      const ps = pages(text);
      assert.equal(ps.length, out.sheets * 2, 'front and back of every sheet');
      ps.forEach((p, i) => {
        const sheet = Math.floor(i / 2) + 1;
        assert.ok(p.includes(c.doc.serial), `${c.name}: page ${i + 1} lacks the serial`);
        assert.match(
          squash(p),
          new RegExp(`${sheet} / ${out.sheets}`),
          `${c.name}: page ${i + 1} lacks n / N`,
        );
      });
      // The 住民票コード (11 digits) and 個人番号 (12) are not in the model; nothing like them may print.
      assert.doesNotMatch(text.replaceAll(c.doc.serial, ''), /\d{11}/);
    });
  }

  it('a long 戸籍 takes several sheets, each recognisable on its own', async () => {
    const c = renderCases().find((x) => x.name === 'koseki-all')!;
    const out = await renderer.renderCertificate(c.doc);
    assert.ok(out.sheets >= 2 && out.sheets <= 3, `sheets ${out.sheets}`);
    const fronts = pages(pdfText(out.pdf)).filter((_, i) => i % 2 === 0);
    fronts.forEach((p, i) => {
      assert.ok(p.includes('戸籍全部事項証明書'));
      assert.ok(p.includes(c.doc.serial));
      if (i > 0)
        assert.ok(squash(p).includes('本籍 兵庫県赤穂郡上郡町大持278番地'), 'later pages repeat 本籍');
    });
    assert.ok(fronts.at(-1)!.includes('以下余白'));
    assert.ok(!fronts[0]!.includes('これは、戸籍に記録されている'), 'certification only on the last sheet');
  });
});

describe('fonts and characters', () => {
  it('embeds every font as a subset with a Unicode map', async () => {
    const out = await renderer.renderCertificate(yoshidaJuminhyo());
    const fonts = pdfFonts(out.pdf);
    assert.equal(fonts.length, 3, '明朝, ゴシック and the Noto fallback');
    for (const f of fonts) assert.deepEqual([f.emb, f.sub, f.uni], [true, true, true], f.name);
  });

  it('prints 𠮷田 with 𠮷 (U+20BB7), never as 吉田', async () => {
    const text = pdfText((await renderer.renderCertificate(yoshidaJuminhyo())).pdf);
    assert.ok(text.includes('\u{20BB7}田 優子'), '𠮷田 優子 is extracted');
    assert.ok(!text.includes('吉田'));
    assert.deepEqual(renderer.unsupportedCharacters(['𠮷田 優子']), []);
  });

  it('reports characters no font has and refuses to render them', async () => {
    assert.deepEqual(renderer.unsupportedCharacters(['上郡\u{E000}太郎', '\u{1F600}', '\u{E000}']), [
      '\u{E000}',
      '\u{1F600}',
    ]);
    const doc = juminhyo();
    doc.persons[0]!.name = '上郡 \u{E000}郎';
    await assert.rejects(renderer.renderCertificate(doc), (e: unknown) => {
      assert.ok(e instanceof UnsupportedCharacterError);
      assert.deepEqual(e.characters, ['\u{E000}']);
      return true;
    });
  });
});

describe('determinism', () => {
  it('gives the same bytes for the same model, from any renderer', async () => {
    const a = await renderer.renderCertificate(juminhyo({ scope: 'household', honseki: true }));
    const b = await createRenderer().renderCertificate(juminhyo({ scope: 'household', honseki: true }));
    assert.equal(a.sha256, b.sha256);
    assert.deepEqual(a.pdf, b.pdf);
    const c = await renderer.renderCertificate(
      juminhyo({ scope: 'household', honseki: true, serial: 'K1-2-3' }),
    );
    assert.notEqual(c.sha256, a.sha256);
  });
});

// The back of sheet 1, rasterised and decoded as a kiosk's scanner or a verifier would.
// The code's panel (its documented place on the back) scanned at a given resolution.
const decodeBack = (pdf: Uint8Array, page: number, dpi = 150): string => {
  const r = BACK_CODE_REGION;
  const crop: Crop = { x: r.x + 2, y: r.y + 2, w: r.w - 4, h: r.h - 4 };
  const png = PNG.sync.read(pagePng(pdf, page, dpi, false, crop));
  const qr = (jsqr as unknown as typeof jsqr.default)(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(qr, 'a QR code is found on the back');
  return qr.data;
};

describe('anti-tampering code on the back', () => {
  it('decodes to a signed digest of the front that the issuing key verifies', async () => {
    const { signer, publicKey } = testSigner();
    const doc = juminhyo({ scope: 'household', setainushi: true, honseki: true });
    const out = await renderer.renderCertificate(doc, { signer });
    const text = decodeBack(out.pdf, 2);
    assert.equal(decodeBack(out.pdf, 2, 300), text, 'the same at scanner resolution');
    const code = decodeTamperCode(text);
    assert.ok(code);
    assert.deepEqual(
      [code.serial, code.page, code.pages, code.keyId],
      [doc.serial, 1, out.sheets, signer.keyId],
    );
    const sig = Buffer.from(code.signature, 'base64url');
    assert.ok(verify('sha256', signingInput(code), { key: publicKey, dsaEncoding: 'ieee-p1363' }, sig));
    const forged = {
      ...code,
      contentSha256: code.contentSha256.replace(/^./, (c) => (c === '0' ? '1' : '0')),
    };
    assert.ok(!verify('sha256', signingInput(forged), { key: publicKey, dsaEncoding: 'ieee-p1363' }, sig));
    // A different front (another name) gives a different digest.
    const other = juminhyo({ scope: 'household', setainushi: true, honseki: true });
    other.persons[1]!.name = '上郡 花代';
    const otherCode = decodeTamperCode(
      decodeBack((await renderer.renderCertificate(other, { signer })).pdf, 2),
    );
    assert.notEqual(otherCode?.contentSha256, code.contentSha256);
    assert.equal(pages(pdfText(out.pdf))[1]!.includes('見本'), false);
  });

  it('says so, and carries no signature, when no signer is given', async () => {
    const out = await renderer.renderCertificate(juminhyo());
    const code = decodeTamperCode(decodeBack(out.pdf, 2));
    assert.deepEqual([code?.keyId, code?.signature], ['', '']);
    assert.ok(squash(pages(pdfText(out.pdf))[1]!).includes('見本（電子署名なし）'));
  });
});

describe('receipt', () => {
  it('shows the order, fees, cash and change, time and place, and nothing personal', async () => {
    const r = receipt();
    const out = await renderer.renderReceipt(r);
    const text = squash(pdfText(out.pdf));
    for (const s of [
      '領収書',
      '住民票の写し',
      '戸籍全部事項証明書',
      '2通',
      '200円',
      '350円',
      '400円',
      '750円',
      '1,000円',
      '250円',
    ]) {
      assert.ok(text.includes(s), `missing ${s}`);
    }
    for (const s of [
      r.orderId,
      r.terminalId,
      r.storeName,
      '令和8年11月25日 10時15分',
      'お釣り',
      'お預かり',
    ]) {
      assert.ok(text.includes(s), `missing ${s}`);
    }
    assert.ok(!/上郡 太郎|大持/.test(text));
    assert.equal((await renderer.renderReceipt(r)).sha256, out.sha256);
  });
});
