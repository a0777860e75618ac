import { BarChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import { STATUS_COLORS, STATUS_LABELS, STATUSES, type ReportCell, type ReportResult } from './reports-api';

export interface ChartSeries {
  name: string;
  label: string;
  color: string;
}

export interface ChartData {
  data: Record<string, string | number>[];
  series: ChartSeries[];
  stacked: boolean;
  /** What the bars count, said in words beside the chart. */
  unit: string;
}

const num = (value: ReportCell | undefined): number => (typeof value === 'number' ? value : 0);
const statusSeries: ChartSeries[] = STATUSES.map((status) => ({ name: status, label: STATUS_LABELS[status] ?? status, color: STATUS_COLORS[status] ?? 'gray.7' }));

/** Adds up rows into bars keyed by `label`, one number per series. */
function tally(rows: ReportResult['rows'], label: (row: ReportResult['rows'][number]) => string, add: (bar: Record<string, number>, row: ReportResult['rows'][number]) => void) {
  const bars = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const key = label(row);
    const bar = bars.get(key) ?? {};
    add(bar, row);
    bars.set(key, bar);
  }
  return [...bars.entries()].map(([key, bar]) => ({ label: key, ...bar }));
}

/** Which figures of each report type a chart draws (the table below it has them all). */
export function chartOf(result: ReportResult): ChartData | null {
  const cycles = new Set(result.rows.map((row) => row.cycle));
  const withCycle = (row: ReportResult['rows'][number], text: string) => (cycles.size > 1 ? `${String(row.cycle)} ${text}` : text);
  switch (result.type) {
    case 'cycle-completion':
      return {
        data: result.rows.map((row) => ({ label: withCycle(row, String(row.certification)), ...Object.fromEntries(STATUSES.map((s) => [s, num(row[s])])) })),
        series: statusSeries,
        stacked: true,
        unit: 'certifications by status',
      };
    case 'status-as-of':
      return {
        data: tally(
          result.rows,
          (row) => withCycle(row, String(row.certification)),
          (bar, row) => {
            const status = String(row.status);
            bar[status] = (bar[status] ?? 0) + 1;
          },
        ),
        series: statusSeries,
        stacked: true,
        unit: 'certifications by status',
      };
    case 'ceus-by-category':
      return {
        data: result.rows
          .filter((row) => row.dimension === 'category')
          .map((row) => ({ label: withCycle(row, `${String(row.certification)} ${String(row.value)}`), reportedCeus: num(row.reportedCeus), appliedCeus: num(row.appliedCeus) })),
        series: [
          { name: 'reportedCeus', label: 'Reported CEUs', color: 'blue.8' },
          { name: 'appliedCeus', label: 'Applied CEUs', color: 'green.8' },
        ],
        stacked: false,
        unit: 'CEUs per certification and category',
      };
    case 'audit-outcomes':
      return {
        data: result.rows.map((row) => ({ label: String(row.cycle), open: num(row.open), passed: num(row.passed), failed: num(row.failed) })),
        series: [
          { name: 'open', label: 'Open', color: 'blue.8' },
          { name: 'passed', label: 'Passed', color: 'green.8' },
          { name: 'failed', label: 'Failed', color: 'red.8' },
        ],
        stacked: true,
        unit: 'audits by outcome per cycle',
      };
    case 'appeals':
      return {
        data: tally(
          result.rows,
          (row) => withCycle(row, String(row.grounds)),
          (bar, row) => {
            const decision = String(row.decision);
            bar[decision] = (bar[decision] ?? 0) + num(row.appeals);
          },
        ),
        series: [
          { name: 'pending', label: 'Pending', color: 'blue.8' },
          { name: 'granted', label: 'Granted', color: 'green.8' },
          { name: 'denied', label: 'Denied', color: 'red.8' },
        ],
        stacked: true,
        unit: 'appeals by grounds and decision',
      };
    case 'program-statistics':
      return {
        data: result.rows.map((row) => ({
          label: String(row.cycle),
          certificationsCompleted: num(row.certificationsCompleted),
          completedLate: num(row.completedLate),
          expired: num(row.expired),
          auditsSelected: num(row.auditsSelected),
          appealsFiled: num(row.appealsFiled),
        })),
        series: [
          { name: 'certificationsCompleted', label: 'Completed', color: 'green.8' },
          { name: 'completedLate', label: 'Completed late', color: 'lime.9' },
          { name: 'expired', label: 'Expired', color: 'red.8' },
          { name: 'auditsSelected', label: 'Audits selected', color: 'blue.8' },
          { name: 'appealsFiled', label: 'Appeals filed', color: 'violet.8' },
        ],
        stacked: false,
        unit: 'figures per cycle',
      };
    default:
      return null;
  }
}

/** A bar chart with its words: the figure is named, and the table beside it carries the numbers. */
export function Bars({ chart, label }: { chart: ChartData; label: string }) {
  if (chart.data.length === 0) return <Text>Nothing to draw: the report has no rows.</Text>;
  // Series with nothing in them only crowd the legend.
  const series = chart.series.filter((s) => chart.data.some((bar) => typeof bar[s.name] === 'number' && bar[s.name] !== 0));
  return (
    <figure aria-label={label} style={{ margin: 0 }}>
      <BarChart
        h={Math.max(240, Math.min(480, 60 + chart.data.length * 28))}
        data={chart.data}
        dataKey="label"
        type={chart.stacked ? 'stacked' : 'default'}
        series={series.length > 0 ? series : chart.series}
        maxBarWidth={72}
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        tickLine="y"
        barChartProps={{ accessibilityLayer: false }}
      />
      <figcaption>
        <Text size="sm">
          {label}: {chart.unit}. The table has every figure.
        </Text>
      </figcaption>
    </figure>
  );
}
