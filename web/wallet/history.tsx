// History: entries of a month filtered by type, page by page, with the month's spending by category as a chart.
import { useMemo, useState } from 'preact/hooks';
import { BarChart } from '../shared/bar-chart.js';
import { formatMoney, sumAmounts } from '../shared/format.js';
import { useAction, useLoad } from '../shared/hooks.js';
import { navigate } from '../shared/router.js';
import { Button, Field, Notice, Page, Select } from '../shared/ui.js';
import { EntryList } from './entry-list.js';
import { api } from './session.js';
import { TabBar } from './tab-bar.js';
import { useT } from './texts.js';
import { ENTRY_TYPES, type HistoryEntry, type HistoryPage } from './types.js';

/** Pages read for one month's chart at most (100 entries each). */
const CHART_PAGES = 20;

function monthBounds(month: string): { from: string; to: string } {
  const [year = 1970, index = 1] = month.split('-').map(Number);
  return { from: new Date(year, index - 1, 1).toISOString(), to: new Date(year, index, 1).toISOString() };
}

function thisMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

function historyPath(filter: { from: string; to: string; type: string }, limit: number, before?: string) {
  const query = new URLSearchParams({ limit: String(limit), from: filter.from, to: filter.to });
  if (filter.type) query.set('type', filter.type);
  if (before) query.set('before', before);
  return `/api/v1/wallet/history?${query}`;
}

export function History() {
  const t = useT();
  const [month, setMonth] = useState(thisMonth());
  const [type, setType] = useState('');
  const filter = useMemo(() => ({ ...monthBounds(month), type }), [month, type]);
  const [extra, setExtra] = useState<{ entries: HistoryEntry[]; next: string | null } | undefined>(undefined);
  const first = useLoad(async () => {
    setExtra(undefined);
    return api.get<HistoryPage>(historyPath(filter, 20));
  }, [filter]);
  const entries = [...(first.data?.entries ?? []), ...(extra?.entries ?? [])];
  const next = extra ? extra.next : (first.data?.next ?? null);
  const more = useAction(async () => {
    if (!next) return;
    const page = await api.get<HistoryPage>(historyPath(filter, 20, next));
    setExtra({ entries: [...(extra?.entries ?? []), ...page.entries], next: page.next });
  });
  const exportCsv = useAction(async () => {
    const query = new URLSearchParams({ from: filter.from, to: filter.to });
    if (type) query.set('type', type);
    const blob = await api.download(`/api/v1/wallet/history.csv?${query}`);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `mwallet-${month}.csv`;
    link.click();
    URL.revokeObjectURL(link.href);
  });
  return (
    <Page title={t('history')} back={() => navigate('/')} backLabel={t('back')}>
      <SpendingChart month={month} />
      <section class="card">
        <div class="row">
          <Field
            label={t('month')}
            type="month"
            value={month}
            onValue={(value) => value && setMonth(value)}
          />
          <Select
            label={t('filterType')}
            value={type}
            onValue={setType}
            options={[
              ['', t('allTypes')],
              ...ENTRY_TYPES.map((each): [string, string] => [each, t(`type_${each}`)]),
            ]}
          />
        </div>
        <Notice error={first.error ?? more.error ?? exportCsv.error} />
        <EntryList entries={entries} />
        <div class="row">
          {next && (
            <Button kind="secondary" busy={more.busy} onClick={() => void more.run()}>
              {t('more')}
            </Button>
          )}
          <Button kind="secondary" busy={exportCsv.busy} onClick={() => void exportCsv.run()}>
            {t('exportCsv')}
          </Button>
        </div>
      </section>
      <TabBar />
    </Page>
  );
}

/** Money that left the wallet in the month, summed exactly per entry type. */
function SpendingChart(props: { month: string }) {
  const t = useT();
  const loaded = useLoad(async () => {
    const bounds = { ...monthBounds(props.month), type: '' };
    const outgoing: HistoryEntry[] = [];
    let before: string | undefined;
    for (let page = 0; page < CHART_PAGES; page++) {
      const result = await api.get<HistoryPage>(historyPath(bounds, 100, before));
      outgoing.push(...result.entries.filter((entry) => entry.amount.startsWith('-')));
      if (!result.next) break;
      before = result.next;
    }
    const currency = outgoing[0]?.currency ?? 'CNY';
    const byType = ENTRY_TYPES.map((type) => ({
      type,
      total: sumAmounts(
        outgoing.filter((entry) => entry.type === type).map((entry) => entry.amount.slice(1)),
      ),
    })).filter((each) => each.total !== '0' && !/^0\.0+$/.test(each.total));
    return { currency, byType };
  }, [props.month]);
  const data = loaded.data;
  const series = useMemo(
    () => ({
      labels: data?.byType.map((each) => t(`type_${each.type}`)) ?? [],
      values: data?.byType.map((each) => Number(each.total)) ?? [],
    }),
    [data, t],
  );
  return (
    <section class="card">
      <Notice error={loaded.error} />
      {data && data.byType.length === 0 && <p class="muted">{t('noSpending')}</p>}
      {data && data.byType.length > 0 && (
        <BarChart
          title={t('spendingByCategory', { month: props.month })}
          series={series}
          valueLabel={(value) => formatMoney(value.toFixed(2), data.currency)}
        />
      )}
    </section>
  );
}
