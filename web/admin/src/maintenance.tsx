import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import { t } from './i18n.js';
import type { Me } from './main.js';
import { Banner, errorNotice, Field, type Notice, okNotice, Section, shortTime, Table } from './ui.js';

// Maintenance windows of the town (the center's are shown, not editable) and the tax switch-over.

interface Data {
  municipality: { code: string; name: string };
  taxSwitchoverEnd: string;
  windows: {
    id: string;
    scope: string;
    start: string;
    end: string;
    note: string | null;
    editable: boolean;
  }[];
}

export const MaintenancePage = ({ me }: { me: Me }) => {
  const [d, setD] = useState<Data | undefined>();
  const [notice, setNotice] = useState<Notice>();
  const [w, setW] = useState({ start: '', end: '', note: '' });
  const [switchover, setSwitchover] = useState('');
  const edit = me.actions.includes('maintenance.edit');
  const load = async () => {
    const r = await api<Data>('GET', '/maintenance');
    if (!r.ok) return setNotice(errorNotice(r.error));
    setD(r.data);
    setSwitchover(r.data.taxSwitchoverEnd);
  };
  useEffect(() => {
    void load();
  }, []);
  const after = (r: { ok: boolean; error?: Parameters<typeof errorNotice>[0] }) => {
    if (!r.ok && r.error) return setNotice(errorNotice(r.error));
    setNotice(okNotice());
    void load();
  };
  const add = async (e: Event) => {
    e.preventDefault();
    after(
      await api('POST', '/maintenance', {
        start: w.start,
        end: w.end,
        ...(w.note.trim() ? { note: w.note.trim() } : {}),
      }),
    );
  };
  if (!d) return <Banner notice={notice} />;
  return (
    <>
      <Section title={`${t('maintenanceTitle')}（${d.municipality.name}）`} testid="maintenance">
        <Banner notice={notice} />
        <Table
          head={[t('scope'), t('start'), t('end'), t('note'), '']}
          rows={d.windows.map((x) => [
            x.scope === 'center' ? t('scopeCenter') : d.municipality.name,
            shortTime(x.start),
            shortTime(x.end),
            x.note ?? '',
            x.editable && edit ? (
              <button
                key="r"
                type="button"
                class="danger"
                onClick={async () => after(await api('DELETE', `/maintenance/${encodeURIComponent(x.id)}`))}
              >
                {t('remove')}
              </button>
            ) : (
              ''
            ),
          ])}
        />
        {edit && (
          <form class="search" onSubmit={add}>
            <Field label={t('start')}>
              <input
                name="start"
                type="datetime-local"
                required
                value={w.start}
                onInput={(e) => setW({ ...w, start: e.currentTarget.value })}
              />
            </Field>
            <Field label={t('end')}>
              <input
                name="end"
                type="datetime-local"
                required
                value={w.end}
                onInput={(e) => setW({ ...w, end: e.currentTarget.value })}
              />
            </Field>
            <Field label={t('note')}>
              <input
                name="note"
                value={w.note}
                onInput={(e) => setW({ ...w, note: e.currentTarget.value })}
              />
            </Field>
            <button type="submit" class="primary">
              {t('add')}
            </button>
          </form>
        )}
      </Section>
      <Section title={t('switchover')}>
        {edit ? (
          <form
            class="search"
            onSubmit={async (e) => {
              e.preventDefault();
              after(await api('PUT', '/maintenance/switchover', { taxSwitchoverEnd: switchover }));
            }}
          >
            <Field label="MM-DD">
              <input
                name="switchover"
                value={switchover}
                pattern="06-[0-3][0-9]"
                onInput={(e) => setSwitchover(e.currentTarget.value)}
              />
            </Field>
            <button type="submit" class="primary">
              {t('save')}
            </button>
          </form>
        ) : (
          <p>6月1日 〜 {d.taxSwitchoverEnd.replace('06-', '6月')}日</p>
        )}
      </Section>
    </>
  );
};
