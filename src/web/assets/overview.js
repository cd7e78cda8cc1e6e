// Overview: every visible entity × service in one table, worst first,
// sortable, filterable, searchable, refreshed every cycle without a reload.
// Only the rows in and near the viewport are in the DOM (a window of about
// 100 between two spacer rows, redrawn on scroll): 6,000 rows with their
// <meter>s took Chromium about 3 s to lay out, the window a few ms.
import { h, esc, fmtTime, gaugeHtml, statusBadge } from './dom.js';
import { get } from './api.js';

const POLL_MS = 15000;
const COLUMNS = [
  { key: 'entity', label: 'Entity' },
  { key: 'service', label: 'Service' },
  { key: 'status', label: 'Status' },
  { key: 'alarmed', label: 'Alarmed' },
  { key: 'emergency', label: 'Budget used' },
  { key: 'downtime', label: 'Downtime (rolling week)' },
  { key: 'incidents', label: 'Incidents (week)' },
];
const SEVERITY = { Down: 0, 'Up-inconclusive-no-data': 1, 'Up-inconclusive-no-probes': 1,
                   'Up-inconclusive-reconfig': 1, 'Up-inconclusive': 1, Up: 2 };

function toRows(data) {
  const c = Object.fromEntries(data.columns.map((name, i) => [name, i]));
  return data.rows.map((r) => ({
    entity: r[c.entity], service: r[c.service], status: r[c.status], alarmed: r[c.alarmed],
    downtime: r[c.downtime], threshold: r[c.threshold], emergency: r[c.emergencyThreshold],
    active: r[c.activeIncident], incidents: r[c.incidents], fp: r[c.falsePositives],
  }));
}

// Worst first: budget share, then Down before inconclusive before Up.
function compare(key, dir) {
  return (a, b) => {
    let d;
    if (key === 'emergency') d = a.emergency - b.emergency || (SEVERITY[b.status] ?? 1) - (SEVERITY[a.status] ?? 1);
    else if (key === 'status') d = (SEVERITY[b.status] ?? 1) - (SEVERITY[a.status] ?? 1);
    else if (typeof a[key] === 'number') d = a[key] - b[key];
    else d = String(a[key]).localeCompare(String(b[key]));
    return dir * d || a.entity.localeCompare(b.entity) || a.service.localeCompare(b.service);
  };
}

function rowHtml(r) {
  const label = `${r.downtime} of ${r.threshold} min (${r.emergency.toFixed(1)} %)`;
  const href = `#/entity/${esc(r.entity)}`;
  const active = r.active ? ` <span class="tag down" title="active incident ${esc(r.active)}">active</span>` : '';
  const fp = r.fp ? ` <span class="tag fp" title="marked false positive">${r.fp} FP</span>` : '';
  return `<tr data-entity="${esc(r.entity)}" data-service="${esc(r.service)}">` +
    `<td><a href="${href}">${esc(r.entity)}</a></td>` +
    `<td>${esc(r.service.toUpperCase())}</td>` +
    `<td class="status">${statusBadge(r.status)}</td>` +
    `<td>${r.alarmed === 'Yes' ? '<span class="tag down">⚠ Yes</span>' : esc(r.alarmed)}</td>` +
    `<td class="num">${gaugeHtml(r.emergency, label)} <span class="pct">${r.emergency.toFixed(1)} %</span></td>` +
    `<td class="num downtime">${r.downtime} / ${r.threshold} min</td>` +
    `<td class="num">${r.incidents}${active}${fp}</td></tr>`;
}

export async function render(main) {
  const state = { rows: [], sort: 'emergency', dir: -1, search: '', service: '', min: 0, onlyBad: false,
                  updated: 0, fingerprint: '' };
  const search = h('input', { type: 'search', id: 'search', placeholder: 'Search TLD or registrar…',
                              'aria-label': 'Search by TLD or registrar' });
  const service = h('select', { id: 'service-filter', 'aria-label': 'Service' },
    h('option', { value: '' }, 'All services'),
    ...['dns', 'dnssec', 'rdds', 'rdap'].map((s) => h('option', { value: s }, s.toUpperCase())));
  const min = h('select', { id: 'min-filter', 'aria-label': 'Budget used at least' },
    ...[0, 5, 10, 25, 50, 75, 100].map((p) => h('option', { value: p }, p ? `≥ ${p} % of budget` : 'Any budget')));
  const bad = h('input', { type: 'checkbox', id: 'only-bad' });
  const count = h('span', { class: 'muted', id: 'count', 'aria-live': 'polite' });
  const updated = h('span', { class: 'muted', id: 'updated' });
  const head = h('tr', {}, ...COLUMNS.map((c) => h('th', { scope: 'col', 'data-key': c.key },
    h('button', { type: 'button', class: 'sort', onclick: () => {
      state.dir = state.sort === c.key ? -state.dir : (c.key === 'entity' || c.key === 'service' ? 1 : -1);
      state.sort = c.key;
      draw(true);
    } }, c.label))));
  const body = h('tbody', { id: 'overview-rows' });
  const table = h('table', { class: 'overview', id: 'overview' }, h('thead', {}, head), body);
  main.append(
    h('h1', {}, 'Overview'),
    h('div', { class: 'toolbar' }, search, service, min,
      h('label', { for: 'only-bad' }, bad, ' Not up or alarmed only'), count, updated),
    h('div', { class: 'table-wrap' }, table));

  function visible() {
    const q = state.search.trim().toLowerCase();
    return state.rows.filter((r) =>
      (!q || r.entity.toLowerCase().includes(q)) &&
      (!state.service || r.service === state.service) &&
      r.emergency >= state.min &&
      (!state.onlyBad || r.status !== 'Up' || r.alarmed === 'Yes'));
  }

  let shown = [];          // the sorted, filtered rows
  let windowKey = '';
  const ROW_H = 30;        // px; style.css fixes the overview's row height
  const SLACK = 30;        // rows drawn above and below the viewport
  function paint(force) {
    const top = body.getBoundingClientRect().top + window.scrollY;
    const first = Math.max(0, Math.floor((window.scrollY - top) / ROW_H) - SLACK);
    const last = Math.min(shown.length, first + Math.ceil(window.innerHeight / ROW_H) + 2 * SLACK);
    const key = `${first}:${last}`;
    if (!force && key === windowKey) return;
    windowKey = key;
    body.innerHTML = '<tr class="spacer" aria-hidden="true"><td colspan="7"></td></tr>' +
      shown.slice(first, last).map(rowHtml).join('') + '<tr class="spacer" aria-hidden="true"><td colspan="7"></td></tr>';
    body.firstChild.style.height = `${first * ROW_H}px`;
    body.lastChild.style.height = `${(shown.length - last) * ROW_H}px`;
  }
  let pending = false;
  const onScroll = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; paint(false); });
  };
  window.addEventListener('scroll', onScroll, { passive: true });
  window.addEventListener('resize', onScroll);

  function draw(force) {
    const rows = visible().sort(compare(state.sort, state.dir));
    const fingerprint = `${state.updated}|${state.sort}|${state.dir}|${rows.length}|${state.search}|${state.service}|${state.min}|${state.onlyBad}`;
    if (!force && fingerprint === state.fingerprint) return;
    state.fingerprint = fingerprint;
    shown = rows;
    paint(true);
    for (const th of head.children) {
      th.setAttribute('aria-sort', th.dataset.key === state.sort ? (state.dir < 0 ? 'descending' : 'ascending') : 'none');
    }
    count.textContent = `${rows.length} of ${state.rows.length} rows`;
    updated.textContent = state.updated ? `data of ${fmtTime(state.updated)}` : '';
  }

  async function refresh() {
    try {
      const data = await get('overview');
      const changed = data.updated !== state.updated || data.rows.length !== state.rows.length;
      state.rows = toRows(data);
      state.updated = data.updated;
      draw(changed);
    } catch (e) {
      if (e.status !== 401) updated.textContent = `refresh failed: ${e.message}`;
    }
  }

  search.addEventListener('input', () => { state.search = search.value; draw(); });
  service.addEventListener('change', () => { state.service = service.value; draw(); });
  min.addEventListener('change', () => { state.min = Number(min.value); draw(); });
  bad.addEventListener('change', () => { state.onlyBad = bad.checked; draw(); });
  await refresh();
  search.focus();
  const timer = setInterval(refresh, POLL_MS);
  return () => {
    clearInterval(timer);
    window.removeEventListener('scroll', onScroll);
    window.removeEventListener('resize', onScroll);
  };
}
