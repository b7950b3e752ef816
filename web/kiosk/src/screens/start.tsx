import type { Ui } from '../app.js';
import type { MessageKey } from '../messages.js';

export const StartScreen = ({ ui }: { ui: Ui }) => (
  <div class="start">
    <h1 id="screen-title" class="sr-only">
      {ui.t('step1')}
    </h1>
    {ui.state.flash === 'timed_out' ? (
      <p class="flash" role="status">
        {ui.t('timedOut')}
      </p>
    ) : null}
    <button type="button" class="service" onClick={() => void ui.send({ type: 'start' })}>
      <span class="service-name">{ui.t('startButton')}</span>
      <span class="service-sub">{ui.t('startSub')}</span>
    </button>
    <button
      type="button"
      class="service service-small"
      onClick={() => void ui.send({ type: 'start', service: 'honseki' })}
    >
      <span class="service-name">{ui.t('startHonseki')}</span>
      <span class="service-sub">{ui.t('startHonsekiSub')}</span>
    </button>
    <p class="note">{ui.t('startNeed')}</p>
    <p class="note">{ui.t('startStaff')}</p>
  </div>
);

export const Busy = ({ ui, text }: { ui: Ui; text: MessageKey }) => (
  <div class="busy" aria-busy="true">
    <h1 id="screen-title">{ui.t('busy')}</h1>
    <div class="spinner" aria-hidden="true" />
    <p role="status">{ui.t(text)}</p>
  </div>
);

/** The 取消 button of the screens before payment. */
export const CancelButton = ({ ui }: { ui: Ui }) => (
  <button
    type="button"
    class="secondary"
    aria-label={ui.t('cancelName')}
    onClick={() => void ui.send({ type: 'cancel' })}
  >
    {ui.t('cancel')}
  </button>
);
