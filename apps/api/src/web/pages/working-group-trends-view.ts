import type { ObservedValue } from '@pact/domain';

/** The chart's drawing area, in SVG units (the SVG scales to its box; the table below carries the numbers). */
const WIDTH = 320;
const HEIGHT = 120;
const PAD = { left: 8, right: 8, top: 10, bottom: 10 };

export interface TrendPoint {
  x: number;
  y: number;
  value: number;
  at: Date;
  label: string;
}

/** A series as a small line chart: points scaled into the box (the lowest value at the bottom), oldest on the left. Pure: a unit test. */
export interface TrendChart {
  width: number;
  height: number;
  points: TrendPoint[];
  /** The polyline's `points` attribute. */
  line: string;
  min: number;
  max: number;
}

/**
 * Places a series (seriesOf: oldest first, values only) in the chart's box: evenly along x (a
 * period a step, as cycles are), y from the series' lowest to highest value (a flat series in the
 * middle). `label` names each period for the reader (the page's words).
 */
export function trendChart(values: (ObservedValue & { value: number })[], label: (v: ObservedValue) => string): TrendChart {
  const nums = values.map((v) => v.value);
  const min = nums.length ? Math.min(...nums) : 0;
  const max = nums.length ? Math.max(...nums) : 0;
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const round = (n: number) => Math.round(n * 10) / 10;
  const points = values.map((v, i) => ({
    x: round(PAD.left + (values.length > 1 ? (i * innerW) / (values.length - 1) : innerW / 2)),
    y: round(max === min ? PAD.top + innerH / 2 : PAD.top + ((max - v.value) * innerH) / (max - min)),
    value: v.value,
    at: new Date(v.period.at),
    label: label(v),
  }));
  return { width: WIDTH, height: HEIGHT, points, line: points.map((p) => `${p.x},${p.y}`).join(' '), min, max };
}
