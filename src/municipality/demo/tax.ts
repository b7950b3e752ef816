import type { MoneyItem } from '../../domain/documents.js';

// 個人住民税 figures from income (simplified but real rules): 給与所得控除, 公的年金等控除,
// 住民税 deductions (基礎 43万, 配偶者 33万, 扶養 33万), 所得割 6% + 4%, 均等割 3,000 + 1,800 (兵庫県 incl. 県民緑税).

export interface TaxInput {
  salary: number;
  pension: number;
  age: number;
  spouse: boolean;
  dependents: number;
}

export interface TaxFigures {
  income: MoneyItem[];
  deductions: MoneyItem[];
  taxableIncome: number;
  municipalIncomeLevy: number;
  municipalPerCapita: number;
  prefecturalIncomeLevy: number;
  prefecturalPerCapita: number;
}

/** 給与所得 from 給与収入 (2020+ table, rounded as the 別表 does). */
export const salaryIncome = (x: number): number => {
  if (x <= 550_999) return 0;
  if (x <= 1_625_000) return x - 550_000;
  const y = Math.floor(x / 4000) * 4000;
  if (x <= 1_800_000) return Math.floor(y * 0.6 + 100_000);
  if (x <= 3_600_000) return Math.floor(y * 0.7 - 80_000);
  if (x <= 6_600_000) return Math.floor(y * 0.8 - 440_000);
  if (x <= 8_500_000) return Math.floor(x * 0.9 - 1_100_000);
  return x - 1_950_000;
};

/** 雑所得 (公的年金等) for the age band. */
export const pensionIncome = (x: number, age: number): number => {
  const floor = age >= 65 ? 1_100_000 : 600_000;
  if (x <= floor) return 0;
  if (x <= 3_300_000) return x - floor;
  return Math.floor(x * 0.75 - 275_000);
};

const floor100 = (x: number) => Math.max(0, Math.floor(x / 100) * 100);

export const computeTax = (t: TaxInput): TaxFigures => {
  const income: MoneyItem[] = [];
  let total = 0;
  if (t.salary > 0) {
    const s = salaryIncome(t.salary);
    income.push({ label: '給与収入', yen: t.salary }, { label: '給与所得', yen: s });
    total += s;
  }
  if (t.pension > 0) {
    const p = pensionIncome(t.pension, t.age);
    income.push({ label: '公的年金等収入', yen: t.pension }, { label: '雑所得', yen: p });
    total += p;
  }
  const deductions: MoneyItem[] = [];
  const social = Math.floor(t.salary * 0.15 + (t.age >= 65 ? t.pension * 0.05 : 0));
  if (social > 0) deductions.push({ label: '社会保険料控除', yen: social });
  if (t.spouse) deductions.push({ label: '配偶者控除', yen: 330_000 });
  if (t.dependents > 0) deductions.push({ label: '扶養控除', yen: 330_000 * t.dependents });
  deductions.push({ label: '基礎控除', yen: 430_000 });
  const totalDeductions = deductions.reduce((a, d) => a + d.yen, 0);
  const taxable = Math.max(0, Math.floor((total - totalDeductions) / 1000) * 1000);
  // 非課税: total income at or below 45万 (+ 35万 per dependent person, simplified).
  const exempt = total <= 450_000 + (t.spouse || t.dependents > 0 ? 350_000 * (1 + t.dependents) : 0);
  return {
    income,
    deductions,
    taxableIncome: taxable,
    municipalIncomeLevy: exempt ? 0 : floor100(taxable * 0.06 - 1_500),
    municipalPerCapita: exempt ? 0 : 3_000,
    prefecturalIncomeLevy: exempt ? 0 : floor100(taxable * 0.04 - 1_000),
    prefecturalPerCapita: exempt ? 0 : 1_800,
  };
};

/** Where a computed declaration goes: one `tax_records` row. */
export interface TaxRecordPlace {
  id: string;
  residentId: string;
  municipalityCode: string;
  fiscalYear: number;
  address: string;
  spouse: boolean;
  dependents: number;
  declaredOn: string;
}

/** The `tax_records` row of a declaration's figures (demo and synthetic registers alike). */
export const taxRecordRow = (t: TaxFigures, at: TaxRecordPlace) => ({
  id: at.id,
  resident_id: at.residentId,
  municipality_code: at.municipalityCode,
  fiscal_year: at.fiscalYear,
  address: at.address,
  income: JSON.stringify(t.income),
  deductions: JSON.stringify(t.deductions),
  taxable_income: t.taxableIncome,
  dependents_spouse: at.spouse ? (1 as const) : (0 as const),
  dependents_count: at.dependents,
  municipal_income_levy: t.municipalIncomeLevy,
  municipal_per_capita: t.municipalPerCapita,
  prefectural_income_levy: t.prefecturalIncomeLevy,
  prefectural_per_capita: t.prefecturalPerCapita,
  declared_on: at.declaredOn,
  amended_on: null,
});
