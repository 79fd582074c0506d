// The operator console: staff sign in with a TOTP code, then work in the sections their roles allow.
import { render } from 'preact';
import '../shared/styles.css';
import './console.css';
import { useLoad } from '../shared/hooks.js';
import { localeStore } from '../shared/i18n.js';
import { useRoute } from '../shared/router.js';
import { useStore } from '../shared/store.js';
import { Notice } from '../shared/ui.js';
import { AuditLog } from './audit.js';
import { CustomerView } from './customer-360.js';
import { CustomerSearch } from './customers.js';
import { DashboardView } from './dashboard.js';
import { KycQueue } from './kyc.js';
import { Layout, Welcome } from './layout.js';
import { Merchants } from './merchants.js';
import { FirstPassword } from './password.js';
import { Reversals } from './reversals.js';
import { api, meStore, tokenStore } from './session.js';
import { SignIn } from './sign-in.js';
import { StaffList } from './staff-list.js';
import type { Me } from './types.js';

const SCREENS: Record<string, () => preact.JSX.Element> = {
  '/': Welcome,
  '/customers': CustomerSearch,
  '/customer': CustomerView,
  '/kyc': KycQueue,
  '/merchants': Merchants,
  '/reversals': Reversals,
  '/audit': AuditLog,
  '/dashboard': DashboardView,
  '/staff': StaffList,
};

/** After a reload the token is still in this tab: who it belongs to is asked again. */
function Restore() {
  const loaded = useLoad(async () => meStore.set(await api.get<Me>('/me')), []);
  return <Notice error={loaded.error} />;
}

function App() {
  const token = useStore(tokenStore);
  const me = useStore(meStore);
  const { path } = useRoute();
  if (!token) return <SignIn />;
  if (!me) return <Restore />;
  if (me.passwordChangeRequired) {
    return <FirstPassword onChanged={() => meStore.set({ ...me, passwordChangeRequired: false })} />;
  }
  const Screen = SCREENS[path] ?? Welcome;
  return (
    <Layout me={me}>
      <Screen />
    </Layout>
  );
}

document.documentElement.lang = localeStore.get();
const root = document.getElementById('app');
if (root) render(<App />, root);
