// Maintenance windows of one entity: list, create and delete, through the
// MoSAPI endpoints themselves, so the API's own validation answers.
import { h, fmtTime, useLocalTime } from './dom.js';
import { mosapi } from './mosapi.js';

function toUnix(value) {
  // datetime-local is read in the zone the page shows (UTC by default).
  const t = Date.parse(value + (useLocalTime() ? '' : 'Z'));
  return Number.isNaN(t) ? null : Math.floor(t / 1000);
}

export async function render(main, args) {
  const base = `${args.entity}/v2/maintenance`;
  const list = h('div', { id: 'windows' });
  const error = h('p', { class: 'error', role: 'alert', id: 'maintenance-error' });
  const load = async () => {
    try {
      const data = await mosapi('GET', base);
      list.replaceChildren(data.maintenanceWindows.length === 0
        ? h('p', { class: 'muted', id: 'no-windows' }, 'No maintenance window that has not ended.')
        : h('table', { id: 'maintenance' },
          h('thead', {}, h('tr', {}, ...['ID', 'Name', 'Start', 'End', 'Description', ''].map((t) => h('th', {}, t)))),
          h('tbody', {}, ...data.maintenanceWindows.map((w) => h('tr', { 'data-id': w.scheduleID },
            h('td', { class: 'mono' }, w.scheduleID), h('td', {}, w.name), h('td', {}, fmtTime(w.startTime)),
            h('td', {}, fmtTime(w.endTime)), h('td', {}, w.description),
            h('td', {}, h('button', { type: 'button', onclick: async () => {
              if (!confirm(`Delete maintenance window ${w.scheduleID}?`)) return;
              try { await mosapi('DELETE', `${base}/${encodeURIComponent(w.scheduleID)}`); await load(); }
              catch (e) { error.textContent = e.message; }
            } }, 'Delete')))))));
    } catch (e) { list.replaceChildren(h('p', { class: 'error' }, e.message)); }
  };
  const field = (id, label, attrs) => [h('label', { for: id }, label), h('input', { id, name: id, ...attrs })];
  const form = h('form', { class: 'stacked', id: 'maintenance-form', onsubmit: async (ev) => {
    ev.preventDefault();
    error.textContent = '';
    const v = (id) => form.querySelector('#' + id).value;
    const body = { version: 2, scheduleID: v('mw-id'), name: v('mw-name'), description: v('mw-description'),
                   startTime: toUnix(v('mw-start')), endTime: toUnix(v('mw-end')) };
    try {
      await mosapi('PUT', `${base}/${encodeURIComponent(body.scheduleID)}`, body);
      form.reset();
      await load();
    } catch (e) { error.textContent = e.message; }
  } },
  ...field('mw-id', 'Schedule ID', { required: true, pattern: '[A-Za-z0-9._-]{1,64}' }),
  ...field('mw-name', 'Name', { required: true, maxlength: 100 }),
  ...field('mw-description', 'Description', { maxlength: 1000 }),
  ...field('mw-start', `Start (${useLocalTime() ? 'local time' : 'UTC'})`, { type: 'datetime-local', required: true }),
  ...field('mw-end', `End (${useLocalTime() ? 'local time' : 'UTC'})`, { type: 'datetime-local', required: true }),
  h('button', { type: 'submit' }, 'Create or update'), error);
  main.append(h('h1', {}, h('a', { href: `#/entity/${args.entity}` }, args.entity), ' maintenance windows'),
    h('p', { class: 'muted' }, 'A window suppresses the 10 % emergency-threshold alert for RDDS, RDAP and EPP; it never changes downtime.'),
    list, h('h2', {}, 'Create or update a window'), form);
  await load();
  return null;
}
