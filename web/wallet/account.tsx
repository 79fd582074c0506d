// My account: the class (KYC tier), each limit with what is used of it, and the application for a higher class.
import { useState } from 'preact/hooks';
import { ApiError } from '../shared/api.js';
import { formatTime } from '../shared/format.js';
import { useAction, useLoad } from '../shared/hooks.js';
import { useLocale } from '../shared/i18n.js';
import { navigate } from '../shared/router.js';
import { submitWith } from '../shared/submit.js';
import { Button, Field, Money, Notice, Page, Select } from '../shared/ui.js';
import { api } from './session.js';
import { useT } from './texts.js';
import type { Me, Tier } from './types.js';

interface Limit {
  limit: string;
  used: string;
}

interface MeWithLimits extends Me {
  limits: {
    currency: string;
    perTransaction: string;
    perDay: Limit;
    perMonth: Limit;
    perYear: Limit;
    lifetime: Limit | null;
    balanceCap: string;
  };
}

interface KycApplication {
  requestedTier: Tier;
  status: 'pending' | 'approved' | 'rejected';
  submittedAt: string;
  decisionNote: string | null;
}

/** The latest application, or null when the customer never applied (404). */
async function latestApplication(): Promise<KycApplication | null> {
  try {
    return await api.get<KycApplication>('/api/v1/me/kyc');
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function Account() {
  const t = useT();
  const me = useLoad(() => api.get<MeWithLimits>('/api/v1/me'), []);
  const application = useLoad(latestApplication, []);
  const limits = me.data?.limits;
  return (
    <Page title={t('account')} back={() => navigate('/settings')} backLabel={t('back')}>
      <Notice error={me.error ?? application.error} />
      {me.data && limits && (
        <section class="card">
          <h2>{t('tier', { tier: t(`tier_${me.data.tier}`) })}</h2>
          <dl class="summary" data-testid="limits">
            <dt>{t('perTransaction')}</dt>
            <dd>
              <Money amount={limits.perTransaction} currency={limits.currency} />
            </dd>
            {(
              [
                ['perDay', limits.perDay],
                ['perMonth', limits.perMonth],
                ['perYear', limits.perYear],
                ['lifetime', limits.lifetime],
              ] as const
            ).map(
              ([key, limit]) =>
                limit && (
                  <>
                    <dt>{t(key)}</dt>
                    <dd>
                      <Money amount={limit.used} currency={limits.currency} /> /{' '}
                      <Money amount={limit.limit} currency={limits.currency} />
                    </dd>
                  </>
                ),
            )}
            <dt>{t('balanceCap')}</dt>
            <dd>
              <Money amount={limits.balanceCap} currency={limits.currency} />
            </dd>
          </dl>
        </section>
      )}
      {application.data && <ApplicationState application={application.data} />}
      {me.data && me.data.tier !== 'class_3' && application.data?.status !== 'pending' && (
        <UpgradeForm current={me.data.tier} onSent={application.reload} />
      )}
    </Page>
  );
}

function ApplicationState(props: { application: KycApplication }) {
  const t = useT();
  const locale = useLocale();
  const { application } = props;
  return (
    <section class="card" data-testid="kyc-application">
      <h2>{t('kycApplication')}</h2>
      <p>
        {t(`tier_${application.requestedTier}`)} · {t(`kyc_${application.status}`)} ·{' '}
        {formatTime(application.submittedAt, locale)}
      </p>
      {application.decisionNote && <p class="muted">{application.decisionNote}</p>}
    </section>
  );
}

function UpgradeForm(props: { current: Tier; onSent: () => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [idType, setIdType] = useState('resident_id');
  const [idNumber, setIdNumber] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [tier, setTier] = useState<string>(props.current === 'class_2' ? 'class_3' : 'class_2');
  const send = useAction(async () => {
    await api.post('/api/v1/me/kyc', { name, idType, idNumber, birthDate, tier });
    props.onSent();
  });
  const tiers = (['class_2', 'class_3'] as const).filter((each) => each > props.current);
  return (
    <form class="card" onSubmit={submitWith(() => send.run())}>
      <h2>{t('upgrade')}</h2>
      <p class="muted">{t('upgradeExplain')}</p>
      <Select
        label={t('requestedTier')}
        value={tier}
        onValue={setTier}
        options={tiers.map((each): [string, string] => [each, t(`tier_${each}`)])}
      />
      <Field label={t('fullName')} value={name} onValue={setName} autoComplete="name" />
      <Select
        label={t('idType')}
        value={idType}
        onValue={setIdType}
        options={[
          ['resident_id', t('idType_resident_id')],
          ['passport', t('idType_passport')],
        ]}
      />
      <Field label={t('idNumber')} value={idNumber} onValue={setIdNumber} autoComplete="off" />
      <Field
        label={t('birthDate')}
        type="date"
        value={birthDate}
        onValue={setBirthDate}
        autoComplete="bday"
      />
      <Notice error={send.error} />
      <Button type="submit" busy={send.busy}>
        {t('apply')}
      </Button>
    </form>
  );
}
