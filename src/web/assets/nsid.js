// NSIDs of the entity page (GET /ui/api/entity/…/nsid): which anycast
// instance of each name-server IP the probes reach now, and when a probe
// was moved from one instance to another inside the range.
import { h, fmtTime } from './dom.js';
import { get } from './api.js';

const SHOWN_CHANGES = 100;

function label(n) { return n.text ?? n.hex; }

export async function renderNsid(section, entity, days) {
  let data;
  try {
    data = await get(`entity/${entity}/nsid?days=${days}`);
  } catch (e) {
    section.append(h('p', { class: 'error' }, `NSIDs unavailable: ${e.message}`));
    return;
  }
  const seen = data.pairs.filter((p) => p.instances.length);
  if (!seen.length) {
    section.append(h('p', { class: 'muted' }, 'No name server answered with an NSID yet.'));
    return;
  }
  section.append(h('table', { class: 'small', id: 'nsid-table' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Name server'), h('th', {}, 'IP'),
      h('th', {}, 'Instances now (probes)'), h('th', {}, 'Changes'))),
    h('tbody', {}, ...data.pairs.map((p) => h('tr', {},
      h('td', {}, p.ns), h('td', { class: 'mono' }, p.ip),
      h('td', {}, p.instances.length ? p.instances.flatMap((i, k) => [k ? ' ' : '',
        h('span', { class: 'tag', title: `${i.hex}: ${i.probes.join(', ')}` }, `${label(i)} (${i.probes.length})`)])
        : h('span', { class: 'muted' }, 'none')),
      h('td', { class: 'num' }, String(p.changeCount)))))));
  const changes = data.pairs.flatMap((p) => p.changes.map((c) => ({ ...c, ns: p.ns, ip: p.ip })))
    .sort((a, b) => b.time - a.time);
  if (!changes.length) {
    section.append(h('p', { class: 'muted' }, 'No probe changed instance in this range.'));
    return;
  }
  section.append(h('p', { class: 'muted' }, `${data.changeCount} instance changes in this range` +
      (changes.length > SHOWN_CHANGES ? `; the newest ${SHOWN_CHANGES}:` : ':')),
    h('div', { class: 'table-wrap scroll' }, h('table', { class: 'small', id: 'nsid-changes' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Time'), h('th', {}, 'Name server'), h('th', {}, 'IP'),
        h('th', {}, 'Probe'), h('th', {}, 'From'), h('th', {}, 'To'))),
      h('tbody', {}, ...changes.slice(0, SHOWN_CHANGES).map((c) => h('tr', {},
        h('td', {}, fmtTime(c.time)), h('td', {}, c.ns), h('td', { class: 'mono' }, c.ip), h('td', {}, c.probe),
        h('td', { title: c.from.hex }, label(c.from)), h('td', { title: c.to.hex }, label(c.to))))))));
}
