import type { MoneyItem, TaxDocument } from '../../domain/documents.js';
import { formatWareki, formatWarekiFiscalYear, formatWarekiYear } from '../../domain/wareki.js';
import {
  type Block,
  type Cell,
  type CertificateLayout,
  gapBlock,
  headingBlock,
  tableBlock,
  yen,
} from '../layout.js';

// Items two to a row, as the compact tax certificate prints them.
const moneyRows = (items: MoneyItem[]): Cell[][] => {
  const rows: Cell[][] = [];
  for (let i = 0; i < items.length; i += 2) {
    rows.push(items.slice(i, i + 2).map((m) => [m.label, `${yen(m.yen)}円`] as Cell));
  }
  return rows;
};

// 町民税 / 市民税 / 村民税 after the kind of municipality.
const localTaxName = (issuerName: string): string => `${issuerName.slice(-1)}民税`;

/** 所得証明書 / 所得課税証明書 of the latest fiscal year: income, deductions, taxable income (and tax). */
export const taxLayout = (d: TaxDocument): CertificateLayout => {
  const year = `${formatWarekiFiscalYear(d.fiscalYear)}（${formatWarekiYear(d.incomeYear)}分）`;
  const local = localTaxName(d.issuer.name);
  const blocks: Block[] = [
    tableBlock(
      [
        [['年度', year]],
        [[`住所（${formatWareki(`${d.fiscalYear}-01-01`)}現在）`, d.address]],
        [
          ['氏名', d.name, 1.4],
          ['ふりがな', d.kana],
        ],
        [['生年月日', formatWareki(d.birthDate)]],
      ],
      { labelWidth: 150 },
    ),
    gapBlock(8),
    headingBlock(`所得の状況（${formatWarekiYear(d.incomeYear)}1月1日〜12月31日）`),
    tableBlock([...moneyRows(d.income), [['合計所得金額', `${yen(d.totalIncomeYen)}円`]]]),
    gapBlock(8),
    headingBlock('所得控除'),
    tableBlock([
      ...moneyRows(d.deductions),
      [['所得控除合計', `${yen(d.totalDeductionsYen)}円`]],
      [['課税標準額', `${yen(d.taxableIncomeYen)}円`]],
      [
        ['配偶者', d.dependents.spouse ? '有' : '無'],
        ['扶養親族', `${d.dependents.count}人`],
      ],
    ]),
  ];
  if (d.type === 'kazei' && d.tax) {
    const t = d.tax;
    blocks.push(
      gapBlock(8),
      headingBlock(`${formatWarekiFiscalYear(d.fiscalYear)} ${local}・県民税 課税額`),
      tableBlock(
        [
          [
            [`${local} 所得割`, `${yen(t.municipalIncomeLevyYen)}円`],
            [`${local} 均等割`, `${yen(t.municipalPerCapitaYen)}円`],
          ],
          [
            ['県民税 所得割', `${yen(t.prefecturalIncomeLevyYen)}円`],
            ['県民税 均等割', `${yen(t.prefecturalPerCapitaYen)}円`],
          ],
          [['年税額（合計）', `${yen(t.totalYen)}円`]],
        ],
        { labelWidth: 110 },
      ),
    );
  }
  return {
    title: d.type === 'kazei' ? '所得課税証明書' : '所得証明書',
    header: [
      ['氏名', d.name],
      ['年度', year],
    ],
    blocks,
    certification: ['上記のとおり証明します。'],
  };
};
