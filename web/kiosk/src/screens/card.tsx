import { useEffect, useState } from 'preact/hooks';
import type { Ui } from '../app.js';
import { CancelButton } from './start.js';

export const CardScreen = ({ ui }: { ui: Ui }) => (
  <div class="panel">
    <h1 id="screen-title">{ui.t('cardTitle')}</h1>
    <div class="reader-picture" aria-hidden="true">
      <div class="reader-card" />
    </div>
    <p class="lead">{ui.t('cardBody')}</p>
    <div class="actions">
      <CancelButton ui={ui} />
    </div>
  </div>
);

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

export const PinScreen = ({ ui }: { ui: Ui }) => {
  const [pin, setPin] = useState('');
  const remaining = ui.state.pin?.remainingTries;
  const attempt = ui.state.pin?.attempt ?? 1;
  useEffect(() => setPin(''), [attempt]);
  const submit = (p: string) => {
    if (p.length !== 4) return;
    setPin('');
    void ui.send({ type: 'pin', pin: p });
  };
  const add = (d: string) => setPin((p) => (p.length < 4 ? p + d : p));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLButtonElement && (e.key === 'Enter' || e.key === ' ')) return;
      if (/^[0-9]$/.test(e.key)) add(e.key);
      else if (e.key === 'Backspace') setPin((p) => p.slice(0, -1));
      else if (e.key === 'Enter') submit(pin);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  return (
    <div class="panel pin">
      <div class="pin-left">
        <h1 id="screen-title">{ui.t('pinTitle')}</h1>
        <p class="lead">{ui.t('pinBody')}</p>
        <div class="pin-boxes" role="img" aria-label={ui.t('pinEntered', { n: pin.length })}>
          {[0, 1, 2, 3].map((i) => (
            <span key={i} class={i < pin.length ? 'box filled' : 'box'}>
              {i < pin.length ? '●' : ''}
            </span>
          ))}
        </div>
        {remaining !== undefined ? (
          <p class="error" role="alert">
            {ui.t('pinWrong', { n: remaining })}
          </p>
        ) : null}
        <p class="note">{ui.t('pinLockNote')}</p>
        <div class="actions">
          <CancelButton ui={ui} />
        </div>
      </div>
      <fieldset class="keypad">
        <legend class="sr-only">{ui.t('pinTitle')}</legend>
        {DIGITS.map((d) => (
          <button
            key={d}
            type="button"
            class="key"
            aria-label={ui.t('pinDigit', { d })}
            onClick={() => add(d)}
          >
            {d}
          </button>
        ))}
        <button
          type="button"
          class="key small"
          aria-label={ui.t('pinClearName')}
          onClick={() => setPin((p) => p.slice(0, -1))}
        >
          {ui.t('pinClear')}
        </button>
        <button type="button" class="key ok" disabled={pin.length !== 4} onClick={() => submit(pin)}>
          {ui.t('pinOk')}
        </button>
      </fieldset>
    </div>
  );
};

export const RemoveScreen = ({ ui }: { ui: Ui }) => (
  <div class="panel">
    <h1 id="screen-title">{ui.t('removeTitle')}</h1>
    <div class="reader-picture remove" aria-hidden="true">
      <div class="reader-card" />
    </div>
    <p class="lead">{ui.t('removeBody')}</p>
  </div>
);
