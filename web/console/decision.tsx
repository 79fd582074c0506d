// Approve or reject with a note: the decision controls of the review queues (KYC applications, reversal requests).
import { useState } from 'preact/hooks';
import { type Loaded, useAction } from '../shared/hooks.js';
import { Button, Field, Notice } from '../shared/ui.js';
import { api } from './session.js';
import { useT } from './texts.js';

/** `path` is the item's URL (`/kyc/<id>`); the decision is posted to `<path>/approve` or `<path>/reject`. */
export function Decision(props: { path: string; loaded: Loaded<unknown>; canApprove: boolean }) {
  const t = useT();
  const [note, setNote] = useState('');
  const decide = useAction(async (decision: 'approve' | 'reject') => {
    await api.post(`${props.path}/${decision}`, note.trim() ? { note } : {});
    props.loaded.reload();
  });
  return (
    <>
      <Field label={t('note')} value={note} onValue={setNote} maxLength={200} />
      <Notice error={decide.error} />
      <div class="row">
        {props.canApprove && (
          <Button busy={decide.busy} onClick={() => void decide.run('approve')}>
            {t('approve')}
          </Button>
        )}
        <Button kind="danger" busy={decide.busy} onClick={() => void decide.run('reject')}>
          {t('reject')}
        </Button>
      </div>
    </>
  );
}
