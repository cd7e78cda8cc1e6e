// The monthly report of one entity: each SLR against its limit, with a CSV
// download and a print-friendly layout (the browser's print prints it).
import { h, fmtTime } from './dom.js';
import { get } from './api.js';
import { monthlyTable } from './entity.js';

export async function render(main, args) {
  let data;
  try { data = await get(`entity/${args.entity}?days=1`); } catch (e) {
    main.append(h('h1', {}, 'Monthly report'), h('p', { class: 'error' }, e.message));
    return null;
  }
  main.append(
    h('h1', {}, `Monthly report: ${args.entity}`),
    h('p', { class: 'muted' }, `Figures of the month so far, as of ${fmtTime(data.updated)}.`),
    h('p', { class: 'no-print' },
      h('a', { href: `/ui/api/entity/${args.entity}/monthly.csv`, id: 'csv', download: '' }, 'Download CSV'), ' · ',
      h('button', { type: 'button', onclick: () => window.print() }, 'Print')),
    monthlyTable(data.monthly));
  return null;
}
