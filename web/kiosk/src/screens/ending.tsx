import type { Ui } from '../app.js';
import { yen } from '../messages.js';

// Step 8 (take everything) and the end of a transaction that did not print.

export const TakeScreen = ({ ui }: { ui: Ui }) => {
  const { tray, result } = ui.state;
  const certs = tray.documents.filter((d) => d.kind === 'certificate').length;
  const receipt = tray.documents.some((d) => d.kind === 'receipt');
  const cash = tray.cash.reduce((s, p) => s + p, 0);
  const allTaken = !tray.documents.length && !tray.cash.length && !ui.state.cardInReader;
  const item = (label: string, left: boolean) => (
    <li class={left ? 'left' : 'taken'}>
      <span>{label}</span>
      <span class="state">{ui.t(left ? 'takeLeft' : 'takeDone')}</span>
    </li>
  );
  return (
    <div class="panel">
      <h1 id="screen-title">{ui.t(allTaken ? 'takeAllDone' : 'takeTitle')}</h1>
      <ul class="take">
        {item(ui.t('takeCerts', { n: certs }), certs > 0)}
        {item(ui.t('takeReceipt'), receipt)}
        {result && result.changeYen > 0 ? item(ui.t('takeChange', { n: result.changeYen }), cash > 0) : null}
      </ul>
      <p class="note">{ui.t('multiPage')}</p>
      <div class="actions">
        <button
          type="button"
          class="primary"
          disabled={!allTaken}
          onClick={() => void ui.send({ type: 'finish' })}
        >
          {ui.t('finish')}
        </button>
      </div>
    </div>
  );
};

export const EndedScreen = ({ ui }: { ui: Ui }) => {
  const e = ui.state.ending;
  if (!e) return null;
  const title =
    e.kind === 'cancelled' ? 'endedCancelled' : e.kind === 'expired' ? 'endedExpired' : 'endedRefused';
  const text = ui.lang === 'ja' ? e.message : e.messageEn;
  return (
    <div class="panel">
      <h1 id="screen-title">{ui.t(title)}</h1>
      {text ? (
        <p class="refusal" role="alert">
          {text}
        </p>
      ) : null}
      {e.refundedYen > 0 ? (
        <p class="lead">{ui.t('endedRefund', { n: yen(ui.lang, e.refundedYen).replace(/[^0-9,]/g, '') })}</p>
      ) : null}
      {ui.state.cardInReader ? <p class="lead strong">{ui.t('endedTakeCard')}</p> : null}
      <div class="actions">
        <button
          type="button"
          class="primary"
          disabled={ui.state.endingPending === true}
          onClick={() => void ui.send({ type: 'finish' })}
        >
          {ui.t('toStart')}
        </button>
      </div>
    </div>
  );
};
