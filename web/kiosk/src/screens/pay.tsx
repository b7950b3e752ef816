import type { Ui } from '../app.js';
import { yen } from '../messages.js';
import { CancelButton } from './start.js';

export const PayScreen = ({ ui }: { ui: Ui }) => {
  const pay = ui.state.pay;
  if (!pay) return null;
  const missing = Math.max(0, pay.totalYen - pay.insertedYen);
  const change = Math.max(0, pay.insertedYen - pay.totalYen);
  return (
    <div class="panel">
      <h1 id="screen-title">{ui.t('payTitle')}</h1>
      <dl class="amounts" aria-live="polite">
        <div>
          <dt>{ui.t('payTotal')}</dt>
          <dd>{yen(ui.lang, pay.totalYen)}</dd>
        </div>
        <div>
          <dt>{ui.t('payInserted')}</dt>
          <dd>{yen(ui.lang, pay.insertedYen)}</dd>
        </div>
        <div class="missing">
          <dt>{ui.t('payMissing')}</dt>
          <dd>{yen(ui.lang, missing)}</dd>
        </div>
        <div>
          <dt>{ui.t('payChange')}</dt>
          <dd>{yen(ui.lang, change)}</dd>
        </div>
      </dl>
      <p class="lead">{ui.t('payBody')}</p>
      <p class="note">{ui.t('payCancelNote')}</p>
      <div class="actions">
        <CancelButton ui={ui} />
      </div>
    </div>
  );
};

export const PrintingScreen = ({ ui }: { ui: Ui }) => {
  const p = ui.state.printing;
  const printing = ui.state.step === 'printing' && p;
  return (
    <div class="panel printing" aria-busy="true">
      <h1 id="screen-title">{ui.t(printing ? 'printingTitle' : 'issuingTitle')}</h1>
      <p class="big-notice" role="status">
        {ui.t('printingWait')}
      </p>
      {printing ? (
        <>
          <progress max={p.documents} value={p.printed} aria-label={ui.t('printingTitle')} />
          <p aria-live="polite">{ui.t('printingProgress', { p: p.printed, n: p.documents })}</p>
          {p.reprinting ? <p class="note">{ui.t('reprinting')}</p> : null}
        </>
      ) : (
        <div class="spinner" aria-hidden="true" />
      )}
    </div>
  );
};
