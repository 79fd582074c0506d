// The KYC review queue: pending applications, oldest first, each approved or rejected with a note.
import { formatTime } from '../shared/format.js';
import { type Loaded, useLoad } from '../shared/hooks.js';
import { useLocale } from '../shared/i18n.js';
import { Notice } from '../shared/ui.js';
import { Decision } from './decision.js';
import { api } from './session.js';
import { useT } from './texts.js';
import type { KycApplication } from './types.js';

export function KycQueue() {
  const t = useT();
  const loaded = useLoad(() => api.get<{ applications: KycApplication[] }>('/kyc?status=pending'), []);
  const applications = loaded.data?.applications;
  return (
    <section>
      <h1>{t('kyc')}</h1>
      <Notice error={loaded.error} />
      {applications?.length === 0 && <p class="muted">{t('emptyQueue')}</p>}
      {applications?.map((application) => (
        <Review key={application.id} application={application} loaded={loaded} />
      ))}
    </section>
  );
}

function Review(props: { application: KycApplication; loaded: Loaded<unknown> }) {
  const t = useT();
  const locale = useLocale();
  const { application } = props;
  return (
    <article class="card" aria-label={`${t('applicant')}: ${application.name}`}>
      <dl class="summary">
        <dt>{t('applicant')}</dt>
        <dd>
          <a href={`#/customer?id=${encodeURIComponent(application.customerId)}`}>{application.name}</a>
        </dd>
        <dt>{t('idDocument')}</dt>
        <dd>
          {application.idType} …{application.idNumberLast4}
        </dd>
        <dt>{t('requestedTier')}</dt>
        <dd>{application.requestedTier}</dd>
        <dt>{t('submitted')}</dt>
        <dd>{formatTime(application.submittedAt, locale)}</dd>
      </dl>
      <Decision path={`/kyc/${encodeURIComponent(application.id)}`} loaded={props.loaded} canApprove />
    </article>
  );
}
