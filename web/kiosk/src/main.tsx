import { render } from 'preact';
import { App } from './app.js';
import './styles.css';

// The served Japanese font (the kiosk has no system font for Japanese).
const fonts = [
  new FontFace('BIZ UDGothic', 'url(fonts/BIZUDGothic-Regular.ttf)', { weight: '400' }),
  new FontFace('BIZ UDGothic', 'url(fonts/BIZUDGothic-Bold.ttf)', { weight: '700' }),
];
for (const f of fonts) {
  document.fonts.add(f);
  void f.load().catch(() => undefined);
}

const root = document.getElementById('app');
if (root) render(<App />, root);
