// The bottom navigation of the signed-in wallet: home, history, settings.
import { useRoute } from '../shared/router.js';
import { useT } from './texts.js';

export function TabBar() {
  const t = useT();
  const { path } = useRoute();
  const tabs: [string, string][] = [
    ['/', t('home')],
    ['/history', t('history')],
    ['/settings', t('settings')],
  ];
  return (
    <nav class="tabbar" aria-label={t('appName')}>
      {tabs.map(([href, label]) => (
        <a key={href} href={`#${href}`} aria-current={path === href ? 'page' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}
