// RTT charts of the entity page: per name-server IP one uPlot chart with
// the median and p95 across probes, UDP and TCP apart; drag to zoom (every
// chart follows), double-click to reset. Plus the 24 h / 7 d / 30 d table.
import { h, useLocalTime, fmtTime } from './dom.js';
import { get } from './api.js';

export const COLOURS = { udp: '#1f5fa8', tcp: '#d35400', all: '#6b6b6b' };

export function fmtMs(v) { return v === null || v === undefined ? '—' : `${v} ms`; }

// One uPlot chart of RTT lines over the grid `t` into `box`.
// lines: [{label, stroke, values, dash?, width?, show?}]. onSelect(u) after a drag.
export function rttChart(box, { title, width, t, lines, onSelect }) {
  const opts = {
    title,
    width,
    height: 180,
    cursor: { sync: { key: 'tldmon-rtt' } },
    scales: { x: { time: true } },
    // 24-hour times in the page's zone, as everywhere else on the page.
    axes: [{ values: (u, splits) => splits.map((x) => fmtTime(x).replace(' UTC', '').slice(5)), space: 90 },
           { label: 'ms', size: 60 }],
    hooks: onSelect ? { setSelect: [onSelect] } : {},
    series: [{}, ...lines.map((l) => ({ label: l.label, stroke: l.stroke, width: l.width ?? 1.5, dash: l.dash, show: l.show ?? true }))],
  };
  if (!useLocalTime()) opts.tzDate = (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC');
  return new uPlot(opts, [t, ...lines.map((l) => l.values)], box);
}

// The four lines of one UDP/TCP pair of series ({udp:{p50,p95},tcp:{…}}).
export function transportLines(s, prefix = '') {
  return [
    { label: `${prefix}UDP median`, stroke: COLOURS.udp, values: s.udp.p50 },
    { label: `${prefix}UDP p95`, stroke: COLOURS.udp, width: 1, dash: [5, 4], values: s.udp.p95 },
    { label: `${prefix}TCP median`, stroke: COLOURS.tcp, values: s.tcp.p50 },
    { label: `${prefix}TCP p95`, stroke: COLOURS.tcp, width: 1, dash: [5, 4], values: s.tcp.p95 },
  ];
}

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

export function chartsMissing(section) {
  if (typeof uPlot !== 'undefined') return false;
  section.append(h('p', { class: 'error' }, 'The chart library did not load.'));
  return true;
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
  if (chartsMissing(section)) return;
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
    charts.push(rttChart(box, { title: `${s.ns} ${s.ip}`, width, t: data.t, lines: transportLines(s), onSelect: zoomAll }));
  }
  // Double-click resets every chart, not only the one clicked.
  section.addEventListener('dblclick', () => {
    for (const c of charts) c.setScale('x', { min: data.from, max: data.to });
  });
}
