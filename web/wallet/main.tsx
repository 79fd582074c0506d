// The customer wallet (PWA): routes between the screens; signed-out visitors see welcome, login and registration.
import { render } from 'preact';
import '../shared/styles.css';
import { localeStore } from '../shared/i18n.js';
import { useRoute } from '../shared/router.js';
import { useStore } from '../shared/store.js';
import { Account } from './account.js';
import { CashOut } from './cash-out.js';
import { History } from './history.js';
import { Home } from './home.js';
import { Pay } from './pay.js';
import { PayCode } from './pay-code.js';
import { Requests } from './requests.js';
import { Send } from './send.js';
import { tokenStore } from './session.js';
import { Settings } from './settings.js';
import { Login, Register, Welcome } from './sign-in.js';

const SIGNED_IN_SCREENS: Record<string, () => preact.JSX.Element> = {
  '/': Home,
  '/send': Send,
  '/pay': Pay,
  '/pay-code': PayCode,
  '/requests': Requests,
  '/history': History,
  '/settings': Settings,
  '/account': Account,
  '/cash-out': CashOut,
};

function App() {
  const token = useStore(tokenStore);
  const { path } = useRoute();
  if (!token) {
    if (path === '/register') return <Register />;
    if (path === '/login') return <Login />;
    return <Welcome />;
  }
  const Screen = SIGNED_IN_SCREENS[path] ?? Home;
  return <Screen />;
}

document.documentElement.lang = localeStore.get();
const root = document.getElementById('app');
if (root) render(<App />, root);
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('./sw.js');
