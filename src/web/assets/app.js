// The dashboard's shell: hash routes, the header (who is logged in, UTC or
// local time, log out) and the page in <main>. Each page module exports
// render(main, params) and may return a stop() that ends its polling.
import { h, useLocalTime, setLocalTime } from './dom.js';
import { get, change, currentSession, setSession } from './api.js';
import * as login from './login.js';
import * as overview from './overview.js';
import * as entity from './entity.js';
import * as incident from './incident.js';
import * as probes from './probes.js';
import * as reporting from './reporting.js';
import * as maintenance from './maintenance.js';
import * as report from './report.js';

const main = document.getElementById('main');
const who = document.getElementById('who');
const nav = document.getElementById('nav');
let stopPage = null;

function parseRoute() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query] = hash.split('?');
  const params = new URLSearchParams(query || '');
  const parts = path.split('/').filter(Boolean);
  return { parts, params };
}

function renderHeader() {
  const s = currentSession();
  who.replaceChildren();
  nav.replaceChildren();
  const tz = h('button', {
    class: 'link', type: 'button', title: 'Show times in UTC or in this browser\'s time zone',
    onclick: () => { setLocalTime(!useLocalTime()); route(); },
  }, useLocalTime() ? 'Local time' : 'UTC');
  if (!s) { who.append(tz); return; }
  // Reporting (RRI) is a registry's: not offered to a registrar's account.
  nav.append(h('a', { href: '#/' }, 'Overview'), h('a', { href: '#/probes' }, 'Probes'));
  if (s.operator || String(s.entity).startsWith('ry/')) nav.append(h('a', { href: '#/reporting' }, 'Reporting'));
  who.append(
    h('span', { class: 'user', title: s.operator ? 'operator account' : 'account of ' + s.entity },
      s.user, s.operator ? ' (operator)' : ''),
    ' ', tz, ' ',
    h('button', { class: 'link', type: 'button', id: 'logout', onclick: logout }, 'Log out'));
}

async function logout() {
  try { await change('logout', {}); } catch (_) { /* the session may be gone already */ }
  setSession(null);
  location.hash = '#/login';
}

async function ensureSession() {
  if (currentSession()) return true;
  try {
    setSession(await get('session'));
    return true;
  } catch (_) {
    return false;
  }
}

async function route() {
  if (stopPage) { stopPage(); stopPage = null; }
  const { parts, params } = parseRoute();
  if (parts[0] !== 'login' && !(await ensureSession())) {
    location.hash = '#/login';
    return;
  }
  renderHeader();
  main.replaceChildren();
  let page = overview, args = {};
  if (parts[0] === 'login') page = login;
  else if (parts[0] === 'entity' && parts.length >= 3) {
    page = entity;
    args = { entity: parts[1] + '/' + parts[2], days: Number(params.get('days')) || 7 };
  } else if (parts[0] === 'incident' && parts.length >= 5) {
    page = incident;
    args = { entity: parts[1] + '/' + parts[2], service: parts[3], incident: parts[4] };
  } else if (parts[0] === 'probes') {
    page = probes;
  } else if (parts[0] === 'reporting') {
    page = reporting;
  } else if ((parts[0] === 'maintenance' || parts[0] === 'report') && parts.length >= 3) {
    page = parts[0] === 'maintenance' ? maintenance : report;
    args = { entity: parts[1] + '/' + parts[2], month: params.get('month') || '' };
  } else if (parts.length > 0) {
    main.append(h('p', {}, 'No such page. ', h('a', { href: '#/' }, 'Go to the overview.')));
    return;
  }
  stopPage = (await page.render(main, args, { route })) || null;
  main.focus({ preventScroll: true });
}

window.addEventListener('hashchange', route);
route();
