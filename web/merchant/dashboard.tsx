// Dashboard: today's and this month's sales, refunds and success rate, and a chart by hour or by day.
import { useMemo, useState } from 'preact/hooks';
import { BarChart } from '../shared/bar-chart.js';
import { formatMoney } from '../shared/format.js';
import { useLoad } from '../shared/hooks.js';
import { useLocale } from '../shared/i18n.js';
import { Notice } from '../shared/ui.js';
import { api, path } from './session.js';
import { useT } from './texts.js';
import type { Dashboard as DashboardData, PeriodSales } from './types.js';

function Period(props: { title: string; sales: PeriodSales; currency: string; testId: string }) {
  const t = useT();
  const { sales } = props;
  const rate = sales.successRate === null ? t('noData') : `${(sales.successRate * 100).toFixed(1)}%`;
  return (
    <section class="card" data-testid={props.testId}>
      <h2>{props.title}</h2>
      <dl class="summary">
        <dt>{t('sales')}</dt>
        <dd>{formatMoney(sales.amount, props.currency)}</dd>
        <dt>{t('payments')}</dt>
        <dd>{sales.payments}</dd>
        <dt>{t('refunds')}</dt>
        <dd>{`${formatMoney(sales.refunds, props.currency)} (${sales.refundCount})`}</dd>
        <dt>{t('successRate')}</dt>
        <dd>{rate}</dd>
      </dl>
    </section>
  );
}

export function Dashboard() {
  const t = useT();
  const locale = useLocale();
  const [scale, setScale] = useState<'hour' | 'day'>('hour');
  const board = useLoad(() => api.get<DashboardData>(path('/dashboard')), []);
  const data = board.data;
  const series = useMemo(() => {
    if (!data) return { labels: [], values: [] };
    const points = scale === 'hour' ? data.hours : data.days;
    const label = (start: string) =>
      new Date(start).toLocaleString(locale, {
        timeZone: data.timeZone,
        ...(scale === 'hour' ? { hour: '2-digit', minute: '2-digit' } : { month: 'numeric', day: 'numeric' }),
      });
    return {
      labels: points.map((point) => label(point.start)),
      values: points.map((point) => Number(point.amount)),
    };
  }, [data, scale, locale]);
  const valueLabel = useMemo(
    () => (value: number) => formatMoney(value.toFixed(2), data?.currency ?? 'CNY'),
    [data?.currency],
  );
  if (!data) return <Notice error={board.error} />;
  return (
    <>
      <div class="stats">
        <Period title={t('today')} sales={data.today} currency={data.currency} testId="today" />
        <Period title={t('thisMonth')} sales={data.month} currency={data.currency} testId="month" />
      </div>
      <section class="card">
        <div class="row">
          {(['hour', 'day'] as const).map((option) => (
            <button
              key={option}
              type="button"
              class={option === scale ? 'chip active' : 'chip'}
              aria-pressed={option === scale}
              onClick={() => setScale(option)}
            >
              {t(option === 'hour' ? 'byHour' : 'byDay')}
            </button>
          ))}
        </div>
        <BarChart
          title={t(scale === 'hour' ? 'salesByHour' : 'salesByDay')}
          series={series}
          valueLabel={valueLabel}
        />
      </section>
    </>
  );
}
