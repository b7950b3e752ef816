import { useState } from 'preact/hooks';
import { api } from './api.js';
import { t } from './i18n.js';
import type { Me } from './main.js';
import { Banner, errorNotice, Field, type Notice } from './ui.js';

export const LoginPage = ({ onLogin }: { onLogin: (me: Me) => void }) => {
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [notice, setNotice] = useState<Notice>();
  const submit = async (e: Event) => {
    e.preventDefault();
    const r = await api<Me>('POST', '/login', { user, password });
    if (r.ok) onLogin(r.data);
    else setNotice(errorNotice(r.error));
  };
  return (
    <main class="login">
      <form onSubmit={submit} class="card">
        <h2>{t('login')}</h2>
        <Banner notice={notice} />
        <Field label={t('user')}>
          <input
            name="user"
            autocomplete="username"
            value={user}
            onInput={(e) => setUser(e.currentTarget.value)}
            required
          />
        </Field>
        <Field label={t('password')}>
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            required
          />
        </Field>
        <button type="submit" class="primary">
          {t('login')}
        </button>
      </form>
    </main>
  );
};
