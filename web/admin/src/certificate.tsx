import { useState } from 'preact/hooks';
import { api } from './api.js';
import { t, tk } from './i18n.js';
import { Banner, errorNotice, Field, type Notice, Section, shortTime, yen } from './ui.js';

// Look up an issued certificate by its 固有番号: type, time, terminal and fee, never content.

interface Found {
  number: string;
  type: string;
  issuedAt: string;
  terminalId: string;
  terminalKind: string;
  fee: number;
  copy: number;
  copies: number;
}

export const CertificatePage = () => {
  const [number, setNumber] = useState('');
  const [found, setFound] = useState<Found | undefined>();
  const [notice, setNotice] = useState<Notice>();
  const submit = async (e: Event) => {
    e.preventDefault();
    setFound(undefined);
    const r = await api<Found>('GET', `/certificates/${encodeURIComponent(number.trim())}`);
    if (!r.ok) return setNotice(errorNotice(r.error));
    setNotice(undefined);
    setFound(r.data);
  };
  return (
    <Section title={t('certLookup')} testid="certificate">
      <p class="hint">{t('certLookupHint')}</p>
      <form class="search" onSubmit={submit}>
        <Field label={t('number')}>
          <input
            name="number"
            class="mono"
            placeholder="284815-2026-00000042-3"
            value={number}
            onInput={(e) => setNumber(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="primary">
          {t('lookup')}
        </button>
      </form>
      <Banner notice={notice} />
      {found && (
        <dl class="facts" data-testid="found">
          <dt>{t('number')}</dt>
          <dd class="mono">{found.number}</dd>
          <dt>{t('type')}</dt>
          <dd>{tk('c_', found.type)}</dd>
          <dt>{t('issuedAt')}</dt>
          <dd>{shortTime(found.issuedAt)}</dd>
          <dt>{t('terminal')}</dt>
          <dd>
            {tk('tk_', found.terminalKind)}（{found.terminalId}）
          </dd>
          <dt>{t('fee')}</dt>
          <dd>{yen(found.fee)}</dd>
          <dt>{t('copy')}</dt>
          <dd>
            {found.copy} / {found.copies}
          </dd>
        </dl>
      )}
    </Section>
  );
};
