// Charts as inline SVG built with DOM calls (no library, no HTML strings). Each is one role="img"
// named by its summary, scales to its container's width (viewBox), and pairs with a data table.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Series colours, dark enough against white (≥ 3:1) and told apart by the legend and the table too. */
export const SERIES_COLORS = ['#0b4f8a', '#b35900', '#1b7a3d', '#8e3b8e', '#a4161a', '#4a4a4a'];

const WIDTH = 400;

function svgEl(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function chartSvg(height, summary) {
  return svgEl('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': summary, class: 'chart', focusable: 'false' });
}

/** The axis maximum: `value` rounded up to 1, 2 or 5 times a power of ten (at least 1). */
function niceMax(value) {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((nice) => nice >= value);
}

const truncate = (text, max) => ([...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text);

/**
 * Columns stacked bottom-up, one per category: `columns` [{ label, title, values }] where values
 * follow `colors`. Every column is drawn (a group even when empty); about seven labels under the axis.
 */
export function stackedColumns({ summary, columns, colors }) {
  const height = 220;
  const plot = { left: 34, right: WIDTH - 6, top: 10, bottom: height - 28 };
  const svg = chartSvg(height, summary);
  const max = niceMax(Math.max(0, ...columns.map((c) => c.values.reduce((a, b) => a + b, 0))));
  const y = (value) => plot.bottom - (value / max) * (plot.bottom - plot.top);
  const ticks = max % 2 === 0 ? [0, max / 2, max] : [0, max];
  for (const tick of ticks) {
    svg.append(
      svgEl('line', { x1: plot.left, x2: plot.right, y1: y(tick), y2: y(tick), class: 'chart__grid' }),
      svgEl('text', { x: plot.left - 4, y: y(tick) + 4, 'text-anchor': 'end' }, tick),
    );
  }
  const band = (plot.right - plot.left) / Math.max(1, columns.length);
  const barWidth = Math.max(0.5, band * 0.7);
  const labelEvery = Math.ceil(columns.length / 7);
  columns.forEach((column, i) => {
    const x = plot.left + i * band + (band - barWidth) / 2;
    const group = svgEl('g', { class: 'chart__column' });
    group.append(svgEl('title', {}, column.title));
    let total = 0;
    column.values.forEach((value, s) => {
      if (value <= 0) return;
      group.append(svgEl('rect', { x, y: y(total + value), width: barWidth, height: y(total) - y(total + value), fill: colors[s] }));
      total += value;
    });
    svg.append(group);
    if (i % labelEvery === 0) svg.append(svgEl('text', { x: x + barWidth / 2, y: plot.bottom + 18, 'text-anchor': 'middle' }, column.label));
  });
  svg.append(svgEl('line', { x1: plot.left, x2: plot.right, y1: plot.bottom, y2: plot.bottom, class: 'chart__axis' }));
  return svg;
}

/** Horizontal bars: `rows` [{ label, value, shown }] scaled to `max`, the label above each bar, `shown` after it. */
export function horizontalBars({ summary, rows, max }) {
  const rowHeight = 40;
  const barMax = WIDTH - 90;
  const svg = chartSvg(rows.length * rowHeight + 4, summary);
  rows.forEach((row, i) => {
    const top = i * rowHeight;
    const width = max > 0 ? (row.value / max) * barMax : 0;
    const group = svgEl('g');
    group.append(
      svgEl('title', {}, `${row.label}: ${row.shown}`),
      svgEl('text', { x: 0, y: top + 14 }, truncate(row.label, 52)),
      svgEl('rect', { x: 0, y: top + 20, width: barMax, height: 14, class: 'chart__track' }),
      svgEl('rect', { x: 0, y: top + 20, width: Math.max(width, row.value > 0 ? 2 : 0), height: 14, fill: SERIES_COLORS[0] }),
      svgEl('text', { x: barMax + 6, y: top + 32 }, row.shown),
    );
    svg.append(group);
  });
  return svg;
}

/** A small square of a series colour, for a legend (hidden from screen readers: the label says it). */
export function swatch(color) {
  const svg = svgEl('svg', { viewBox: '0 0 10 10', width: 14, height: 14, 'aria-hidden': 'true', focusable: 'false' });
  svg.append(svgEl('rect', { width: 10, height: 10, fill: color }));
  return svg;
}
