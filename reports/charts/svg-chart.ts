/**
 * Charts as inline SVG, rendered on the server with echarts (no JavaScript needed to view).
 * One init per chart, disposed right after: echarts keeps global state per instance.
 */
import { createRequire } from 'node:module';
import { lttb, type Point } from './downsample.js';

export interface ChartArea {
  start: number;
  end: number;
  label: string;
  kind: 'phase' | 'fault';
}

export interface TimeSeriesChart {
  series: Array<{ name: string; points: readonly Point[] }>;
  /** y axis name, e.g. "ms" */
  yName: string;
  areas?: ChartArea[];
  /** horizontal dashed line: the objective */
  threshold?: { value: number; label: string };
  /** vertical lines: the SLO window */
  window?: { start: number; end: number };
  width?: number;
  height?: number;
  /** per series, after LTTB; default 200 (about one point per 3 px: the shape survives, the SVG stays small and fast) */
  maxPoints?: number;
}

// echarts' typings are `export =`, which NodeNext ESM cannot import by name; its
// CommonJS build is loaded through require and typed from the package's own typings.
// Loaded on first use: vitest loads the reporter for every run, and most runs (unit tests)
// draw no chart.
type Echarts = typeof import('echarts');
const requireCjs = createRequire(import.meta.url);
let echarts: Echarts | undefined;
function init(...args: Parameters<Echarts['init']>): ReturnType<Echarts['init']> {
  echarts ??= requireCjs('echarts') as Echarts;
  return echarts.init(...args);
}

const PALETTE = ['#2f6fdf', '#e07b00', '#7a3fbf', '#0f8f6f', '#c0392b', '#5d6d7e'];
const AREA_STYLE: Record<ChartArea['kind'], { color: string; opacity: number }> = {
  phase: { color: '#8aa4c8', opacity: 0.12 },
  fault: { color: '#e03c31', opacity: 0.18 },
};

/** "12:00:05" (UTC) from epoch ms. */
export function utcClock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

export function renderTimeSeriesSvg(spec: TimeSeriesChart): string {
  const maxPoints = spec.maxPoints ?? 200;
  const series = spec.series.map((s) => ({ name: s.name, data: lttb(s.points, maxPoints) }));
  const areas = spec.areas ?? [];
  const markArea = {
    silent: true,
    label: { position: 'insideTop' as const, fontSize: 10, color: '#333' },
    data: areas.map((a) => [
      {
        xAxis: a.start,
        name: a.label,
        itemStyle: AREA_STYLE[a.kind],
        // phase names along the top, fault names along the bottom: they overlap in time
        label: { position: a.kind === 'fault' ? ('insideBottom' as const) : ('insideTop' as const), color: a.kind === 'fault' ? '#a12b22' : '#333' },
      },
      { xAxis: a.end },
    ]),
  };
  const markLineData: object[] = [];
  if (spec.threshold) {
    markLineData.push({
      yAxis: spec.threshold.value,
      name: spec.threshold.label,
      lineStyle: { color: '#c0392b', type: 'dashed', width: 1.5 },
      label: { formatter: spec.threshold.label, position: 'insideEndTop', color: '#c0392b', fontSize: 10 },
    });
  }
  if (spec.window) {
    for (const x of [spec.window.start, spec.window.end]) {
      markLineData.push({ xAxis: x, lineStyle: { color: '#555', type: 'dotted', width: 1 }, label: { show: false } });
    }
  }
  const width = spec.width ?? 760;
  const height = spec.height ?? 260;
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      color: PALETTE,
      grid: { left: 56, right: 24, top: 36, bottom: 32 },
      legend: { show: series.length > 1, top: 4, icon: 'rect', itemWidth: 14, itemHeight: 3, textStyle: { fontSize: 11 } },
      // A value axis over epoch ms with our own UTC labels: a quarter cheaper to render than
      // echarts' time axis, and the labels do not depend on the machine's time zone.
      xAxis: {
        type: 'value',
        min: 'dataMin',
        max: 'dataMax',
        splitNumber: 6,
        splitLine: { show: false },
        axisLabel: { fontSize: 10, hideOverlap: true, formatter: utcClock },
      },
      yAxis: { type: 'value', name: spec.yName, nameTextStyle: { fontSize: 10 }, axisLabel: { fontSize: 10 }, scale: false },
      series: series.map((s, i) => ({
        type: 'line',
        name: s.name,
        data: s.data,
        symbol: 'none',
        silent: true,
        // no hover states in a static SVG: skipping them saves a third of the render time
        emphasis: { disabled: true },
        lineStyle: { width: 1.5 },
        ...(i === 0 ? { markArea, markLine: { silent: true, symbol: 'none', data: markLineData } } : {}),
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export interface RepeatChart {
  values: readonly number[];
  median: number;
  ci95: readonly [number, number];
  yName: string;
  threshold?: { value: number; label: string };
  width?: number;
  height?: number;
}

/** The N measured values of a repeated SLO, the median and the 95% interval as a band. */
export function renderRepeatSvg(spec: RepeatChart): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: spec.width ?? 760, height: spec.height ?? 220 });
  try {
    const lines: object[] = [
      { yAxis: spec.median, name: 'median', lineStyle: { color: '#2f6fdf', width: 1.5 }, label: { formatter: 'median', fontSize: 10 } },
    ];
    if (spec.threshold) {
      lines.push({
        yAxis: spec.threshold.value,
        lineStyle: { color: '#c0392b', type: 'dashed', width: 1.5 },
        label: { formatter: spec.threshold.label, color: '#c0392b', fontSize: 10 },
      });
    }
    chart.setOption({
      animation: false,
      grid: { left: 56, right: 110, top: 30, bottom: 32 },
      xAxis: { type: 'category', data: spec.values.map((_, i) => `run ${i + 1}`), axisLabel: { fontSize: 10 } },
      yAxis: { type: 'value', name: spec.yName, scale: true, nameTextStyle: { fontSize: 10 }, axisLabel: { fontSize: 10 } },
      series: [
        {
          type: 'scatter',
          name: 'runs',
          data: [...spec.values],
          symbolSize: 9,
          itemStyle: { color: '#2f6fdf' },
          markArea: {
            silent: true,
            itemStyle: { color: '#2f6fdf', opacity: 0.12 },
            label: { position: 'insideTopLeft', fontSize: 10, color: '#2f6fdf' },
            data: [[{ yAxis: spec.ci95[0], name: '95% CI' }, { yAxis: spec.ci95[1] }]],
          },
          markLine: { silent: true, symbol: 'none', data: lines },
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
