// The frame of every signed-in screen: who is logged in, the menu of the screens the role may use, language, logout.
import type { ComponentChildren } from 'preact';
import { useRoute } from '../shared/router.js';
import { LanguageSwitch } from '../shared/ui.js';
import { allows, api, path, signOut } from './session.js';
import { type TextKey, useT } from './texts.js';
import type { Me, Role } from './types.js';

/** The screens, each with the least role that may open it (as the API's role checks say). */
export const SCREENS: { path: string; label: TextKey; least: Role }[] = [
  { path: '/', label: 'dashboard', least: 'manager' },
  { path: '/transactions', label: 'transactions', least: 'cashier' },
  { path: '/tills', label: 'tills', least: 'cashier' },
  { path: '/requests', label: 'requests', least: 'cashier' },
  { path: '/developers', label: 'developers', least: 'manager' },
  { path: '/team', label: 'team', least: 'owner' },
  { path: '/settlement', label: 'settlement', least: 'owner' },
];

async function logOut() {
  await api.delete(path('/session')).catch(() => undefined);
  signOut();
}

export function Layout(props: { me: Me; children: ComponentChildren }) {
  const t = useT();
  const { path: current } = useRoute();
  const { me } = props;
  const role = me.user?.role;
  const open = SCREENS.filter((screen) => allows(role, screen.least));
  const active = open.find((screen) => screen.path === current) ?? open[0];
  return (
    <div class="portal">
      <header class="app-header portal-header">
        <strong>{t('appName')}</strong>
        <span class="muted" data-testid="signed-in-as">
          {t('signedInAs', {
            name: me.user?.name ?? '',
            role: role ? t(`role_${role}`) : '',
            merchant: me.name,
          })}
        </span>
        <LanguageSwitch />
        <button type="button" class="button secondary" onClick={() => void logOut()}>
          {t('logout')}
        </button>
      </header>
      <nav class="app-nav portal-nav" aria-label={t('menu')}>
        {open.map((screen) => (
          <a key={screen.path} href={`#${screen.path}`} aria-current={screen === active ? 'page' : undefined}>
            {t(screen.label)}
          </a>
        ))}
      </nav>
      <main class="page wide">
        {active && <h1>{t(active.label)}</h1>}
        {props.children}
      </main>
    </div>
  );
}
