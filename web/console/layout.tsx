// The signed-in frame: who is signed in, the sections their permissions open, the language switch and log-out.
import type { ComponentChildren } from 'preact';
import { useRoute } from '../shared/router.js';
import { useStore } from '../shared/store.js';
import { LanguageSwitch } from '../shared/ui.js';
import { ChangePassword } from './password.js';
import { api, meStore, signOut } from './session.js';
import { type TextKey, useT } from './texts.js';
import type { Me, Permission } from './types.js';

const SECTIONS: [path: string, label: TextKey, needs: Permission][] = [
  ['/customers', 'customers', 'customers.search'],
  ['/kyc', 'kyc', 'kyc.review'],
  ['/merchants', 'merchants', 'merchants.review'],
  ['/reversals', 'reversals', 'reversals.request'],
  ['/audit', 'audit', 'audit.view'],
  ['/dashboard', 'dashboard', 'dashboard.view'],
  ['/staff', 'staff', 'staff.list'],
];

export function Layout(props: { me: Me; children: ComponentChildren }) {
  const t = useT();
  const { path } = useRoute();
  const logOut = async () => {
    await api.delete('/session').catch(() => undefined);
    signOut();
  };
  return (
    <div class="console">
      <header class="app-header console-header">
        <a class="brand" href="#/">
          {t('appName')}
        </a>
        <span class="muted" data-testid="signed-in">
          {t('signedInAs', { name: props.me.displayName, roles: props.me.roles.join(', ') })}
        </span>
        <LanguageSwitch />
        <button type="button" class="button secondary" onClick={() => void logOut()}>
          {t('logOut')}
        </button>
      </header>
      <nav class="app-nav console-nav" aria-label={t('sections')}>
        {SECTIONS.filter(([, , needs]) => props.me.permissions.includes(needs)).map(([href, label]) => (
          <a key={href} href={`#${href}`} aria-current={path === href ? 'page' : undefined}>
            {t(label)}
          </a>
        ))}
      </nav>
      <main class="console-main">{props.children}</main>
    </div>
  );
}

export function Welcome() {
  const t = useT();
  const me = useStore(meStore);
  return (
    <>
      <section class="card">
        <h1>{t('appName')}</h1>
        <p>{t('welcome', { name: me?.displayName ?? '' })}</p>
      </section>
      <ChangePassword />
    </>
  );
}
