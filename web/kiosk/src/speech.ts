import type { Lang } from './messages.js';

// Voice reminders. Every spoken text is also logged (window.__kofuSpoken) and put in an
// aria-live region, so a screen reader, and a headless test, hear the same words.

declare global {
  interface Window {
    __kofuSpoken?: { lang: Lang; text: string; at: number }[];
  }
}

/** Says `text` unless muted; logs it either way. */
export const speak = (text: string, lang: Lang, muted: boolean): void => {
  window.__kofuSpoken ??= [];
  window.__kofuSpoken.push({ lang, text, at: Date.now() });
  if (muted || typeof window.speechSynthesis === 'undefined') return;
  try {
    const u = new SpeechSynthesisUtterance(text);
    u.lang = lang === 'ja' ? 'ja-JP' : 'en-US';
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(u);
  } catch {
    // no voice on this machine: the screen still shows the reminder
  }
};
