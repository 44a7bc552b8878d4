// @ts-check
/** A horizontal bar chart in plain SVG: one bar per label, longest first, with its count. */

const SVG = 'http://www.w3.org/2000/svg';
const BAR_HEIGHT = 18;
const GAP = 8;
const LABEL_WIDTH = 250;
const COUNT_WIDTH = 70;
const WIDTH = 720;

/**
 * @param {string} tag
 * @param {Record<string, string | number>} attributes
 * @param {string} [text]
 */
function svg(tag, attributes, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * @param {Array<{ label: string, count: number }>} rows
 * @param {string} title what the chart shows, for screen readers
 * @returns {SVGSVGElement}
 */
export function barChart(rows, title) {
  const height = Math.max(1, rows.length) * (BAR_HEIGHT + GAP);
  const chart = /** @type {SVGSVGElement} */ (svg('svg', { class: 'chart', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': title }));
  chart.append(svg('title', {}, title));
  const max = Math.max(1, ...rows.map((row) => row.count));
  const barSpace = WIDTH - LABEL_WIDTH - COUNT_WIDTH;
  rows.forEach((row, i) => {
    const y = i * (BAR_HEIGHT + GAP);
    const label = row.label.length > 36 ? `${row.label.slice(0, 35)}…` : row.label;
    chart.append(svg('text', { x: LABEL_WIDTH - 8, y: y + BAR_HEIGHT - 4, 'text-anchor': 'end' }, label));
    chart.append(svg('rect', { class: 'bar', x: LABEL_WIDTH, y, height: BAR_HEIGHT, width: Math.max(2, (row.count / max) * barSpace), rx: 3 }));
    chart.append(svg('text', { class: 'count', x: LABEL_WIDTH + Math.max(2, (row.count / max) * barSpace) + 6, y: y + BAR_HEIGHT - 4 }, row.count.toLocaleString('en-US')));
  });
  return chart;
}
