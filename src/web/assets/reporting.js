// Reporting obligations (RRI, docs/rri.md): per TLD, whether each report
// ICANN expects arrived — full and differential escrow deposits, the escrow
// agent's notifications, the two monthly reports — with the newest issue.
import { h, fmtTime } from './dom.js';
import { get, currentSession } from './api.js';

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
  if (!p.enabled) return h('td', {}, h('span', { class: 'badge unk' }, '– disabled'));
  if (!tracked) return h('td', { class: 'muted' }, 'not tracked yet');
  if (p.status === 'ok') return h('td', {}, h('span', { class: 'badge up' }, '✔ ok'));
  const newest = p.issues[0];
  const more = p.issues.length > 1 ? ` (+${p.issues.length - 1} more)` : '';
  return h('td', { title: p.issues.map((i) => `${i.date} ${ISSUE[i.description] || i.description}`).join('\n') },
    h('span', { class: 'badge down' }, '✖ unsatisfactory'), h('br'),
    h('span', { class: 'issue' }, `${newest.date}: ${ISSUE[newest.description] || newest.description}${more}`));
}

// How to send a first report: an entity account is told its own TLD and
// user, an operator the placeholders and the admin command.
function firstReport(s, headline) {
  const mine = s && !s.operator && s.entity && s.entity.startsWith('ry/');
  const tld = mine ? s.entity.slice(3) : '<tld>';
  const user = mine ? s.user : '<account>';
  return h('div', { class: 'empty', id: 'reporting-first' },
    h('p', {}, h('strong', {}, headline), ' A TLD\'s obligations are tracked from its first upload',
      mine ? '.' : [' (or from the date set with ', h('code', {}, 'tldmon admin rri set <tld> --tracked-from'), ').']),
    h('p', {}, 'Send a monthly report with an account of the TLD that has the role ' +
      '"RRI - TLD Monthly Reporting" (docs/rri.md): ', h('code', {}, `PUT /report/registrar-transactions/${tld}/<yyyy-mm>`),
      ', e.g.'),
    h('pre', {}, `curl -u ${user} -X PUT -H 'Content-Type: text/csv' --data-binary @transactions.csv \\\n` +
      `  ${location.origin}/report/registrar-transactions/${tld}/<yyyy-mm>`));
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
  const s = currentSession();
  if (s && !s.operator && s.entity && !s.entity.startsWith('ry/')) {
    main.append(h('p', { id: 'reporting-empty' }, 'The RRI reporting obligations are a registry\'s (ry/<tld>); ' +
      `${s.entity} is a registrar.`));
    return null;
  }
  if (data.tlds.length === 0) {
    main.append(firstReport(s, 'No TLD has sent a report yet.'));
    return null;
  }
  const bad = data.tlds.filter((t) => !t.ok).length;
  const untracked = data.tlds.filter((t) => t.trackedFrom === null).length;
  const n = data.tlds.length;
  let count = n === 1
    ? `.${data.tlds[0].tld} ${bad ? 'has unmet reporting obligations.' : untracked ? 'has not sent a report yet.' : 'is up to date.'}`
    : bad ? `${bad} of ${n} TLDs have unmet reporting obligations.` : `No TLD of ${n} has unmet reporting obligations.`;
  if (n > 1 && untracked) count += ` ${untracked} not tracked yet (no upload).`;
  main.append(h('p', { id: 'reporting-count' }, count));
  // Unmet obligations first, TLDs not tracked yet last.
  const rows = [...data.tlds].sort((a, b) => (a.ok - b.ok) ||
    ((a.trackedFrom === null) - (b.trackedFrom === null)) || a.tld.localeCompare(b.tld));
  main.append(h('div', { class: 'table-wrap' }, h('table', { id: 'reporting' },
    h('thead', {}, h('tr', {}, h('th', {}, 'TLD'), ...PATHS.map((p) => h('th', {}, p.label)),
      h('th', {}, 'Last upload'))),
    h('tbody', {}, ...rows.map((t) => {
      const byPath = Object.fromEntries(t.paths.map((p) => [p.path, p]));
      const last = t.latest.reduce((a, b) => (!a || b.received > a.received ? b : a), null);
      return h('tr', { 'data-tld': t.tld, class: t.ok ? '' : 'unsatisfactory' },
        h('th', { scope: 'row' }, '.' + t.tld, h('br'), h('span', { class: 'muted issue' },
          t.trackedFrom ? `since ${t.trackedFrom}` : 'no upload yet')),
        ...PATHS.map((p) => cell(byPath[p.path], t.trackedFrom !== null)),
        last ? h('td', {}, fmtTime(last.received), h('br'),
          h('span', { class: 'muted issue' }, `${TYPE[last.type] || last.type} by ${last.uploadedBy}`)) : h('td', { class: 'muted' }, 'none'));
    })))));
  if (data.tlds.every((t) => t.trackedFrom === null)) main.append(firstReport(s, 'Nothing is tracked yet.'));
  return null;
}
