// Probes: every probe node, online now or not, and its online history over
// the last 24 hours (one column per DNS cycle).
import { h, fmtTime, fmtPercent } from './dom.js';
import { get } from './api.js';
import { drawStrip } from './charts.js';

export async function render(main) {
  let data;
  try { data = await get('probes'); } catch (e) {
    main.append(h('h1', {}, 'Probes'), h('p', { class: 'error' }, e.message));
    return null;
  }
  const online = data.probes.filter((p) => p.online).length;
  // Real probe nodes report their pushes; simulated ones have none.
  const real = data.probes.some((p) => p.delivery);
  const delivery = (p) => !real ? [] : !p.delivery ? [h('td', {}, 'never'), h('td', {}), h('td', {})] : [
    h('td', {}, fmtTime(p.delivery.lastPush, true)),
    h('td', { class: 'num' }, p.delivery.lagSeconds === null ? '—' : `${p.delivery.lagSeconds} s`),
    h('td', { class: 'num' }, String(p.delivery.outboxDepth))];
  main.append(h('h1', {}, 'Probes'),
    h('p', { class: 'muted' }, `${online} of ${data.probes.length} online in the DNS cycle of ${fmtTime(data.lastCycle)}.`),
    h('div', { class: 'table-wrap' }, h('table', { id: 'probes' },
      h('thead', {}, h('tr', {}, ...['Probe', 'Now', 'Online (24 h)', 'IPv4', 'IPv6', 'RDDS', 'RDAP', 'Enabled',
        ...(real ? ['Last push', 'Lag', 'Outbox'] : [])].map((t) => h('th', {}, t)))),
      h('tbody', {}, ...data.probes.map((p) => h('tr', { 'data-probe': p.name },
        h('th', { scope: 'row' }, p.name),
        h('td', {}, p.online === null ? '—' : p.online ? h('span', { class: 'badge up' }, '✔ online') : h('span', { class: 'badge down' }, '✖ offline')),
        h('td', { class: 'num' }, fmtPercent(p.onlinePercent)),
        ...[p.ipv4, p.ipv6, p.rdds, p.rdap, p.enabled].map((b) => h('td', {}, b ? 'yes' : 'no')),
        ...delivery(p)))))));
  const canvas = h('canvas', { id: 'probe-strip', role: 'img', 'aria-label': 'Probe online history' });
  main.append(h('h2', {}, 'Online history'), h('div', { class: 'chart' }, canvas),
    h('p', { class: 'muted' }, 'Blue: online for the whole cycle; dark red: offline; grey: no committed cycle.'));
  requestAnimationFrame(() => drawStrip(canvas,
    data.probes.map((p) => ({ label: p.name, step: data.step, values: p.history.map((v) => (v < 0 ? -1 : v === 1 ? 0 : 1)) })),
    data.from, data.to, (t) => fmtTime(t)));
  return null;
}
