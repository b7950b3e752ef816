import { useState } from 'preact/hooks';
import { api } from './api.js';
import { t } from './i18n.js';
import { Banner, errorNotice, Field, type Notice, okNotice, Section } from './ui.js';

// 交付番号の無効化: void a 固有番号 printed in error; verification (page and CLI) then says voided.

interface Voided {
  serial: string;
  at: string;
  newlyVoided: boolean;
}

export const VoidPage = () => {
  const [serial, setSerial] = useState('');
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<Notice>();
  const submit = async (e: Event) => {
    e.preventDefault();
    const number = serial.trim();
    if (!window.confirm(t('voidConfirm', { serial: number }))) return;
    const r = await api<Voided>('POST', `/certificates/${encodeURIComponent(number)}/void`, { reason });
    if (!r.ok) return setNotice(errorNotice(r.error));
    setNotice(okNotice(t(r.data.newlyVoided ? 'voidDone' : 'voidAlready', { serial: r.data.serial })));
    setReason('');
  };
  return (
    <Section title={t('voidTitle')} testid="void">
      <p class="hint">{t('voidHint')}</p>
      <form class="search" onSubmit={submit}>
        <Field label={t('voidSerial')}>
          <input
            name="serial"
            class="mono"
            placeholder="284815-2026-00000001-6"
            required
            value={serial}
            onInput={(e) => setSerial(e.currentTarget.value)}
          />
        </Field>
        <Field label={t('voidReason')}>
          <input
            name="reason"
            required
            maxLength={200}
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="danger">
          {t('voidAction')}
        </button>
      </form>
      <Banner notice={notice} />
    </Section>
  );
};
