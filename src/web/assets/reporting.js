// Reporting obligations (RRI, docs/rri.md): per TLD, whether each report
// ICANN expects arrived — full and differential escrow deposits, the escrow
// agent's notifications, the two monthly reports — with the newest issue.
import { h, fmtTime } from './dom.js';
import { get } from './api.js';

const PATHS = [
  { path: 'Full', label: 'Full deposit' },
  { path: 'Diff', label: 'Diff deposit' },
  { path: 'Dea', label: 'Agent notice' },
  { path: 'PRTR', label: 'Transactions' },
  { path: 'RFAR', label: 'Activity' },
];
const TYPE = {
  'registrar-transactions': 'transactions report',
  'registry-functions-activity': 'activity report',
  'registry-escrow-report': 'escrow report',
  'escrow-agent-notification': 'agent notice',
};
const ISSUE = {
  Missing_Deposit_Full: 'missing full deposit',
  Missing_Deposit_Diff: 'missing deposit',
  Invalid_Deposit_Full: 'full deposit failed verification',
  Invalid_Deposit_Diff: 'deposit failed verification',
  No_Report_Received: 'no report received',
};

function cell(p, tracked) {
  if (!p) return h('td', {}, '—');
  if (!p.enabled) return h('td', { class: 'muted' }, 'disabled');
  if (!tracked) return h('td', { class: 'muted' }, 'not tracked yet');
  if (p.status === 'ok') return h('td', {}, h('span', { class: 'badge up' }, '✔ ok'));
  const newest = p.issues[0];
  const more = p.issues.length > 1 ? ` (+${p.issues.length - 1} more)` : '';
  return h('td', { title: p.issues.map((i) => `${i.date} ${ISSUE[i.description] || i.description}`).join('\n') },
    h('span', { class: 'badge down' }, '✖ unsatisfactory'), h('br'),
    h('span', { class: 'issue' }, `${newest.date}: ${ISSUE[newest.description] || newest.description}${more}`));
}

export async function render(main) {
  let data;
  try { data = await get('reporting'); } catch (e) {
    main.append(h('h1', {}, 'Reporting obligations'), h('p', { class: 'error' }, e.message));
    return null;
  }
  main.append(h('h1', {}, 'Reporting obligations'),
    h('p', { class: 'muted' }, 'What ICANN\'s Registry Reporting Interfaces expect of each TLD: escrow deposit ' +
      'reports, the escrow agent\'s notifications and the two monthly reports, as received by this server\'s ' +
      '/report/ endpoints (docs/rri.md).'));
  if (data.tlds.length === 0) {
    main.append(h('div', { class: 'empty', id: 'reporting-empty' },
      h('p', {}, 'No TLD has sent a report yet.'),
      h('p', {}, 'Send one with the TLD\'s account, e.g. ', h('code', {},
        'curl -u <tld>_ry:<password> -X PUT -H "Content-Type: text/csv" --data-binary @report.csv ' +
        '<this server>/report/registry-functions-activity/<tld>/<yyyy-mm>'),
      '; its obligations are tracked from then on.')));
    return null;
  }
  const bad = data.tlds.filter((t) => !t.ok).length;
  main.append(h('p', { id: 'reporting-count' }, bad
    ? `${bad} of ${data.tlds.length} TLDs have unmet reporting obligations.`
    : `All ${data.tlds.length} TLDs are up to date.`));
  const rows = [...data.tlds].sort((a, b) => (a.ok - b.ok) || a.tld.localeCompare(b.tld));
  main.append(h('div', { class: 'table-wrap' }, h('table', { id: 'reporting' },
    h('thead', {}, h('tr', {}, h('th', {}, 'TLD'), ...PATHS.map((p) => h('th', {}, p.label)),
      h('th', {}, 'Last upload'))),
    h('tbody', {}, ...rows.map((t) => {
      const byPath = Object.fromEntries(t.paths.map((p) => [p.path, p]));
      const last = t.latest.reduce((a, b) => (!a || b.received > a.received ? b : a), null);
      return h('tr', { 'data-tld': t.tld, class: t.ok ? '' : 'unsatisfactory' },
        h('th', { scope: 'row' }, '.' + t.tld),
        ...PATHS.map((p) => cell(byPath[p.path], t.trackedFrom !== null)),
        last ? h('td', {}, fmtTime(last.received), h('br'),
          h('span', { class: 'muted issue' }, `${TYPE[last.type] || last.type} by ${last.uploadedBy}`)) : h('td', {}, '—'));
    })))));
  return null;
}
