// Home: balance, shortcuts, waiting payment requests and the latest entries.
import { useLoad } from '../shared/hooks.js';
import { useLocale } from '../shared/i18n.js';
import { LanguageSwitch, Money, Notice } from '../shared/ui.js';
import { EntryList } from './entry-list.js';
import { Icon } from './icons.js';
import { api } from './session.js';
import { TabBar } from './tab-bar.js';
import { useT } from './texts.js';
import type { HistoryPage, Me, PaymentRequest, Wallet } from './types.js';

export function Home() {
  const t = useT();
  const locale = useLocale();
  const loaded = useLoad(async () => {
    const [me, wallet, history, requests] = await Promise.all([
      api.get<Me>('/api/v1/me'),
      api.get<Wallet>('/api/v1/wallet'),
      api.get<HistoryPage>('/api/v1/wallet/history?limit=5'),
      api.get<PaymentRequest[]>('/api/v1/payment-requests'),
    ]);
    return { me, wallet, history, requests };
  }, [locale]);
  const data = loaded.data;
  return (
    <main class="page">
      <h1 class="visually-hidden">{t('appName')}</h1>
      <LanguageSwitch />
      <Notice error={loaded.error} />
      {data && (
        <>
          <section class="card" aria-labelledby="balance-label">
            <div class="spread">
              <span id="balance-label" class="muted">
                {t('balance')}
              </span>
              <span class="muted">{data.me.phone}</span>
            </div>
            <p class="balance" data-testid="balance">
              <Money amount={data.wallet.balance} currency={data.wallet.currency} />
            </p>
            {data.me.locked && (
              <p class="notice error" role="status">
                {t('locked')}
              </p>
            )}
          </section>
          <nav class="actions" aria-label={t('home')}>
            <a class="action" href="#/pay">
              <Icon name="scan" />
              {t('scanPay')}
            </a>
            <a class="action" href="#/send">
              <Icon name="send" />
              {t('send')}
            </a>
            <a class="action" href="#/pay-code">
              <Icon name="code" />
              {t('payCode')}
            </a>
            <a class="action" href="#/requests">
              <Icon name="inbox" />
              {t('requests')}
            </a>
            <a class="action" href="#/cash-out">
              <Icon name="cash" />
              {t('cashOut')}
            </a>
          </nav>
          {data.requests.length > 0 && (
            <a class="notice success" href="#/requests">
              {t('pendingRequests', { count: data.requests.length })}
            </a>
          )}
          <section class="card">
            <div class="spread">
              <h2>{t('recent')}</h2>
              <a href="#/history">{t('seeAll')}</a>
            </div>
            <EntryList entries={data.history.entries} />
          </section>
        </>
      )}
      <TabBar />
    </main>
  );
}
