// The incident page: its state, the name servers and IPs that failed, the
// cycles in it with a link to each measurement's MoSAPI JSON, and the
// per-probe results of the cycle chosen (the first by default).
import { h, fmtTime, statusNode } from './dom.js';
import { change, currentSession } from './api.js';
import { mosapi, mosapiUrl } from './mosapi.js';

function resultText(m) {
  if (m.result === 'ok') return m.rtt === null ? 'ok' : `${m.rtt} ms`;
  return `error ${m.result}`;
}

// Per probe × (target, IP): the cycle's results.
function probeTable(measurement) {
  const iface = (measurement.testedInterface || [])[0];
  if (!iface) return h('p', { class: 'muted' }, 'No probe results in this measurement.');
  const columns = [];
  for (const p of iface.probes) for (const t of p.testData || []) for (const m of t.metrics || []) {
    const key = `${t.target} ${m.targetIP}`;
    if (!columns.includes(key)) columns.push(key);
  }
  const failing = new Set();
  const rows = iface.probes.map((p) => {
    const cells = new Map();
    for (const t of p.testData || []) for (const m of t.metrics || []) {
      const key = `${t.target} ${m.targetIP}`;
      cells.set(key, m);
      if (m.result !== 'ok') failing.add(key);
    }
    return h('tr', {}, h('th', { scope: 'row' }, p.city), h('td', {}, statusNode(p.status)),
      h('td', {}, p.transport || ''),
      ...columns.map((c) => {
        const m = cells.get(c);
        return h('td', { class: m && m.result !== 'ok' ? 'num bad' : 'num' }, m ? resultText(m) : '—');
      }));
  });
  return h('div', {},
    h('p', {}, 'Failing in this cycle: ', failing.size ? [...failing].join(', ') : 'none'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'probes-results', id: 'probe-results' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Probe'), h('th', {}, 'Status'), h('th', {}, 'Transport'),
        ...columns.map((c) => h('th', {}, c)))),
      h('tbody', {}, ...rows))));
}

export async function render(main, args) {
  const base = `${args.entity}/v2/monitoring/${args.service}/incidents/${args.incident}`;
  let state, list;
  try {
    [state, list] = await Promise.all([mosapi('GET', `${base}/state`), mosapi('GET', `${base}/measurements`)]);
  } catch (e) {
    main.append(h('h1', {}, 'Incident'), h('p', { class: 'error' }, e.message));
    return null;
  }
  const inc = state.incidents[0];
  const s = currentSession();
  const fp = s && s.mayChange ? h('button', { type: 'button', id: 'fp-toggle', onclick: async (ev) => {
    ev.target.disabled = true;
    try {
      await change(`entity/${args.entity}/${args.service}/incidents/${args.incident}/falsePositive`,
        { falsePositive: !inc.falsePositive });
      main.replaceChildren();
      await render(main, args);
    } catch (e) { alert(`Could not change the incident: ${e.message}`); ev.target.disabled = false; }
  } }, inc.falsePositive ? 'Unmark false positive' : 'Mark false positive') : null;
  const detail = h('section', { id: 'cycle-detail' });
  const showCycle = async (name) => {
    detail.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
    try {
      const m = await mosapi('GET', `${base}/measurements/${name}`);
      detail.replaceChildren(h('h3', {}, `Cycle ${fmtTime(m.cycleCalculationDateTime)} `, statusNode(m.status)),
        probeTable(m));
    } catch (e) { detail.replaceChildren(h('p', { class: 'error' }, e.message)); }
  };
  const cycles = h('table', { class: 'small', id: 'incident-cycles' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Cycle'), h('th', {}, 'MoSAPI JSON'), h('th', {}, ''))),
    h('tbody', {}, ...list.measurements.map((name) => h('tr', {},
      h('td', {}, fmtTime(Number(name.split('.')[0]))),
      h('td', {}, h('a', { href: mosapiUrl(`${base}/measurements/${name}`), target: '_blank', rel: 'noopener' }, name)),
      h('td', {}, h('button', { type: 'button', onclick: () => showCycle(name) }, 'Probe results'))))));
  main.append(
    h('h1', {}, h('a', { href: `#/entity/${args.entity}` }, args.entity), ` ${args.service.toUpperCase()} incident`),
    h('table', { class: 'small', id: 'incident-facts' }, h('tbody', {},
      h('tr', {}, h('th', {}, 'Incident'), h('td', { class: 'mono' }, inc.incidentID)),
      h('tr', {}, h('th', {}, 'State'), h('td', {}, inc.state, inc.falsePositive ? h('span', { class: 'tag fp' }, 'FP') : null)),
      h('tr', {}, h('th', {}, 'Start'), h('td', {}, fmtTime(inc.startTime))),
      h('tr', {}, h('th', {}, 'End'), h('td', {}, inc.endTime === null ? 'active' : fmtTime(inc.endTime))),
      h('tr', {}, h('th', {}, 'MoSAPI'), h('td', {}, h('a', { href: mosapiUrl(`${base}/state`), target: '_blank', rel: 'noopener' }, 'incident state JSON'))))),
    fp,
    h('h2', {}, 'Per-probe results'), detail,
    h('h2', {}, `Cycles in the incident (${list.measurements.length})`), h('div', { class: 'scroll' }, cycles));
  if (list.measurements.length) await showCycle(list.measurements[0]);
  return null;
}
