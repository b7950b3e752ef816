import { useState } from 'preact/hooks';
import type { Ui } from '../app.js';
import { day, type MessageKey } from '../messages.js';
import { CancelButton } from './start.js';

// The 本籍地 user registration (SPEC §8) after steps 1–4: the form, its confirmation, and the
// receipt (receipt number and expected completion date) from the center.

type Field = 'honseki' | 'hittosha';

/** The form's own words for a field the center found wrong (its generic wording names no field). */
const fieldWords = (ui: Ui, e: { code: string; field?: string }): string | undefined =>
  e.code !== 'INVALID_REQUEST'
    ? undefined
    : e.field === 'honseki'
      ? ui.t('hBadHonseki')
      : e.field === 'hittosha'
        ? ui.t('hBadHittosha')
        : undefined;

export const HonsekiFormScreen = ({ ui }: { ui: Ui }) => {
  const h = ui.state.honseki;
  const [values, setValues] = useState({
    honseki: h?.draft?.honseki ?? '',
    hittosha: h?.draft?.hittosha ?? '',
  });
  const [missing, setMissing] = useState<Field[]>([]);
  const error = h?.error;
  const wrong = (f: Field) => missing.includes(f) || error?.field === f;
  const submit = (e: Event) => {
    e.preventDefault();
    const empty = (['honseki', 'hittosha'] as const).filter((f) => !values[f].trim());
    setMissing(empty);
    if (empty.length === 0) void ui.send({ type: 'honseki', ...values });
  };
  const input = (f: Field, label: MessageKey, hint: MessageKey, max: number) => (
    <div class={wrong(f) ? 'field wrong' : 'field'}>
      <label for={`h-${f}`}>{ui.t(label)}</label>
      <input
        id={`h-${f}`}
        name={f}
        type="text"
        autocomplete="off"
        maxLength={max}
        value={values[f]}
        aria-invalid={wrong(f)}
        aria-describedby={`h-${f}-hint`}
        onInput={(e) => setValues({ ...values, [f]: e.currentTarget.value })}
      />
      <p id={`h-${f}-hint`} class="note">
        {missing.includes(f) ? <span class="error">{ui.t('hRequired')} </span> : null}
        {ui.t(hint)}
      </p>
    </div>
  );
  return (
    <form class="panel honseki" onSubmit={submit} noValidate>
      <h1 id="screen-title">{ui.t('hFormTitle')}</h1>
      <p class="lead">{ui.t('hFormBody')}</p>
      {error ? (
        <p class="refusal" role="alert">
          {fieldWords(ui, error) ?? (ui.lang === 'ja' ? error.message : error.messageEn)}
        </p>
      ) : null}
      {input('honseki', 'hHonseki', 'hHonsekiHint', 200)}
      {input('hittosha', 'hHittosha', 'hHittoshaHint', 60)}
      <div class="actions">
        <CancelButton ui={ui} />
        <button type="submit" class="primary big">
          {ui.t('toConfirm')}
        </button>
      </div>
    </form>
  );
};

export const HonsekiConfirmScreen = ({ ui }: { ui: Ui }) => {
  const draft = ui.state.honseki?.draft;
  if (!draft) return null;
  return (
    <div class="panel">
      <h1 id="screen-title">{ui.t('hConfirmTitle')}</h1>
      <p class="lead">{ui.t('hConfirmBody')}</p>
      <table class="summary">
        <tbody>
          <tr>
            <th scope="row">{ui.t('hHonseki')}</th>
            <td class="strong">{draft.honseki}</td>
          </tr>
          <tr>
            <th scope="row">{ui.t('hHittosha')}</th>
            <td class="strong">{draft.hittosha}</td>
          </tr>
        </tbody>
      </table>
      <p class="note">{ui.t('hConfirmNote')}</p>
      <div class="actions">
        <CancelButton ui={ui} />
        <button type="button" class="secondary" onClick={() => void ui.send({ type: 'back' })}>
          {ui.t('fix')}
        </button>
        <button
          type="button"
          class="primary big"
          onClick={() => void ui.send({ type: 'confirm', yes: true })}
        >
          {ui.t('hSend')}
        </button>
      </div>
    </div>
  );
};

export const HonsekiDoneScreen = ({ ui }: { ui: Ui }) => {
  const r = ui.state.honseki?.receipt;
  if (!r) return null;
  const approved = r.state === 'approved';
  const title = approved ? 'hApprovedTitle' : r.existing ? 'hExistingTitle' : 'hDoneTitle';
  return (
    <div class="panel">
      <h1 id="screen-title">{ui.t(title)}</h1>
      <table class="summary" data-testid="honseki-receipt">
        <tbody>
          <tr>
            <th scope="row">{ui.t('hReceiptNumber')}</th>
            <td class="strong receipt-number">{r.receiptNumber}</td>
          </tr>
          <tr>
            <th scope="row">{ui.t('hMunicipality')}</th>
            <td>{r.municipalityName}</td>
          </tr>
          <tr>
            <th scope="row">{ui.t('hAppliedOn')}</th>
            <td>{day(ui.lang, r.appliedOn)}</td>
          </tr>
          {approved ? null : (
            <tr>
              <th scope="row">{ui.t('hExpected')}</th>
              <td class="strong" data-testid="expected">
                {day(ui.lang, r.expectedCompletion)}
              </td>
            </tr>
          )}
          <tr>
            <th scope="row">{ui.t('hState')}</th>
            <td>{ui.t(`hState_${r.state}` as MessageKey)}</td>
          </tr>
        </tbody>
      </table>
      <p class="lead">{ui.t(approved ? 'hApprovedNote' : 'hDoneNote')}</p>
      <div class="actions">
        <button
          type="button"
          class="primary big"
          disabled={ui.state.cardInReader !== undefined}
          onClick={() => void ui.send({ type: 'finish' })}
        >
          {ui.t('finish')}
        </button>
      </div>
    </div>
  );
};
