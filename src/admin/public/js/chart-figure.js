// A chart with its legend and its data table: the table holds the same figures, always read by
// screen readers and shown on the page with the "show the data table" button.
import { button, el } from './page.js';
import { swatch } from './svg-charts.js';

/** Fills `container` (which has an id) with the chart, the legend if any, the toggle and the table. */
export function chartFigure(container, { chart, legend, table }) {
  const id = `${container.id}-table`;
  const wrap = el('div', undefined, 'table-wrap');
  wrap.id = id;
  wrap.append(table);
  const toggle = button('', 'secondary');
  toggle.setAttribute('aria-controls', id);
  const show = (shown) => {
    container.dataset.tableShown = String(shown);
    wrap.classList.toggle('visually-hidden', !shown);
    toggle.textContent = shown ? 'Ẩn bảng số liệu' : 'Hiện bảng số liệu';
    toggle.setAttribute('aria-expanded', String(shown));
  };
  toggle.addEventListener('click', () => show(container.dataset.tableShown !== 'true'));
  show(container.dataset.tableShown === 'true');
  container.replaceChildren(...[chart, legend, toggle, wrap].filter(Boolean));
}

/** A legend: [{ label, color }]. */
export function legend(series) {
  const list = el('ul', undefined, 'legend');
  list.append(
    ...series.map(({ label, color }) => {
      const item = el('li');
      item.append(swatch(color), el('span', label));
      return item;
    }),
  );
  return list;
}

/** A table: `head` the column names, `rows` arrays of cells (text, numbers or nodes), the first cell naming the row. */
export function dataTable({ caption, head, rows, foot }) {
  const table = el('table', undefined, 'data-table');
  const thead = el('thead');
  const headRow = el('tr');
  headRow.append(...head.map((name) => cellOf('th', name, 'col')));
  thead.append(headRow);
  const tbody = el('tbody');
  tbody.append(...rows.map(tableRow));
  table.append(el('caption', caption), thead, tbody);
  if (foot) {
    const tfoot = el('tfoot');
    tfoot.append(tableRow(foot));
    table.append(tfoot);
  }
  return table;
}

function tableRow(cells) {
  const tr = el('tr');
  tr.append(...cells.map((cell, i) => (i === 0 ? cellOf('th', cell, 'row') : cellOf('td', cell))));
  return tr;
}

/** Numbers are right-aligned, so their digits line up. */
function cellOf(tag, content, scope) {
  const cell = el(tag, undefined, typeof content === 'number' ? 'num' : undefined);
  if (scope) cell.scope = scope;
  cell.append(content instanceof Node ? content : String(content));
  return cell;
}

/** What a chart shows when there is nothing to draw. */
export function noData(container, text) {
  container.replaceChildren(el('p', text, 'hint'));
}
