import type { InkanDocument } from '../../domain/documents.js';
import { formatWareki } from '../../domain/wareki.js';
import { type Block, BODY_W, type CertificateLayout, LEFT, tableBlock } from '../layout.js';

const MM = 72 / 25.4;
const BOX = 150;

// The 印影 at its registered size, centred in its frame; SVG paths live in a 100×100 box.
const sealBlock = (d: InkanDocument): Block => {
  const table = tableBlock(
    [
      [['氏名', d.name]],
      [['ふりがな', d.kana]],
      [
        ['生年月日', formatWareki(d.birthDate)],
        ['性別', d.sex, 0.5],
      ],
      [['住所', d.address]],
      [['登録番号', d.registrationNumber]],
      [['登録年月日', formatWareki(d.registeredOn)]],
    ],
    { rowHeight: BOX / 6, labelWidth: 80, left: LEFT + BOX + 8, width: BODY_W - BOX - 8 },
  );
  return {
    height: BOX + 16,
    draw(c, y) {
      c.rect(LEFT, y, BOX, BOX, 0.8);
      c.text(LEFT + 4, y + 4, '印影', { size: 8, style: 'gothic' });
      const side = Math.min(d.seal.widthMm * MM, BOX - 24);
      const x = LEFT + (BOX - side) / 2;
      const top = y + (BOX - side) / 2 + 4;
      const seal = d.seal;
      c.withDoc((doc) => {
        if (seal.format === 'png') {
          doc.image(Buffer.from(seal.data), x, top, { width: side, height: side });
        } else {
          doc
            .save()
            .translate(x, top)
            .scale(side / 100);
          for (const p of seal.paths) doc.path(p);
          doc.fillColor('#c8161d').fill('nonzero').restore();
        }
      });
      table.draw(c, y);
    },
  };
};

/** 印鑑登録証明書: the registered 印影 beside the registrant's particulars and 登録番号. */
export const inkanLayout = (d: InkanDocument): CertificateLayout => ({
  title: '印鑑登録証明書',
  header: [['氏名', d.name]],
  blocks: [sealBlock(d)],
  certification: ['この写しは、登録されている印影と相違ないことを証明します。'],
});
