import type { FuhyoDocument, FuhyoPerson } from '../../domain/documents.js';
import { formatWareki } from '../../domain/wareki.js';
import {
  type Block,
  BODY_W,
  type CertificateLayout,
  gapBlock,
  LEFT,
  RIGHT,
  stackBlock,
  tableBlock,
} from '../layout.js';

const ROW = 20;
const DATE_W = 150;

// The address history of one person: 住所 | 住所を定めた年月日, oldest first.
const historyBlock = (p: FuhyoPerson): Block => ({
  height: (p.addresses.length + 1) * ROW,
  draw(c, y) {
    const h = (p.addresses.length + 1) * ROW;
    c.rect(LEFT, y, BODY_W, h, 0.8);
    c.line(RIGHT - DATE_W, y, RIGHT - DATE_W, y + h, 0.4);
    c.text(LEFT + 6, y + 5, '住所', { size: 9.5, style: 'gothic' });
    c.text(RIGHT - DATE_W + 6, y + 5, '住所を定めた年月日', { size: 9.5, style: 'gothic' });
    p.addresses.forEach((a, i) => {
      const top = y + (i + 1) * ROW;
      c.line(LEFT, top, RIGHT, top, 0.4);
      c.text(LEFT + 6, top + 5, a.address, { size: 10.5, maxWidth: BODY_W - DATE_W - 12 });
      c.text(RIGHT - DATE_W + 6, top + 5, formatWareki(a.since), { size: 10.5 });
    });
  },
});

/** 戸籍の附票の写し: 本籍 and 筆頭者, then each member's address history. */
export const fuhyoLayout = (d: FuhyoDocument): CertificateLayout => {
  const blocks: Block[] = [
    tableBlock([[['本籍', d.honseki]], [['筆頭者', d.hittosha]]], { rowHeight: 24 }),
    gapBlock(12),
  ];
  for (const p of d.persons) {
    blocks.push(
      stackBlock([
        tableBlock(
          [
            [
              ['氏名', p.name, 1.3],
              ['生年月日', formatWareki(p.birthDate)],
            ],
          ],
          { rowHeight: 24 },
        ),
        historyBlock(p),
        gapBlock(12),
      ]),
    );
  }
  blocks.push({
    height: 22,
    draw(c, y) {
      c.text((LEFT + RIGHT) / 2, y + 4, '以下余白', { size: 10, align: 'center' });
    },
  });
  return {
    title: '戸籍の附票の写し',
    header: [
      ['本籍', d.honseki],
      ['筆頭者', d.hittosha],
    ],
    blocks,
    certification: ['この写しは、戸籍の附票の原本と相違ないことを証明する。'],
  };
};
