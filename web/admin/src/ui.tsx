import type { ComponentChildren } from 'preact';
import { type ApiError, errorText } from './api.js';
import { t } from './i18n.js';

// Small shared pieces: message banners, labelled fields, tables.

export type Notice = { kind: 'ok' | 'error'; text: string } | undefined;

export const Banner = ({ notice }: { notice: Notice }) =>
  notice ? (
    <p
      class={`banner ${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      data-testid="banner"
    >
      {notice.text}
    </p>
  ) : null;

export const errorNotice = (e: ApiError): Notice => ({ kind: 'error', text: errorText(e) });
export const okNotice = (text = t('done')): Notice => ({ kind: 'ok', text });

export const Field = ({ label, children }: { label: string; children: ComponentChildren }) => (
  // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child passed in
  <label class="field">
    <span>{label}</span>
    {children}
  </label>
);

export const Table = ({
  head,
  rows,
  testid,
}: {
  head: string[];
  rows: ComponentChildren[][];
  testid?: string;
}) => (
  <table data-testid={testid}>
    <thead>
      <tr>
        {head.map((h) => (
          <th key={h}>{h}</th>
        ))}
      </tr>
    </thead>
    <tbody>
      {rows.map((r, i) => (
        <tr key={i}>
          {r.map((c, j) => (
            <td key={j}>{c}</td>
          ))}
        </tr>
      ))}
    </tbody>
  </table>
);

export const Section = ({
  title,
  children,
  testid,
}: {
  title: string;
  children: ComponentChildren;
  testid?: string;
}) => (
  <section class="card" data-testid={testid}>
    <h2>{title}</h2>
    {children}
  </section>
);

/** 2026-11-25T10:00:00+09:00 → 2026-11-25 10:00 (Japan time as sent by the server). */
export const shortTime = (iso: string): string => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const j = new Date(d.getTime() + 9 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${j.getUTCFullYear()}-${p(j.getUTCMonth() + 1)}-${p(j.getUTCDate())} ${p(j.getUTCHours())}:${p(j.getUTCMinutes())}`;
};

export const yen = (n: number): string => `${n.toLocaleString('ja-JP')}円`;
