// The merchant portal: login for people signed out; for a merchant user, the screens their role may use.
import { render } from 'preact';
import '../shared/styles.css';
import './merchant.css';
import { localeStore } from '../shared/i18n.js';
import { useRoute } from '../shared/router.js';
import { useStore } from '../shared/store.js';
import { Notice } from '../shared/ui.js';
import { Dashboard } from './dashboard.js';
import { Developers } from './developers.js';
import { Layout, SCREENS } from './layout.js';
import { Login } from './login.js';
import { PaymentRequests } from './payment-requests.js';
import { allows, tokenStore, useMe } from './session.js';
import { Settlement } from './settlement.js';
import { Team } from './team.js';
import { useT } from './texts.js';
import { Tills } from './tills.js';
import { Transactions } from './transactions.js';
import type { Me } from './types.js';

const COMPONENTS: Record<string, (props: { me: Me }) => preact.JSX.Element> = {
  '/': Dashboard,
  '/transactions': Transactions,
  '/tills': Tills,
  '/requests': PaymentRequests,
  '/developers': Developers,
  '/team': Team,
  '/settlement': Settlement,
};

function SignedIn() {
  const t = useT();
  const me = useMe();
  const { path } = useRoute();
  if (!me.data)
    return <main class="page">{me.error ? <Notice error={me.error} /> : <p>{t('loading')}</p>}</main>;
  const role = me.data.user?.role;
  const open = SCREENS.filter((screen) => allows(role, screen.least));
  const screen = open.find((candidate) => candidate.path === path) ?? open[0];
  const Screen = screen ? COMPONENTS[screen.path] : undefined;
  return <Layout me={me.data}>{Screen && <Screen me={me.data} />}</Layout>;
}

function App() {
  const token = useStore(tokenStore);
  return token ? <SignedIn key={token} /> : <Login />;
}

document.documentElement.lang = localeStore.get();
const root = document.getElementById('app');
if (root) render(<App />, root);
