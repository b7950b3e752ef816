import { useEffect, useState } from 'preact/hooks';
import { api, qs } from './api.js';
import { type MessageKey, t, tk } from './i18n.js';
import type { Me } from './main.js';
import { Banner, errorNotice, type Notice, okNotice, Section, Table } from './ui.js';

// The 本籍地 registrations inbox: the application beside what the 戸籍 says; approve or reject.

interface Item {
  receiptNumber: string;
  state: string;
  appliedOn: string;
  expectedCompletion: string;
  waitingBusinessDays: number;
  reason: string | null;
  stated: { honseki: string; hittosha: string };
  serialCurrent: boolean;
  applicant: { name: string; birthDate: string; address: string; municipality: string } | null;
  match: { found: true; memberName: string } | { found: false; why: string };
}

export const RegistrationsPage = ({ me }: { me: Me }) => {
  const [all, setAll] = useState(false);
  const [items, setItems] = useState<Item[]>([]);
  const [notice, setNotice] = useState<Notice>();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const load = async () => {
    const r = await api<{ registrations: Item[] }>(
      'GET',
      `/registrations${qs({ state: all ? 'all' : undefined })}`,
    );
    if (r.ok) setItems(r.data.registrations);
    else setNotice(errorNotice(r.error));
  };
  useEffect(() => {
    void load();
  }, [all]);
  const decide = async (receipt: string, decision: 'approve' | 'reject') => {
    const reason = reasons[receipt]?.trim();
    if (decision === 'reject' && !reason) return setNotice({ kind: 'error', text: t('reasonRequired') });
    const r = await api('POST', `/registrations/${encodeURIComponent(receipt)}/decision`, {
      decision,
      ...(reason ? { reason } : {}),
    });
    if (!r.ok) return setNotice(errorNotice(r.error));
    setNotice(okNotice(`${receipt}: ${t(decision === 'approve' ? 's_approved' : 's_rejected')}`));
    void load();
  };
  const canDecide = me.actions.includes('registration.decide');
  return (
    <Section title={t('inbox')} testid="inbox">
      <div class="buttons">
        <button type="button" onClick={() => setAll(!all)}>
          {all ? t('showPending') : t('showAll')}
        </button>
      </div>
      <Banner notice={notice} />
      <Table
        testid="registrations"
        head={[
          t('receiptNumber'),
          t('appliedOn'),
          t('waiting'),
          t('expected'),
          t('applicant'),
          t('stated'),
          t('match'),
          t('state'),
        ]}
        rows={items.map((x) => [
          <span key="n" class="mono">
            {x.receiptNumber}
          </span>,
          x.appliedOn,
          t('days', { n: x.waitingBusinessDays }),
          x.expectedCompletion,
          x.applicant ? (
            <span key="a">
              {x.applicant.name}（{x.applicant.birthDate}）
              <br />
              {x.applicant.address}
              {!x.serialCurrent && <em class="bad"> {t('oldCertificate')}</em>}
            </span>
          ) : (
            '—'
          ),
          <span key="s">
            {x.stated.honseki}
            <br />
            {x.stated.hittosha}
          </span>,
          <span key="m" class={x.match.found ? 'good' : 'bad'} data-testid="match">
            {x.match.found
              ? t('matchFound', { name: x.match.memberName })
              : t(`match_${x.match.why}` as MessageKey)}
          </span>,
          x.state === 'pending' && canDecide ? (
            <div key="d" class="decide">
              <button
                type="button"
                class="primary"
                data-testid="approve"
                disabled={!x.match.found}
                onClick={() => void decide(x.receiptNumber, 'approve')}
              >
                {t('approve')}
              </button>
              <input
                placeholder={t('reason')}
                aria-label={t('reason')}
                value={reasons[x.receiptNumber] ?? ''}
                onInput={(e) => setReasons({ ...reasons, [x.receiptNumber]: e.currentTarget.value })}
              />
              <button type="button" class="danger" onClick={() => void decide(x.receiptNumber, 'reject')}>
                {t('reject')}
              </button>
            </div>
          ) : (
            <span key="st">
              {tk('s_', x.state)}
              {x.reason ? `（${x.reason}）` : ''}
            </span>
          ),
        ])}
      />
    </Section>
  );
};
