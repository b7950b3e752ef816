import { useState } from 'preact/hooks';
import { api } from './api.js';
import { type MessageKey, t } from './i18n.js';
import { Banner, errorNotice, Field, type Notice, okNotice } from './ui.js';

// 転入届: a new resident and household; their card works at the kiosk from the next day.

const FIELDS: { name: string; label: MessageKey; type?: string; required?: boolean }[] = [
  { name: 'name', label: 'name', required: true },
  { name: 'kana', label: 'kana', required: true },
  { name: 'birthDate', label: 'birthDate', type: 'date', required: true },
  { name: 'address', label: 'address', required: true },
  { name: 'previousAddress', label: 'previousAddress', required: true },
  { name: 'occurredOn', label: 'occurredOn', type: 'date' },
  { name: 'honseki', label: 'honseki' },
  { name: 'hittosha', label: 'hittosha' },
];

export const TennyuForm = ({ onClose }: { onClose: () => void }) => {
  const [v, setV] = useState<Record<string, string>>({ sex: '女' });
  const [notice, setNotice] = useState<Notice>();
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x.trim() !== ''));
    const r = await api<{ residentId: string; usableFrom: string }>('POST', '/residents', body);
    if (!r.ok) return setNotice(errorNotice(r.error));
    setNotice(okNotice(`${t('done')} ${t('usableFrom', { date: r.data.usableFrom })}`));
    window.location.hash = `#/residents/${encodeURIComponent(r.data.residentId)}`;
  };
  return (
    <form class="action-form" onSubmit={submit}>
      <Banner notice={notice} />
      {FIELDS.map((f) => (
        <Field key={f.name} label={t(f.label)}>
          <input
            name={f.name}
            type={f.type ?? 'text'}
            required={f.required}
            value={v[f.name] ?? ''}
            onInput={(e) => setV({ ...v, [f.name]: e.currentTarget.value })}
          />
        </Field>
      ))}
      <Field label={t('sex')}>
        <select name="sex" value={v.sex} onChange={(e) => setV({ ...v, sex: e.currentTarget.value })}>
          <option value="男">{t('male')}</option>
          <option value="女">{t('female')}</option>
        </select>
      </Field>
      <p class="confirm">{t('confirmAsk')}</p>
      <div class="buttons">
        <button type="submit" class="primary">
          {t('confirm')}
        </button>
        <button type="button" onClick={onClose}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
};
