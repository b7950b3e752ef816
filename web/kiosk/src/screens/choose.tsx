import { useState } from 'preact/hooks';
import type { Ui } from '../app.js';
import { relationship, yen } from '../messages.js';
import { CancelButton } from './start.js';

// Step 5: the certificate (unavailable ones greyed with the reason), its options and copies.

type Choices = NonNullable<Ui['state']['choices']>;
type Cert = Choices['certificates'][number];
export type Request = NonNullable<Ui['state']['requests']>[number];

const SCOPED = new Set(['juminhyo', 'kisai']);
const KINDED = new Set(['koseki', 'fuhyo']);

export const certName = (ui: Ui, c: { nameJa: string; nameEn: string }) =>
  ui.lang === 'ja' ? c.nameJa : c.nameEn;

export const ChooseScreen = ({ ui }: { ui: Ui }) => {
  const choices = ui.state.choices;
  const previous = ui.state.requests?.[0];
  const [picked, setPicked] = useState<string | undefined>(previous?.cert);
  if (!choices) return null;
  const cert = choices.certificates.find((c) => c.cert === picked && c.available);
  if (cert)
    return (
      <Options ui={ui} cert={cert} choices={choices} initial={previous} back={() => setPicked(undefined)} />
    );
  return (
    <div class="panel">
      <h1 id="screen-title">{ui.t('chooseTitle')}</h1>
      <ul class="certs">
        {choices.certificates.map((c) => (
          <li key={c.cert}>
            <button
              type="button"
              class={c.available ? 'cert' : 'cert unavailable'}
              aria-disabled={!c.available}
              aria-describedby={c.available ? undefined : `why-${c.cert}`}
              onClick={() => c.available && setPicked(c.cert)}
            >
              <span class="cert-name">{certName(ui, c)}</span>
              <span class="cert-fee">{ui.t('perCopy', { n: c.fee })}</span>
            </button>
            {c.available ? null : (
              <p id={`why-${c.cert}`} class="why">
                <strong>
                  {ui.t('unavailable')}
                  {ui.lang === 'ja' ? '：' : ': '}
                </strong>
                {ui.lang === 'ja' ? c.message : c.messageEn}
              </p>
            )}
          </li>
        ))}
      </ul>
      <div class="actions">
        <CancelButton ui={ui} />
      </div>
    </div>
  );
};

let groups = 0;

const Choice = <T extends string | boolean>(props: {
  label: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (v: T) => void;
}) => {
  const [name] = useState(() => `choice-${++groups}`);
  return (
    <fieldset class="choice">
      <legend>{props.label}</legend>
      <div class="choice-row">
        {props.options.map((o) => (
          <label key={String(o.value)} class={props.value === o.value ? 'opt on' : 'opt'}>
            <input
              type="radio"
              name={name}
              checked={props.value === o.value}
              onChange={() => props.onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
};

const Options = (props: {
  ui: Ui;
  cert: Cert;
  choices: Choices;
  initial: Request | undefined;
  back: () => void;
}) => {
  const { ui, cert, choices } = props;
  const init = props.initial?.cert === cert.cert ? props.initial : undefined;
  const [scope, setScope] = useState<'self' | 'household' | 'members'>(init?.scope ?? 'self');
  const [kind, setKind] = useState<'all' | 'individual'>(init?.kind ?? 'all');
  const [members, setMembers] = useState<string[]>(init?.members ?? []);
  const [householder, setHouseholder] = useState(init?.householder ?? false);
  const [honseki, setHonseki] = useState(init?.honseki ?? false);
  const [copies, setCopies] = useState(init?.copies ?? 1);
  const scoped = SCOPED.has(cert.cert);
  const kinded = KINDED.has(cert.cert);
  const people = kinded ? choices.koseki : choices.household;
  const choosing = (scoped && scope === 'members') || (kinded && kind === 'individual');
  const toggle = (id: string) => setMembers((m) => (m.includes(id) ? m.filter((x) => x !== id) : [...m, id]));
  const request = (): Request => ({
    cert: cert.cert as Request['cert'],
    copies,
    ...(scoped ? { scope } : {}),
    ...(kinded ? { kind } : {}),
    ...(choosing ? { members: people.filter((p) => members.includes(p.id)).map((p) => p.id) } : {}),
    ...(cert.cert === 'juminhyo' ? { householder, honseki } : {}),
  });
  const error = ui.state.choiceError;
  const ready = !choosing || members.length > 0;
  const incl = [
    { value: true, label: ui.t('include') },
    { value: false, label: ui.t('exclude') },
  ];
  return (
    <div class="panel options">
      <h1 id="screen-title">{ui.t('optionsTitle', { name: certName(ui, cert) })}</h1>
      <div class="option-grid">
        <div>
          {scoped ? (
            <Choice
              label={ui.t('scope')}
              value={scope}
              onChange={setScope}
              options={[
                { value: 'self', label: ui.t('scopeSelf') },
                { value: 'household', label: ui.t('scopeHousehold') },
                { value: 'members', label: ui.t('scopeMembers') },
              ]}
            />
          ) : null}
          {kinded ? (
            <Choice
              label={ui.t('kosekiKind')}
              value={kind}
              onChange={setKind}
              options={
                cert.cert === 'koseki'
                  ? [
                      { value: 'all', label: ui.t('kosekiAll') },
                      { value: 'individual', label: ui.t('kosekiIndividual') },
                    ]
                  : [
                      { value: 'all', label: ui.t('fuhyoAll') },
                      { value: 'individual', label: ui.t('fuhyoIndividual') },
                    ]
              }
            />
          ) : null}
          {choosing ? (
            <fieldset class="choice">
              <legend>{ui.t('chooseMembers')}</legend>
              <div class="choice-row wrap">
                {people.map((p) => (
                  <label key={p.id} class={members.includes(p.id) ? 'opt on' : 'opt'}>
                    <input type="checkbox" checked={members.includes(p.id)} onChange={() => toggle(p.id)} />
                    <span>
                      {p.name}
                      {p.relationship ? <small>（{relationship(ui.lang, p.relationship)}）</small> : null}
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
          {cert.cert === 'juminhyo' ? (
            <>
              <Choice
                label={ui.t('householder')}
                value={householder}
                onChange={setHouseholder}
                options={incl}
              />
              <Choice label={ui.t('honseki')} value={honseki} onChange={setHonseki} options={incl} />
            </>
          ) : null}
        </div>
        <div>
          <fieldset class="choice">
            <legend>{ui.t('copies')}</legend>
            <div class="copies">
              <button
                type="button"
                class="round"
                aria-label={ui.t('fewer')}
                disabled={copies <= 1}
                onClick={() => setCopies(copies - 1)}
              >
                −
              </button>
              <output class="copies-value" aria-live="polite">
                {ui.t('copiesValue', { n: copies })}
              </output>
              <button
                type="button"
                class="round"
                aria-label={ui.t('more')}
                disabled={copies >= 10}
                onClick={() => setCopies(copies + 1)}
              >
                ＋
              </button>
            </div>
            <p class="fee-line">
              {ui.t('confirmFee')}：{yen(ui.lang, cert.fee * copies)}
            </p>
          </fieldset>
        </div>
      </div>
      {error ? (
        <p class="error" role="alert">
          {ui.lang === 'ja' ? error.message : error.messageEn}
        </p>
      ) : null}
      {!ready ? <p class="note">{ui.t('pickMember')}</p> : null}
      <div class="actions">
        <CancelButton ui={ui} />
        <button type="button" class="secondary" onClick={props.back}>
          {ui.t('back')}
        </button>
        <button
          type="button"
          class="primary"
          disabled={!ready}
          onClick={() => void ui.send({ type: 'choose', requests: [request()] })}
        >
          {ui.t('toConfirm')}
        </button>
      </div>
    </div>
  );
};
