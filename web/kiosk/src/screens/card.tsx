import { useEffect, useRef, useState } from 'preact/hooks';
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

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const PinScreen = ({ ui }: { ui: Ui }) => {
  const [pin, setPinState] = useState('');
  // The key handler reads the ref: keys may come faster than the screen re-renders.
  const current = useRef('');
  const setPin = (next: string) => {
    current.current = next;
    setPinState(next);
  };
  const remaining = ui.state.pin?.remainingTries;
  const attempt = ui.state.pin?.attempt ?? 1;
  useEffect(() => setPin(''), [attempt]);
  const send = ui.send;
  const submit = () => {
    const p = current.current;
    if (p.length !== 4) return;
    setPin('');
    void send({ type: 'pin', pin: p });
  };
  const add = (d: string) => {
    if (current.current.length < 4) setPin(current.current + d);
  };
  const erase = () => setPin(current.current.slice(0, -1));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLButtonElement && (e.key === 'Enter' || e.key === ' ')) return;
      if (/^[0-9]$/.test(e.key)) add(e.key);
      else if (e.key === 'Backspace') erase();
      else if (e.key === 'Enter') submit();
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
        <button type="button" class="key small" aria-label={ui.t('pinClearName')} onClick={erase}>
          {ui.t('pinClear')}
        </button>
        <button type="button" class="key" aria-label={ui.t('pinDigit', { d: '0' })} onClick={() => add('0')}>
          0
        </button>
        <button type="button" class="key ok" disabled={pin.length !== 4} onClick={submit}>
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
