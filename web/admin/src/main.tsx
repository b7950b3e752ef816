import './style.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import { AuditPage } from './audit.js';
import { CertificatePage } from './certificate.js';
import { type MessageKey, t, tk } from './i18n.js';
import { onLangChange, setLang, signalLang } from './lang.js';
import { LoginPage } from './login.js';
import { MaintenancePage } from './maintenance.js';
import { RegistrationsPage } from './registrations.js';
import { ResidentsPage } from './residents.js';
import { StatsPage } from './stats.js';
import { VoidPage } from './void.js';

// The console's shell: who is logged in, the menu their role allows, hash routes.

export interface Me {
  user: string;
  displayName: string;
  role: string;
  actions: string[];
}

const PAGES: { hash: string; label: MessageKey; action: string }[] = [
  { hash: 'residents', label: 'navResidents', action: 'resident.search' },
  { hash: 'registrations', label: 'navRegistrations', action: 'registration.view' },
  { hash: 'maintenance', label: 'navMaintenance', action: 'maintenance.view' },
  { hash: 'stats', label: 'navStats', action: 'stats.view' },
  { hash: 'certificate', label: 'navCertificate', action: 'certificate.lookup' },
  { hash: 'void', label: 'navVoid', action: 'certificate.void' },
  { hash: 'audit', label: 'navAudit', action: 'audit.view' },
];

const currentHash = () => window.location.hash.replace(/^#\/?/, '') || 'residents';

const App = () => {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [hash, setHash] = useState(currentHash());
  const [, redraw] = useState(0);
  useEffect(() => {
    void api<Me>('GET', '/me').then((r) => setMe(r.ok ? r.data : null));
    const onHash = () => setHash(currentHash());
    const onOut = () => setMe(null);
    window.addEventListener('hashchange', onHash);
    window.addEventListener('kofu-admin-logged-out', onOut);
    const off = onLangChange(() => redraw((n) => n + 1));
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('kofu-admin-logged-out', onOut);
      off();
    };
  }, []);
  if (me === undefined) return null;
  const header = (
    <header>
      <h1>{t('appTitle')}</h1>
      <div class="who">
        {me && (
          <span data-testid="who">
            {me.displayName}（{tk('role_', me.role)}）
          </span>
        )}
        <button type="button" class="link" onClick={() => setLang(signalLang.value === 'ja' ? 'en' : 'ja')}>
          {t('language')}
        </button>
        {me && (
          <button type="button" onClick={() => void api('POST', '/logout').then(() => setMe(null))}>
            {t('logout')}
          </button>
        )}
      </div>
    </header>
  );
  if (!me)
    return (
      <>
        {header}
        <LoginPage onLogin={setMe} />
      </>
    );
  const allowed = PAGES.filter((p) => me.actions.includes(p.action));
  const page = hash.split('/')[0];
  const active = allowed.find((p) => p.hash === page) ?? allowed[0];
  return (
    <>
      {header}
      <nav>
        {allowed.map((p) => (
          <a key={p.hash} href={`#/${p.hash}`} class={p === active ? 'active' : ''}>
            {t(p.label)}
          </a>
        ))}
      </nav>
      <main>
        {active?.hash === 'residents' && <ResidentsPage me={me} path={hash.split('/').slice(1)} />}
        {active?.hash === 'registrations' && <RegistrationsPage me={me} />}
        {active?.hash === 'maintenance' && <MaintenancePage me={me} />}
        {active?.hash === 'stats' && <StatsPage />}
        {active?.hash === 'certificate' && <CertificatePage />}
        {active?.hash === 'void' && <VoidPage />}
        {active?.hash === 'audit' && <AuditPage />}
      </main>
    </>
  );
};

document.documentElement.lang = signalLang.value;
render(<App />, document.getElementById('app')!);
