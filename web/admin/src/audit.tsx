import { useEffect, useState } from 'preact/hooks';
import { api, qs } from './api.js';
import { t } from './i18n.js';
import { Banner, errorNotice, Field, type Notice, Section, shortTime, Table } from './ui.js';

// The audit log, searchable, and the check of its hash chain.

interface Entry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  refs: Record<string, unknown>;
}

export const AuditPage = () => {
  const [q, setQ] = useState({ actor: '', action: '', ref: '', from: '', to: '' });
  const [entries, setEntries] = useState<Entry[]>([]);
  const [notice, setNotice] = useState<Notice>();
  const [chain, setChain] = useState<
    { ok: boolean; entries?: number; firstBrokenSeq?: number; reason?: string } | undefined
  >();
  const [chainError, setChainError] = useState<Notice>();
  const load = async (more = false) => {
    const beforeSeq = more && entries.length ? String(entries[entries.length - 1]!.seq) : undefined;
    const r = await api<{ entries: Entry[] }>('GET', `/audit${qs({ ...q, beforeSeq })}`);
    if (!r.ok) return setNotice(errorNotice(r.error));
    setNotice(undefined);
    setEntries(more ? [...entries, ...r.data.entries] : r.data.entries);
  };
  useEffect(() => {
    void load();
  }, []);
  const verify = async () => {
    const r = await api<{ ok: boolean; entries?: number; firstBrokenSeq?: number; reason?: string }>(
      'GET',
      '/audit/verify',
    );
    if (!r.ok) return setChainError(errorNotice(r.error));
    setChain(r.data);
  };
  const input = (k: keyof typeof q, type = 'text') => (
    <input name={k} type={type} value={q[k]} onInput={(e) => setQ({ ...q, [k]: e.currentTarget.value })} />
  );
  return (
    <Section title={t('auditTitle')} testid="audit">
      <div class="buttons">
        <button type="button" onClick={() => void verify()} data-testid="verify">
          {t('verifyChain')}
        </button>
      </div>
      <Banner notice={chainError} />
      <Banner
        notice={
          chain &&
          (chain.ok
            ? { kind: 'ok', text: t('chainOk', { n: chain.entries ?? 0 }) }
            : {
                kind: 'error',
                text: t('chainBroken', { seq: chain.firstBrokenSeq ?? 0, reason: chain.reason ?? '' }),
              })
        }
      />
      <form
        class="search"
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <Field label={t('actor')}>{input('actor')}</Field>
        <Field label={t('action')}>{input('action')}</Field>
        <Field label={t('refs')}>{input('ref')}</Field>
        <Field label={t('from')}>{input('from', 'date')}</Field>
        <Field label={t('to')}>{input('to', 'date')}</Field>
        <button type="submit" class="primary">
          {t('search')}
        </button>
      </form>
      <Banner notice={notice} />
      <Table
        testid="audit-entries"
        head={['#', t('at'), t('actor'), t('action'), t('refs')]}
        rows={entries.map((e) => [
          e.seq,
          shortTime(e.at),
          e.actor,
          e.action,
          <code key="r">{JSON.stringify(e.refs)}</code>,
        ])}
      />
      {entries.length >= 100 && (
        <button type="button" onClick={() => void load(true)}>
          {t('more')}
        </button>
      )}
    </Section>
  );
};
