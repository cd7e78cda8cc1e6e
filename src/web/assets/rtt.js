// RTT charts of the entity page: per name-server IP one uPlot chart with
// the median and p95 across probes, UDP and TCP apart; drag to zoom (every
// chart follows), double-click to reset. Plus the 24 h / 7 d / 30 d table.
import { h, useLocalTime, fmtTime } from './dom.js';
import { get } from './api.js';

const COLOURS = { udp: '#1f5fa8', tcp: '#d35400' };

function fmtMs(v) { return v === null || v === undefined ? '—' : `${v} ms`; }

function table(rows) {
  return h('table', { class: 'small', id: 'rtt-table' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Period'), h('th', {}, 'UDP median'), h('th', {}, 'UDP p95'),
      h('th', {}, 'UDP RTTs'), h('th', {}, 'TCP median'), h('th', {}, 'TCP p95'), h('th', {}, 'TCP RTTs'))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.period),
      h('td', { class: 'num' }, fmtMs(r.udp.p50)), h('td', { class: 'num' }, fmtMs(r.udp.p95)),
      h('td', { class: 'num' }, String(r.udp.n)),
      h('td', { class: 'num' }, fmtMs(r.tcp.p50)), h('td', { class: 'num' }, fmtMs(r.tcp.p95)),
      h('td', { class: 'num' }, String(r.tcp.n))))));
}

export async function renderRtt(section, entity, days) {
  let data;
  try {
    data = await get(`entity/${entity}/rtt?days=${days}`);
  } catch (e) {
    section.append(h('p', { class: 'error' }, `RTTs unavailable: ${e.message}`));
    return;
  }
  section.append(h('p', { class: 'muted' },
    'Median and 95th percentile of the RTTs of every probe, per cycle, over the name-server IP; ' +
    'a point covers ' + Math.round(data.step / 60) + ' min. Drag to zoom, double-click to reset.'),
    table(data.table));
  if (typeof uPlot === 'undefined') {
    section.append(h('p', { class: 'error' }, 'The chart library did not load.'));
    return;
  }
  const charts = [];
  const width = Math.max(300, section.clientWidth - 4);
  const zoomAll = (u) => {
    const min = u.posToVal(u.select.left, 'x'), max = u.posToVal(u.select.left + u.select.width, 'x');
    if (u.select.width < 2) return;
    for (const c of charts) if (c !== u) c.setScale('x', { min, max });
  };
  for (const s of data.series) {
    const box = h('div', { class: 'rtt-chart', 'data-ip': s.ip });
    section.append(box);
    const opts = {
      title: `${s.ns} ${s.ip}`,
      width,
      height: 180,
      cursor: { sync: { key: 'tldmon-rtt' } },
      scales: { x: { time: true } },
      // 24-hour times in the page's zone, as everywhere else on the page.
      axes: [{ values: (u, splits) => splits.map((t) => fmtTime(t).replace(' UTC', '').slice(5)), space: 90 },
             { label: 'ms', size: 60 }],
      hooks: { setSelect: [zoomAll] },
      series: [
        {},
        { label: 'UDP median', stroke: COLOURS.udp, width: 1.5, spanGaps: false },
        { label: 'UDP p95', stroke: COLOURS.udp, width: 1, dash: [5, 4] },
        { label: 'TCP median', stroke: COLOURS.tcp, width: 1.5 },
        { label: 'TCP p95', stroke: COLOURS.tcp, width: 1, dash: [5, 4] },
      ],
    };
    if (!useLocalTime()) opts.tzDate = (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC');
    charts.push(new uPlot(opts, [data.t, s.udp.p50, s.udp.p95, s.tcp.p50, s.tcp.p95], box));
  }
  // Double-click resets every chart, not only the one clicked.
  section.addEventListener('dblclick', () => {
    for (const c of charts) c.setScale('x', { min: data.from, max: data.to });
  });
}
