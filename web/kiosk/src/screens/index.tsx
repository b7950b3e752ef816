import type { Ui } from '../app.js';
import { CardScreen, PinScreen, RemoveScreen } from './card.js';
import { ChooseScreen } from './choose.js';
import { ConfirmScreen } from './confirm.js';
import { EndedScreen, TakeScreen } from './ending.js';
import { HonsekiConfirmScreen, HonsekiDoneScreen, HonsekiFormScreen } from './honseki.js';
import { PayScreen, PrintingScreen } from './pay.js';
import { Busy, StartScreen } from './start.js';

/** The screen of the current step. */
export const Screen = ({ ui }: { ui: Ui }) => {
  switch (ui.state.step) {
    case 'start':
      return <StartScreen ui={ui} />;
    case 'card':
      return <CardScreen ui={ui} />;
    case 'pin':
      return <PinScreen ui={ui} />;
    case 'remove':
      return <RemoveScreen ui={ui} />;
    case 'choose':
      return <ChooseScreen ui={ui} />;
    case 'confirm':
      return <ConfirmScreen ui={ui} />;
    case 'pay':
      return <PayScreen ui={ui} />;
    case 'issuing':
    case 'printing':
      return <PrintingScreen ui={ui} />;
    case 'take':
      return <TakeScreen ui={ui} />;
    case 'ended':
      return <EndedScreen ui={ui} />;
    case 'connecting':
      return <Busy ui={ui} text="connecting" />;
    case 'authenticating':
      return <Busy ui={ui} text="authenticating" />;
    case 'loading':
      return <Busy ui={ui} text="loading" />;
    case 'ordering':
      return <Busy ui={ui} text="ordering" />;
    case 'honseki_form':
      return <HonsekiFormScreen ui={ui} />;
    case 'honseki_confirm':
      return <HonsekiConfirmScreen ui={ui} />;
    case 'honseki_sending':
      return <Busy ui={ui} text="hSending" />;
    case 'honseki_done':
      return <HonsekiDoneScreen ui={ui} />;
  }
};
