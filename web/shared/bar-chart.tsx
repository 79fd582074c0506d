// A bar chart (Chart.js, only the parts a bar chart needs), with a table fallback for screen readers.
import type { Chart } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

/** Chart.js is loaded when the first chart is drawn, so screens without one do not download it. */
async function loadChart(): Promise<typeof Chart> {
  const chartJs = await import('chart.js');
  chartJs.Chart.register(
    chartJs.BarController,
    chartJs.BarElement,
    chartJs.CategoryScale,
    chartJs.LinearScale,
    chartJs.Tooltip,
  );
  return chartJs.Chart;
}

export interface BarSeries {
  labels: string[];
  values: number[];
}

export function BarChart(props: { title: string; series: BarSeries; valueLabel: (value: number) => string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: Chart<'bar'> | undefined;
    let cancelled = false;
    void loadChart().then((ChartClass) => {
      if (cancelled || !canvas.current) return;
      chart = new ChartClass(canvas.current, {
        type: 'bar',
        data: {
          labels: props.series.labels,
          datasets: [
            { label: props.title, data: props.series.values, backgroundColor: '#1a73e8', borderRadius: 4 },
          ],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { tooltip: { callbacks: { label: (item) => props.valueLabel(Number(item.raw)) } } },
          scales: {
            y: { beginAtZero: true, ticks: { callback: (value) => props.valueLabel(Number(value)) } },
          },
        },
      });
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [props.series, props.title, props.valueLabel]);
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <div class="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={props.title} />
      </div>
      <table class="visually-hidden">
        <tbody>
          {props.series.labels.map((label, index) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{props.valueLabel(props.series.values[index] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
