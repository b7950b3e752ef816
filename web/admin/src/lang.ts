// The chosen language, kept in localStorage; components re-render through a tiny store.

export type Lang = 'ja' | 'en';
const listeners = new Set<() => void>();

export const signalLang = {
  value: (localStorage.getItem('kofu-admin-lang') === 'en' ? 'en' : 'ja') as Lang,
};

export const setLang = (lang: Lang): void => {
  signalLang.value = lang;
  localStorage.setItem('kofu-admin-lang', lang);
  document.documentElement.lang = lang;
  for (const l of listeners) l();
};

export const onLangChange = (l: () => void): (() => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
