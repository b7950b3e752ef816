import { useEffect, useState } from 'preact/hooks';
import { api, qs } from './api.js';
import { t, tk } from './i18n.js';
import { Banner, errorNotice, Field, type Notice, Section, Table, yen } from './ui.js';

// Issuance per day × certificate × terminal: a stacked bar chart (inline SVG), the table, CSV.

interface Stats {
  from: string;
  to: string;
  table: { date: string; type: string; terminalKind: string; count: number; fee: number }[];
  chart: { date: string; byType: Record<string, number>; total: number }[];
  totals: { count: number; fee: number };
}

const TYPES = ['juminhyo', 'kisai', 'inkan', 'shotoku', 'kazei', 'koseki', 'fuhyo'];
const COLOURS = ['#1f5fa8', '#5b9bd5', '#c0504d', '#9bbb59', '#8064a2', '#f79646', '#4bacc6'];

const Chart = ({ s }: { s: Stats }) => {
  const max = Math.max(1, ...s.chart.map((c) => c.total));
  const w = 720;
  const h = 220;
  const bw = Math.max(4, Math.floor((w - 40) / s.chart.length) - 2);
  return (
    <svg
      viewBox={`0 0 ${w} ${h + 40}`}
      role="img"
      aria-label={t('statsTitle')}
      class="chart"
      data-testid="chart"
    >
      <text x="0" y="12" font-size="11">
        {max}
      </text>
      <line x1="30" y1={h} x2={w} y2={h} stroke="#888" />
      {s.chart.map((c, i) => {
        let y = h;
        const x = 32 + i * (bw + 2);
        return (
          <g key={c.date}>
            {TYPES.map((type, k) => {
              const n = c.byType[type] ?? 0;
              if (n === 0) return null;
              const bh = (n / max) * (h - 20);
              y -= bh;
              return (
                <rect key={type} x={x} y={y} width={bw} height={bh} fill={COLOURS[k]}>
                  <title>{`${c.date} ${tk('c_', type)}: ${n}`}</title>
                </rect>
              );
            })}
            {(i % Math.ceil(s.chart.length / 10) === 0 || s.chart.length <= 10) && (
              <text x={x} y={h + 14} font-size="10">
                {c.date.slice(5)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
};

export const StatsPage = () => {
  const [range, setRange] = useState({ from: '', to: '' });
  const [s, setS] = useState<Stats | undefined>();
  const [notice, setNotice] = useState<Notice>();
  const load = async (e?: Event) => {
    e?.preventDefault();
    const r = await api<Stats>('GET', `/stats${qs(range)}`);
    if (!r.ok) return setNotice(errorNotice(r.error));
    setNotice(undefined);
    setS(r.data);
    setRange({ from: r.data.from, to: r.data.to });
  };
  useEffect(() => {
    void load();
  }, []);
  return (
    <Section title={t('statsTitle')} testid="stats">
      <form class="search" onSubmit={load}>
        <Field label={t('from')}>
          <input
            type="date"
            name="from"
            value={range.from}
            onInput={(e) => setRange({ ...range, from: e.currentTarget.value })}
          />
        </Field>
        <Field label={t('to')}>
          <input
            type="date"
            name="to"
            value={range.to}
            onInput={(e) => setRange({ ...range, to: e.currentTarget.value })}
          />
        </Field>
        <button type="submit" class="primary">
          {t('show')}
        </button>
        {s && (
          <a class="button" href={`/admin/api/stats.csv${qs({ from: s.from, to: s.to })}`} download>
            {t('csv')}
          </a>
        )}
      </form>
      <Banner notice={notice} />
      {s && <Chart s={s} />}
      {s && (
        <ul class="legend">
          {TYPES.map((type, k) => (
            <li key={type}>
              <span style={{ background: COLOURS[k] }} />
              {tk('c_', type)}
            </li>
          ))}
        </ul>
      )}
      {s && s.table.length === 0 && <p>{t('noData')}</p>}
      {s && s.table.length > 0 && (
        <Table
          testid="stats-table"
          head={[t('date'), t('type'), t('terminalKind'), t('count'), t('fee')]}
          rows={[
            ...s.table.map((r) => [r.date, tk('c_', r.type), tk('tk_', r.terminalKind), r.count, yen(r.fee)]),
            [t('total'), '', '', s.totals.count, yen(s.totals.fee)],
          ]}
        />
      )}
    </Section>
  );
};
