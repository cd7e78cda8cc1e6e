// The monthly report of one entity: each SLR against its limit for the
// current month or a past one (GET /ui/api/entity/…/monthly?month=), with a
// CSV download and a print-friendly layout (the browser's print prints it).
import { h, fmtTime } from './dom.js';
import { get } from './api.js';
import { monthlyTable } from './entity.js';

export async function render(main, args) {
  const query = args.month ? `?month=${encodeURIComponent(args.month)}` : '';
  let data;
  try { data = await get(`entity/${args.entity}/monthly${query}`); } catch (e) {
    main.append(h('h1', {}, `Monthly report: ${args.entity}`), h('p', { class: 'error' }, e.message),
      h('p', {}, h('a', { href: `#/report/${args.entity}` }, 'The current month')));
    return null;
  }
  const picker = h('select', { id: 'month', 'aria-label': 'Month',
    onchange: (ev) => { location.hash = `#/report/${args.entity}?month=${ev.target.value}`; } },
  ...data.months.map((m) => h('option', { value: m, selected: m === data.month }, m)));
  const asOf = data.report?.lastUpdate;
  main.append(
    h('h1', {}, `Monthly report: ${args.entity}`, ' ', picker),
    h('p', { class: 'muted' }, data.current
      ? `Figures of ${data.month || 'the month'} so far, as of ${fmtTime(asOf)}.`
      : `Final figures of ${data.month}, as the month's last cycles left them (${fmtTime(asOf)}).`),
    h('p', { class: 'no-print' },
      h('a', { href: `/ui/api/entity/${args.entity}/monthly.csv${data.month ? `?month=${data.month}` : ''}`, id: 'csv', download: '' },
        'Download CSV'), ' · ',
      h('button', { type: 'button', onclick: () => window.print() }, 'Print')),
    monthlyTable(data.report));
  return null;
}
