import { useState } from 'preact/hooks';
import { api } from './api.js';
import { type MessageKey, t } from './i18n.js';
import { Banner, errorNotice, Field, type Notice, okNotice } from './ui.js';

// The procedures a clerk can record on a resident: each a small form, confirmed, then sent.

type FieldType = 'text' | 'date' | 'number' | 'checkbox' | 'pin';
interface FieldDef {
  name: string;
  label: MessageKey;
  type: FieldType;
  required?: boolean;
}
interface ActionDef {
  key: MessageKey;
  permission: string;
  method: 'POST' | 'PUT';
  path: string;
  fields: FieldDef[];
  fixed?: Record<string, unknown>;
  danger?: boolean;
  show?: (d: Detail) => boolean;
}

export interface Detail {
  resident: { id: string; status: string };
  restrictions: { target: string; inForce: boolean }[];
  koseki?: { notificationPending: boolean } | undefined;
  inkan?: { abolishedOn: string | null } | null;
  tax?: { fiscalYear: number }[];
  card?: { summary?: { pin: { locked: boolean } } } | null;
}

const current = (d: Detail) => d.resident.status === 'active' || d.resident.status === 'moving_out';
const restricted = (d: Detail, target: string) =>
  d.restrictions.some((r) => r.target === target && r.inForce);
const thisYear = () => {
  const now = new Date(Date.now() + 9 * 3_600_000);
  return now.getUTCMonth() >= 5 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
};

const ACTIONS: ActionDef[] = [
  {
    key: 'tenkyo',
    permission: 'resident.tenkyo',
    method: 'POST',
    path: 'tenkyo',
    fields: [
      { name: 'address', label: 'newAddress', type: 'text', required: true },
      { name: 'occurredOn', label: 'occurredOn', type: 'date' },
    ],
    show: (d) => d.resident.status === 'active',
  },
  {
    key: 'tenshutsuYotei',
    permission: 'resident.tenshutsuYotei',
    method: 'POST',
    path: 'tenshutsu-yotei',
    fields: [
      { name: 'occurredOn', label: 'occurredOn', type: 'date', required: true },
      { name: 'detail', label: 'destination', type: 'text' },
    ],
    show: (d) => d.resident.status === 'active',
  },
  {
    key: 'tenshutsu',
    permission: 'resident.tenshutsu',
    method: 'POST',
    path: 'tenshutsu',
    fields: [
      { name: 'occurredOn', label: 'occurredOn', type: 'date' },
      { name: 'detail', label: 'destination', type: 'text' },
    ],
    show: current,
    danger: true,
  },
  {
    key: 'shibou',
    permission: 'resident.shibou',
    method: 'POST',
    path: 'shibou',
    fields: [{ name: 'occurredOn', label: 'occurredOn', type: 'date' }],
    show: current,
    danger: true,
  },
  {
    key: 'shokkenShojo',
    permission: 'resident.shokkenShojo',
    method: 'POST',
    path: 'shokken-shojo',
    fields: [
      { name: 'occurredOn', label: 'occurredOn', type: 'date' },
      { name: 'detail', label: 'detail', type: 'text' },
    ],
    show: current,
    danger: true,
  },
  {
    key: 'restrictJuminhyo',
    permission: 'restriction.set',
    method: 'POST',
    path: 'restrictions',
    fields: [{ name: 'endsOn', label: 'endsOn', type: 'date' }],
    fixed: { target: 'juminhyo' },
    show: (d) => !restricted(d, 'juminhyo'),
  },
  {
    key: 'liftJuminhyo',
    permission: 'restriction.lift',
    method: 'POST',
    path: 'restrictions/lift',
    fields: [],
    fixed: { target: 'juminhyo' },
    show: (d) => restricted(d, 'juminhyo'),
  },
  {
    key: 'restrictKoseki',
    permission: 'restriction.set',
    method: 'POST',
    path: 'restrictions',
    fields: [{ name: 'endsOn', label: 'endsOn', type: 'date' }],
    fixed: { target: 'koseki' },
    show: (d) => !!d.koseki && !restricted(d, 'koseki'),
  },
  {
    key: 'liftKoseki',
    permission: 'restriction.lift',
    method: 'POST',
    path: 'restrictions/lift',
    fields: [],
    fixed: { target: 'koseki' },
    show: (d) => !!d.koseki && restricted(d, 'koseki'),
  },
  {
    key: 'markPending',
    permission: 'koseki.pending',
    method: 'POST',
    path: 'koseki-pending',
    fields: [],
    fixed: { pending: true },
    show: (d) => !!d.koseki && !d.koseki.notificationPending,
  },
  {
    key: 'markDone',
    permission: 'koseki.pending',
    method: 'POST',
    path: 'koseki-pending',
    fields: [],
    fixed: { pending: false },
    show: (d) => !!d.koseki?.notificationPending,
  },
  {
    key: 'inkanRegister',
    permission: 'inkan.register',
    method: 'POST',
    path: 'inkan',
    fields: [],
    show: (d) => current(d) && (!d.inkan || d.inkan.abolishedOn !== null),
  },
  {
    key: 'inkanAbolish',
    permission: 'inkan.abolish',
    method: 'POST',
    path: 'inkan/abolish',
    fields: [],
    show: (d) => !!d.inkan && d.inkan.abolishedOn === null,
    danger: true,
  },
  {
    key: 'taxEnter',
    permission: 'tax.enter',
    method: 'POST',
    path: 'tax',
    fields: taxFields(),
    show: (d) => !d.tax?.some((x) => x.fiscalYear === thisYear()),
  },
  {
    key: 'taxAmend',
    permission: 'tax.amend',
    method: 'PUT',
    path: 'tax',
    fields: taxFields(),
    show: (d) => (d.tax?.length ?? 0) > 0,
  },
  {
    key: 'pinReset',
    permission: 'card.resetPin',
    method: 'POST',
    path: 'pin-reset',
    fields: [{ name: 'newPin', label: 'newPin', type: 'pin', required: true }],
    show: (d) => !!d.card?.summary,
  },
];

function taxFields(): FieldDef[] {
  return [
    { name: 'fiscalYear', label: 'fiscalYear', type: 'number', required: true },
    { name: 'salary', label: 'salary', type: 'number', required: true },
    { name: 'pension', label: 'pension', type: 'number', required: true },
    { name: 'spouse', label: 'spouse', type: 'checkbox' },
    { name: 'dependents', label: 'dependents', type: 'number', required: true },
  ];
}

const initial = (a: ActionDef): Record<string, string | boolean> =>
  Object.fromEntries(
    a.fields.map((f) => [
      f.name,
      f.type === 'checkbox'
        ? false
        : f.name === 'fiscalYear'
          ? String(thisYear())
          : f.name === 'pension' || f.name === 'dependents'
            ? '0'
            : '',
    ]),
  );

export const ResidentActions = ({
  detail,
  allowed,
  onDone,
}: {
  detail: Detail;
  allowed: string[];
  onDone: () => void;
}) => {
  const [open, setOpen] = useState<ActionDef | undefined>();
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [notice, setNotice] = useState<Notice>();
  const list = ACTIONS.filter((a) => allowed.includes(a.permission) && (a.show?.(detail) ?? true));
  if (list.length === 0) return null;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!open) return;
    const body: Record<string, unknown> = { ...open.fixed };
    for (const f of open.fields) {
      const v = values[f.name];
      if (f.type === 'checkbox') body[f.name] = v === true;
      else if (typeof v === 'string' && v.trim() !== '')
        body[f.name] = f.type === 'number' ? Number(v) : v.trim();
    }
    const r = await api<{ usableFrom?: string; registrationNumber?: string }>(
      open.method,
      `/residents/${encodeURIComponent(detail.resident.id)}/${open.path}`,
      body,
    );
    if (!r.ok) return setNotice(errorNotice(r.error));
    const what = `${t(open.key)}：${t('done')}`;
    setNotice(okNotice(r.data.usableFrom ? `${what} ${t('usableFrom', { date: r.data.usableFrom })}` : what));
    setOpen(undefined);
    onDone();
  };
  return (
    <section class="card" data-testid="actions">
      <h2>{t('actions')}</h2>
      <Banner notice={notice} />
      <div class="buttons">
        {list.map((a) => (
          <button
            type="button"
            key={a.key}
            class={a.danger ? 'danger' : ''}
            data-action={a.key}
            onClick={() => {
              setOpen(a);
              setValues(initial(a));
              setNotice(undefined);
            }}
          >
            {t(a.key)}
          </button>
        ))}
      </div>
      {open && (
        <form class="action-form" onSubmit={submit} data-testid="action-form">
          <h3>{t(open.key)}</h3>
          {open.fields.map((f) => (
            <Field key={f.name} label={t(f.label)}>
              {f.type === 'checkbox' ? (
                <input
                  type="checkbox"
                  name={f.name}
                  checked={values[f.name] === true}
                  onChange={(e) => setValues({ ...values, [f.name]: e.currentTarget.checked })}
                />
              ) : (
                <input
                  name={f.name}
                  type={
                    f.type === 'pin'
                      ? 'password'
                      : f.type === 'number'
                        ? 'number'
                        : f.type === 'date'
                          ? 'date'
                          : 'text'
                  }
                  inputMode={f.type === 'pin' || f.type === 'number' ? 'numeric' : undefined}
                  maxLength={f.type === 'pin' ? 4 : undefined}
                  required={f.required}
                  value={String(values[f.name] ?? '')}
                  onInput={(e) => setValues({ ...values, [f.name]: e.currentTarget.value })}
                />
              )}
            </Field>
          ))}
          <p class="confirm">{t('confirmAsk')}</p>
          <div class="buttons">
            <button type="submit" class={open.danger ? 'danger primary' : 'primary'} data-testid="confirm">
              {t('confirm')}
            </button>
            <button type="button" onClick={() => setOpen(undefined)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
};
