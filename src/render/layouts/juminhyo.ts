import type { JuminhyoDocument, JuminhyoPerson } from '../../domain/documents.js';
import { formatWareki } from '../../domain/wareki.js';
import {
  type Block,
  BODY_W,
  type Cell,
  type CertificateLayout,
  gapBlock,
  LEFT,
  RIGHT,
  stackBlock,
  tableBlock,
} from '../layout.js';

// 氏名 with its ふりがな above it, as on the real form.
const nameBlock = (p: JuminhyoPerson, index: number): Block => ({
  height: 34,
  draw(c, y) {
    c.rect(LEFT, y, BODY_W, 34, 0.8);
    c.line(LEFT + 96, y, LEFT + 96, y + 34, 0.4);
    c.text(LEFT + 6, y + 12, `氏名（${index}）`, { size: 9.5, style: 'gothic' });
    c.text(LEFT + 102, y + 3, p.kana, { size: 7.5, maxWidth: BODY_W - 110 });
    c.text(LEFT + 102, y + 14, p.name, { size: 13, maxWidth: BODY_W - 110 });
  },
});

const personBlock = (d: JuminhyoDocument, p: JuminhyoPerson, index: number): Block => {
  const rows: Cell[][] = [];
  const first: Cell[] = [
    ['生年月日', formatWareki(p.birthDate), 1.5],
    ['性別', p.sex, 0.6],
  ];
  if (d.includeSetainushi && p.relationship) first.push(['続柄', p.relationship, 0.9]);
  rows.push(first);
  rows.push([
    ['住民となった年月日', formatWareki(p.becameResidentOn)],
    ['住所を定めた年月日', formatWareki(p.addressSince)],
  ]);
  if (p.previousAddress) {
    rows.push([['前住所', p.previousAddress]]);
    if (p.notifiedOn) rows.push([['届出日', `${formatWareki(p.notifiedOn)}届出`]]);
  }
  if (d.includeHonseki && p.honseki) {
    rows.push([['本籍', p.honseki]]);
    if (p.hittosha) rows.push([['筆頭者', p.hittosha]]);
  }
  return stackBlock([nameBlock(p, index), tableBlock(rows, { labelWidth: 96 }), gapBlock(10)]);
};

/** 住民票の写し / 住民票記載事項証明書: address (and 世帯主 if chosen), then one framed entry per person. */
export const juminhyoLayout = (d: JuminhyoDocument): CertificateLayout => {
  const header: [string, string][] = [['住所', d.address]];
  if (d.includeSetainushi && d.setainushi) header.push(['世帯主', d.setainushi]);
  const top: Cell[][] = header.map(([l, v]) => [[l, v]]);
  const blocks: Block[] = [tableBlock(top, { rowHeight: 24 }), gapBlock(12)];
  d.persons.forEach((p, i) => {
    blocks.push(personBlock(d, p, i + 1));
  });
  blocks.push({
    height: 14,
    draw(c, y) {
      c.line(LEFT, y + 2, RIGHT, y + 2, 0.4);
      c.text(RIGHT, y + 4, `以上 ${d.persons.length}名`, { size: 9, align: 'right' });
    },
  });
  const certification =
    d.type === 'kisai'
      ? ['上記のとおり住民票に記載されていることを証明する。']
      : d.scope === 'household'
        ? ['この写しは、世帯全員の住民票の原本と相違ないことを証明する。']
        : ['この写しは、住民票の原本と相違ないことを証明する。'];
  return {
    title: d.type === 'kisai' ? '住民票記載事項証明書' : '住民票の写し',
    header,
    blocks,
    certification,
  };
};
