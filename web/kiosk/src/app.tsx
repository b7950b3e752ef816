import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { act, getConfig, getState, type UiAction, type UiConfig, type UiState } from './api.js';
import { Devices } from './devices.js';
import { type Lang, type MessageKey, message } from './messages.js';
import { Reminders } from './reminders.js';
import { Screen } from './screens/index.js';
import { speak } from './speech.js';

// The kiosk screen: header (language, large text, voice), the eight steps, the current
// screen, reminders and the idle warning; the demo's virtual devices beside it.

export interface Ui {
  lang: Lang;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  state: UiState;
  config: UiConfig;
  send: (a: UiAction) => Promise<void>;
  say: (text: string) => void;
}

const STEP_OF: Record<UiState['step'], number> = {
  start: 1,
  connecting: 1,
  card: 2,
  pin: 3,
  authenticating: 3,
  remove: 4,
  loading: 5,
  choose: 5,
  confirm: 6,
  ordering: 6,
  pay: 7,
  issuing: 8,
  printing: 8,
  take: 8,
  ended: 0,
  honseki_form: 5,
  honseki_confirm: 6,
  honseki_sending: 6,
  honseki_done: 7,
};

export const App = () => {
  const [lang, setLang] = useState<Lang>('ja');
  const [large, setLarge] = useState(false);
  const [muted, setMuted] = useState(false);
  const [config, setConfig] = useState<UiConfig | undefined>();
  const [state, setState] = useState<UiState | undefined>();
  const version = useRef(0);
  const lastStep = useRef(1);

  const accept = useCallback((s: UiState) => {
    if (s.version >= version.current) {
      version.current = s.version;
      setState(s);
    }
  }, []);

  useEffect(() => {
    void getConfig().then(setConfig);
    let stop = false;
    const loop = async () => {
      while (!stop) {
        try {
          accept(await getState(version.current));
        } catch {
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    };
    void loop();
    return () => {
      stop = true;
    };
  }, [accept]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.classList.toggle('large', large);
  }, [lang, large]);

  // A new screen: keyboard and screen-reader users start at its title.
  const step = state?.step;
  useEffect(() => {
    const h = document.getElementById('screen-title');
    if (!step || !h || document.activeElement?.closest('.devices')) return;
    h.setAttribute('tabindex', '-1');
    h.focus({ preventScroll: true });
  }, [step]);

  // Any touch or key keeps the session alive (the server owns the idle time-out).
  const lastPing = useRef(0);
  useEffect(() => {
    const ping = () => {
      if (!state?.idle || Date.now() - lastPing.current < 1500) return;
      lastPing.current = Date.now();
      void act({ type: 'activity' }).then((r) => r.ok && accept(r.state));
    };
    window.addEventListener('pointerdown', ping);
    window.addEventListener('keydown', ping);
    return () => {
      window.removeEventListener('pointerdown', ping);
      window.removeEventListener('keydown', ping);
    };
  }, [state?.idle, accept]);

  const t = useCallback(
    (key: MessageKey, params?: Record<string, string | number>) => message(lang, key, params),
    [lang],
  );
  const send = useCallback(
    async (a: UiAction) => {
      const r = await act(a);
      if (r.ok) accept(r.state);
    },
    [accept],
  );
  const say = useCallback((text: string) => speak(text, lang, muted), [lang, muted]);
  const ui = useMemo<Ui | undefined>(
    () => (state && config ? { lang, t, state, config, send, say } : undefined),
    [lang, t, state, config, send, say],
  );
  if (!ui || !state) return <div class="loading">{message(lang, 'busy')}</div>;

  const stepNo = STEP_OF[state.step] || lastStep.current;
  lastStep.current = stepNo;
  return (
    <div class="kiosk">
      <main class="screen" aria-labelledby="screen-title">
        <header class="bar">
          <div class="brand">
            {t('appTitle')}
            {state.terminal.storeName ? <span class="store"> — {state.terminal.storeName}</span> : null}
          </div>
          <div class="tools">
            <button
              type="button"
              class="tool"
              lang={lang === 'ja' ? 'en' : 'ja'}
              aria-label={t('langSwitchName')}
              onClick={() => setLang(lang === 'ja' ? 'en' : 'ja')}
            >
              {t('langSwitch')}
            </button>
            <button type="button" class="tool" aria-pressed={large} onClick={() => setLarge(!large)}>
              {t('largeText')}
            </button>
            <button type="button" class="tool" aria-pressed={!muted} onClick={() => setMuted(!muted)}>
              {muted ? t('soundOff') : t('soundOn')}
            </button>
          </div>
        </header>
        <Steps ui={ui} current={stepNo} />
        <Reminders ui={ui} />
        <section class="content">
          <Screen ui={ui} />
        </section>
        <IdleWarning ui={ui} />
      </main>
      <Devices ui={ui} />
    </div>
  );
};

// The 本籍地 registration has seven steps: the first four of the certificates, then its own.
const STEPS: Record<'certificates' | 'honseki', MessageKey[]> = {
  certificates: ['step1', 'step2', 'step3', 'step4', 'step5', 'step6', 'step7', 'step8'],
  honseki: ['startHonseki', 'step2', 'step3', 'step4', 'hstep5', 'hstep6', 'hstep7'],
};

const Steps = ({ ui, current }: { ui: Ui; current: number }) => {
  const service = ui.state.service ?? 'certificates';
  return (
    <nav class="steps" aria-label={ui.t('stepsName')}>
      <ol>
        {STEPS[service].map((label, i) => (
          <li
            key={label}
            class={i + 1 < current ? 'done' : i + 1 === current ? 'current' : 'todo'}
            aria-current={i + 1 === current ? 'step' : undefined}
          >
            <span class="num">{i + 1}</span>
            <span class="label">{ui.t(label)}</span>
          </li>
        ))}
      </ol>
      <p class="sr-only">{ui.t(service === 'honseki' ? 'stepOfHonseki' : 'stepOf', { n: current })}</p>
    </nav>
  );
};

const IdleWarning = ({ ui }: { ui: Ui }) => {
  const idle = ui.state.idle;
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (!idle?.warning) return;
    const deadline = Date.now() + idle.remainingMs;
    const tick = () => setLeft(Math.max(0, Math.ceil((deadline - Date.now()) / 1000)));
    tick();
    const timer = setInterval(tick, 200);
    return () => clearInterval(timer);
  }, [idle?.warning, idle?.remainingMs]);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (idle?.warning) button.current?.focus();
  }, [idle?.warning]);
  if (!idle?.warning) return null;
  return (
    <div class="overlay">
      <div
        class="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-title"
        aria-describedby="idle-body"
      >
        <h2 id="idle-title">{ui.t('idleTitle')}</h2>
        <p id="idle-body" class="countdown">
          {ui.t('idleBody', { n: left })}
        </p>
        <button
          ref={button}
          type="button"
          class="primary big"
          onClick={() => void ui.send({ type: 'activity' })}
        >
          {ui.t('idleContinue')}
        </button>
      </div>
    </div>
  );
};
