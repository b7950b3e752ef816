import type { Ui } from './app.js';
import { yen } from './messages.js';

// The demo's virtual devices, beside the screen: the card tray and reader, the cash slot and
// money tray, and the printer tray showing the printed pages (pictures of the printer's output).

export const Devices = ({ ui }: { ui: Ui }) => {
  const { state, config } = ui;
  const card = state.cardInReader;
  const label = (name: string) => {
    const c = config.cards.find((x) => x.name === name);
    return c?.label ? `${name}（${c.label}）` : name;
  };
  return (
    <aside class="devices" aria-label={ui.t('devices')}>
      <h2>{ui.t('devices')}</h2>
      <section aria-labelledby="dev-cards">
        <h3 id="dev-cards">{ui.t('deviceCards')}</h3>
        <p class="reader-state" data-card={card ?? ''}>
          {card ? ui.t('deviceReaderCard', { card: label(card) }) : ui.t('deviceReaderEmpty')}
        </p>
        {card ? (
          <button
            type="button"
            class="dev wide"
            onClick={() => void ui.send({ type: 'card', action: 'remove' })}
          >
            {ui.t('deviceTake')}
          </button>
        ) : (
          <div class="card-list">
            {config.cards.map((c) => (
              <button
                key={c.name}
                type="button"
                class="dev card-chip"
                data-card={c.name}
                aria-label={ui.t('devicePut', { card: label(c.name) })}
                onClick={() => void ui.send({ type: 'card', action: 'insert', name: c.name })}
              >
                <span>{c.name}</span>
                {c.pin ? <small>PIN {c.pin}</small> : null}
              </button>
            ))}
          </div>
        )}
      </section>
      <section aria-labelledby="dev-printer">
        <h3 id="dev-printer">{ui.t('devicePrinter')}</h3>
        <div class="paper">
          {state.tray.documents.length === 0 ? <p>{ui.t('deviceEmpty')}</p> : null}
          {state.tray.documents.flatMap((d) => {
            const name = d.kind === 'receipt' ? ui.t('receipt') : `${d.cert ?? ''} ${d.serial}`;
            return Array.from({ length: d.pdfPages }, (_v, i) => (
              <img
                key={`${d.id}-${i}`}
                src={`api/tray/${encodeURIComponent(d.id)}/pages/${i + 1}.png`}
                alt={ui.t('pageImage', { doc: name, p: i + 1 })}
                data-doc={d.id}
              />
            ));
          })}
        </div>
        <button
          type="button"
          class="dev wide"
          disabled={!state.tray.documents.length}
          onClick={() => void ui.send({ type: 'take', what: 'documents' })}
        >
          {ui.t('deviceTakeDocs')}
        </button>
      </section>
      <section aria-labelledby="dev-cash">
        <h3 id="dev-cash">{ui.t('deviceCash')}</h3>
        <div class="cash-list">
          {config.denominations.map((d) => (
            <button
              key={d}
              type="button"
              class={d >= 1000 ? 'dev note-piece' : 'dev coin'}
              aria-label={ui.t('deviceInsert', { n: d })}
              disabled={state.step !== 'pay'}
              onClick={() => void ui.send({ type: 'cash', piece: d })}
            >
              {d.toLocaleString('ja-JP')}
            </button>
          ))}
        </div>
        <h3>{ui.t('deviceCashTray')}</h3>
        <p class="tray-cash">
          {state.tray.cash.length
            ? `${yen(
                ui.lang,
                state.tray.cash.reduce((s, p) => s + p, 0),
              )}（${state.tray.cash.join(' + ')}）`
            : ui.t('deviceEmpty')}
        </p>
        <button
          type="button"
          class="dev wide"
          disabled={!state.tray.cash.length}
          onClick={() => void ui.send({ type: 'take', what: 'cash' })}
        >
          {ui.t('deviceTakeCash')}
        </button>
      </section>
    </aside>
  );
};
