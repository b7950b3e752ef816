import type { DatedEvent, KosekiDocument, KosekiPerson } from '../../domain/documents.js';
import { formatWareki } from '../../domain/wareki.js';
import {
  type Block,
  type CertificateLayout,
  LEFT,
  LINE,
  linesBlock,
  RIGHT,
  stackBlock,
  tableBlock,
} from '../layout.js';

// The 【…日】 item that carries an event's own date in the computerised format.
const DATE_ITEMS: [string, string][] = [
  ['出生', '出生日'],
  ['婚姻', '婚姻日'],
  ['離婚', '離婚日'],
  ['死亡', '死亡日'],
  ['縁組', '縁組日'],
  ['離縁', '離縁日'],
  ['編製', '編製日'],
  ['転籍', '転籍日'],
  ['入籍', '届出日'],
  ['認知', '認知日'],
];
const dateItem = (label: string): string => DATE_ITEMS.find(([k]) => label.includes(k))?.[1] ?? '届出日';

/** The lines of one 身分事項 / 戸籍事項 entry: the label, its dated item, then the detail items. */
export const eventLines = (e: DatedEvent): { label?: string; text: string; indent?: number }[] => {
  const details = (e.detail ?? '').split('\n').filter((l) => l.trim() !== '');
  return [
    { label: e.label, text: `【${dateItem(e.label)}】${formatWareki(e.date)}`, indent: 12 },
    ...details.map((text) => ({ text })),
  ];
};

// The given name as the 【名】 item prints it (the 氏 is the 筆頭者's, shown once at the top).
const givenName = (name: string): string => name.split(/[ \u3000]/).pop() ?? name;

const personBlocks = (p: KosekiPerson): Block[] => {
  const lines: { label?: string; text: string }[] = [
    { label: '戸籍に記録されている者', text: `【名】${givenName(p.name)}` },
    { text: `【生年月日】${formatWareki(p.birthDate)}` },
  ];
  if (p.father) lines.push({ text: `【父】${p.father}` });
  if (p.mother) lines.push({ text: `【母】${p.mother}` });
  // Printed only as the register records it; never inferred.
  if (p.relationship) lines.push({ text: `【続柄】${p.relationship}` });
  const head = linesBlock(lines, { topRule: true });
  const events = p.events.map((e, i) => {
    const body = eventLines(e);
    return linesBlock(i === 0 ? [{ label: '身分事項', text: '' }, ...body] : body, { gap: 2 });
  });
  const headBlock: Block = {
    height: head.height,
    draw(c, y) {
      head.draw(c, y);
      if (p.removed) {
        c.rect(LEFT + 20, y + 2 + LINE * 1.2, 44, 18, 0.8);
        c.text(LEFT + 42, y + 6 + LINE * 1.2, '除　籍', { size: 10, style: 'gothic', align: 'center' });
      }
    },
  };
  // The person's particulars stay on the sheet of their first 身分事項 entry.
  const [first, ...rest] = events;
  const blocks: Block[] = [first ? stackBlock([headBlock, first]) : headBlock, ...rest];
  return blocks;
};

/** 戸籍全部事項証明書 / 戸籍個人事項証明書 in the computerised 戸籍 format. */
export const kosekiLayout = (d: KosekiDocument): CertificateLayout => {
  const blocks: Block[] = [
    tableBlock([[['本籍', d.honseki]], [['氏名', d.hittosha]]], { labelWidth: 110, rowHeight: 24 }),
    linesBlock([{ label: '戸籍事項', text: '' }, ...d.kosekiEvents.flatMap(eventLines)], { gap: 8 }),
  ];
  for (const p of d.persons) blocks.push(...personBlocks(p));
  blocks.push({
    height: 22,
    draw(c, y) {
      c.line(LEFT, y + 2, RIGHT, y + 2, 0.4);
      c.text((LEFT + RIGHT) / 2, y + 7, '以下余白', { size: 10, align: 'center' });
    },
  });
  const all = d.kind === 'all';
  return {
    title: all ? '戸籍全部事項証明書' : '戸籍個人事項証明書',
    header: [
      ['本籍', d.honseki],
      ['氏名', d.hittosha],
    ],
    blocks,
    certification: [
      all
        ? 'これは、戸籍に記録されている事項の全部を証明した書面である。'
        : 'これは、戸籍中の一部の者について記録されている事項の全部を証明した書面である。',
    ],
  };
};
