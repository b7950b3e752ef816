import { useEffect, useState } from 'preact/hooks';
import { api, qs } from './api.js';
import { t, tk } from './i18n.js';
import type { Me } from './main.js';
import { ResidentActions } from './resident-actions.js';
import { TennyuForm } from './tennyu.js';
import { Banner, errorNotice, Field, type Notice, Section, shortTime, Table, yen } from './ui.js';

// Find a resident, then see their records, card and issuance history, and record procedures.

interface Row {
  id: string;
  name: string;
  kana: string;
  birth_date: string;
  sex: string;
  address: string;
  status: string;
}

export const ResidentsPage = ({ me, path }: { me: Me; path: string[] }) => {
  const id = path[0] ? decodeURIComponent(path[0]) : undefined;
  return id ? <ResidentDetail me={me} id={id} /> : <ResidentSearch me={me} />;
};

const ResidentSearch = ({ me }: { me: Me }) => {
  const [q, setQ] = useState({ name: '', kana: '', birthDate: '', address: '' });
  const [rows, setRows] = useState<Row[] | undefined>();
  const [truncated, setTruncated] = useState(false);
  const [notice, setNotice] = useState<Notice>();
  const [tennyu, setTennyu] = useState(false);
  const search = async (e?: Event) => {
    e?.preventDefault();
    const r = await api<{ residents: Row[]; truncated: boolean }>('GET', `/residents${qs(q)}`);
    if (!r.ok) return setNotice(errorNotice(r.error));
    setNotice(undefined);
    setRows(r.data.residents);
    setTruncated(r.data.truncated);
  };
  const input = (k: keyof typeof q, type = 'text') => (
    <input name={k} type={type} value={q[k]} onInput={(e) => setQ({ ...q, [k]: e.currentTarget.value })} />
  );
  return (
    <>
      <Section title={t('navResidents')}>
        <form class="search" onSubmit={search}>
          <Field label={t('name')}>{input('name')}</Field>
          <Field label={t('kana')}>{input('kana')}</Field>
          <Field label={t('birthDate')}>{input('birthDate', 'date')}</Field>
          <Field label={t('address')}>{input('address')}</Field>
          <button type="submit" class="primary">
            {t('search')}
          </button>
        </form>
        <p class="hint">{t('searchHint')}</p>
        <Banner notice={notice} />
        {truncated && <p class="hint">{t('truncated')}</p>}
        {rows && rows.length === 0 && <p>{t('noResults')}</p>}
        {rows && rows.length > 0 && (
          <Table
            testid="results"
            head={[t('name'), t('kana'), t('birthDate'), t('address'), t('status')]}
            rows={rows.map((r) => [
              <a key={r.id} href={`#/residents/${encodeURIComponent(r.id)}`}>
                {r.name}
              </a>,
              r.kana,
              r.birth_date,
              r.address,
              tk('st_', r.status),
            ])}
          />
        )}
      </Section>
      {me.actions.includes('resident.tennyu') && (
        <Section title={t('tennyu')}>
          {tennyu ? (
            <TennyuForm onClose={() => setTennyu(false)} />
          ) : (
            <button type="button" onClick={() => setTennyu(true)}>
              {t('tennyu')}
            </button>
          )}
        </Section>
      )}
    </>
  );
};

type FullDetail = {
  resident: { id: string; status: string } & Record<string, string | null>;
  household: {
    address: string | null;
    members: { id: string; name: string; relationship: string; status: string }[];
  };
  events: { id: string; kind: string; occurred_on: string; processed_on: string; detail: string | null }[];
  restrictions: { id: string; target: string; startsOn: string; endsOn: string | null; inForce: boolean }[];
  koseki?: {
    id: string;
    honseki: string;
    hittosha: string;
    notificationPending: boolean;
    members: { id: string; name: string; relationship: string | null; removed: boolean }[];
  };
  inkan?: { registrationNumber: string; registeredOn: string; abolishedOn: string | null } | null;
  tax?: {
    id: string;
    fiscalYear: number;
    taxableIncome: number;
    declaredOn: string;
    amendedOn: string | null;
  }[];
  card?: {
    serial: string;
    summary?: {
      notBefore: string;
      notAfter: string;
      status: string;
      pin: { remainingTries: number; locked: boolean };
    };
  } | null;
  issuances?: { number: string; type: string; issuedAt: string; fee: number; terminalId: string }[];
};

const ResidentDetail = ({ me, id }: { me: Me; id: string }) => {
  const [d, setD] = useState<FullDetail | undefined>();
  const [notice, setNotice] = useState<Notice>();
  const load = async () => {
    const r = await api<FullDetail>('GET', `/residents/${encodeURIComponent(id)}`);
    if (r.ok) setD(r.data);
    else setNotice(errorNotice(r.error));
  };
  useEffect(() => {
    void load();
  }, [id]);
  if (!d) return <Banner notice={notice} />;
  const r = d.resident;
  return (
    <>
      <p>
        <a href="#/residents">← {t('back')}</a>
      </p>
      <Section title={`${r.name ?? ''}（${r.kana ?? ''}）`} testid="resident">
        <dl class="facts">
          <dt>{t('status')}</dt>
          <dd data-testid="status">{tk('st_', r.status)}</dd>
          <dt>{t('birthDate')}</dt>
          <dd>{r.birthDate}</dd>
          <dt>{t('sex')}</dt>
          <dd>{r.sex}</dd>
          <dt>{t('address')}</dt>
          <dd>{r.address}</dd>
          <dt>{t('relationship')}</dt>
          <dd>{r.relationship}</dd>
          {'honseki' in r && (
            <>
              <dt>{t('honseki')}</dt>
              <dd>{r.honseki ?? '—'}</dd>
              <dt>{t('hittosha')}</dt>
              <dd>{r.hittosha ?? '—'}</dd>
            </>
          )}
        </dl>
      </Section>
      <ResidentActions detail={d} allowed={me.actions} onDone={() => void load()} />
      <Section title={t('household')}>
        <Table
          head={[t('name'), t('relationship'), t('status')]}
          rows={d.household.members.map((m) => [m.name, m.relationship, tk('st_', m.status)])}
        />
      </Section>
      <Section title={t('restrictions')} testid="restrictions">
        {d.restrictions.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <Table
            head={[t('target'), t('startsOn'), t('endsOn'), t('inForce')]}
            rows={d.restrictions.map((x) => [
              x.target === 'juminhyo' ? t('c_juminhyo') : `${t('c_koseki')}・${t('c_fuhyo')}`,
              x.startsOn,
              x.endsOn ?? '—',
              x.inForce ? t('yes') : t('no'),
            ])}
          />
        )}
      </Section>
      {d.koseki && (
        <Section title={t('koseki')} testid="koseki">
          <dl class="facts">
            <dt>{t('honseki')}</dt>
            <dd>{d.koseki.honseki}</dd>
            <dt>{t('hittosha')}</dt>
            <dd>{d.koseki.hittosha}</dd>
            <dt>{t('kosekiPending')}</dt>
            <dd>{d.koseki.notificationPending ? t('pendingYes') : t('pendingNo')}</dd>
          </dl>
          <Table
            head={[t('name'), t('relationship'), t('removed')]}
            rows={d.koseki.members.map((m) => [m.name, m.relationship ?? '—', m.removed ? t('removed') : ''])}
          />
        </Section>
      )}
      {'card' in d && (
        <Section title={t('card')} testid="card">
          {d.card?.summary ? (
            <dl class="facts">
              <dt>{t('serial')}</dt>
              <dd class="mono">{d.card.serial}</dd>
              <dt>{t('validity')}</dt>
              <dd>
                {shortTime(d.card.summary.notBefore)} 〜 {shortTime(d.card.summary.notAfter)}
              </dd>
              <dt>{t('certStatus')}</dt>
              <dd class={d.card.summary.status === 'good' ? '' : 'bad'}>
                {tk('cs_', d.card.summary.status)}
              </dd>
              <dt>{t('pinState')}</dt>
              <dd data-testid="pin-state" class={d.card.summary.pin.locked ? 'bad' : ''}>
                {d.card.summary.pin.locked
                  ? t('pinLocked')
                  : t('pinTries', { n: d.card.summary.pin.remainingTries })}
              </dd>
            </dl>
          ) : (
            <p>{t('none')}</p>
          )}
        </Section>
      )}
      {'inkan' in d && (
        <Section title={t('inkan')}>
          {d.inkan ? (
            <dl class="facts">
              <dt>{t('registrationNumber')}</dt>
              <dd>{d.inkan.registrationNumber}</dd>
              <dt>{t('registeredOn')}</dt>
              <dd>{d.inkan.registeredOn}</dd>
              <dt>{t('abolishedOn')}</dt>
              <dd>{d.inkan.abolishedOn ?? '—'}</dd>
            </dl>
          ) : (
            <p>{t('none')}</p>
          )}
        </Section>
      )}
      {d.tax && (
        <Section title={t('tax')}>
          <Table
            head={[t('fiscalYear'), t('taxableIncome'), t('declaredOn'), t('amendedOn')]}
            rows={d.tax.map((x) => [x.fiscalYear, yen(x.taxableIncome), x.declaredOn, x.amendedOn ?? '—'])}
          />
        </Section>
      )}
      <Section title={t('events')}>
        <Table
          head={[t('kind'), t('occurredOn'), t('processedOn'), t('detail')]}
          rows={d.events.map((e) => [e.kind, e.occurred_on, e.processed_on, e.detail ?? ''])}
        />
      </Section>
      {d.issuances && (
        <Section title={t('issuances')}>
          {d.issuances.length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <Table
              head={[t('number'), t('type'), t('issuedAt'), t('fee')]}
              rows={d.issuances.map((x) => [x.number, tk('c_', x.type), shortTime(x.issuedAt), yen(x.fee)])}
            />
          )}
        </Section>
      )}
    </>
  );
};
