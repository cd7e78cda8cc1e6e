// Per-probe RTTs of the entity page (GET /ui/api/entity/…/probes): every
// probe's median and p95 over the entity's name-server IPs in the range,
// slowest first; choosing a probe charts it next to the median of all
// probes. A probe far above the others points at its path, not at the
// name servers.
import { h } from './dom.js';
import { get } from './api.js';
import { COLOURS, fmtMs, rttChart, transportLines, chartsMissing } from './rtt.js';

export async function renderProbeRtt(section, entity, days) {
  const load = (probe) => get(`entity/${entity}/probes?days=${days}` +
    (probe ? `&probe=${encodeURIComponent(probe)}` : ''));
  let data;
  try {
    data = await load(null);
  } catch (e) {
    section.append(h('p', { class: 'error' }, `Per-probe RTTs unavailable: ${e.message}`));
    return;
  }
  if (!data.probes.length) {
    section.append(h('p', { class: 'muted' }, 'No probe measured an RTT in this range.'));
    return;
  }
  const box = h('div', { class: 'rtt-chart', id: 'probe-rtt-chart' });
  const rows = data.probes;  // slowest first, as the server orders them
  let chart = null;
  const draw = () => {
    chart?.destroy();
    box.replaceChildren();
    if (chartsMissing(box) || !data.series) return;
    // The p95 lines start hidden (click their legend entry): their spikes
    // would flatten the medians this chart compares.
    const lines = [...transportLines(data.series, `${data.probe} `).map((l) => ({ ...l, show: !l.dash })),
      { label: 'All probes UDP median', stroke: COLOURS.all, width: 1, values: data.all.udp.p50 },
      { label: 'All probes TCP median', stroke: COLOURS.all, width: 1, dash: [2, 3], values: data.all.tcp.p50 }];
    chart = rttChart(box, { title: `Probe ${data.probe}`, width: Math.max(300, section.clientWidth - 4), t: data.t, lines });
    for (const tr of tbody.children) tr.classList.toggle('selected', tr.dataset.probe === data.probe);
  };
  const choose = async (name) => {
    try {
      data = await load(name);
      draw();
    } catch (e) {
      box.replaceChildren(h('p', { class: 'error' }, `Probe ${name}: ${e.message}`));
    }
  };
  const tbody = h('tbody', {}, ...rows.map((r) => h('tr', { 'data-probe': r.probe },
    h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link', onclick: () => choose(r.probe) }, r.probe)),
    h('td', { class: 'num' }, fmtMs(r.udp.p50)), h('td', { class: 'num' }, fmtMs(r.udp.p95)),
    h('td', { class: 'num' }, String(r.udp.n)),
    h('td', { class: 'num' }, fmtMs(r.tcp.p50)), h('td', { class: 'num' }, fmtMs(r.tcp.p95)),
    h('td', { class: 'num' }, String(r.tcp.n)))));
  section.append(
    h('p', { class: 'muted' }, 'Each probe\'s RTTs over every name-server IP of the entity, slowest median first. ' +
      'Choose a probe to chart it against the median of all probes; click a legend entry to show or hide a line.'),
    h('div', { class: 'table-wrap scroll' }, h('table', { class: 'small', id: 'probe-rtt-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Probe'), h('th', {}, 'UDP median'), h('th', {}, 'UDP p95'),
        h('th', {}, 'UDP RTTs'), h('th', {}, 'TCP median'), h('th', {}, 'TCP p95'), h('th', {}, 'TCP RTTs'))),
      tbody)),
    box);
  draw();
}
