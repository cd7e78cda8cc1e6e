// Small DOM and formatting helpers shared by the pages. No framework: the
// pages build elements with h() or HTML strings through esc(); the
// Content-Security-Policy forbids inline script and style attributes, so
// sizes are set through element.style (the CSSOM), never in markup.

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ESC[c]);
}

// Times are shown in UTC unless the user chose local time (kept per browser).
export function useLocalTime() { return localStorage.getItem('tldmon.tz') === 'local'; }
export function setLocalTime(on) { localStorage.setItem('tldmon.tz', on ? 'local' : 'utc'); }

function pad(n) { return String(n).padStart(2, '0'); }
export function fmtTime(t, withSeconds = false) {
  if (t === null || t === undefined) return '—';
  const d = new Date(t * 1000);
  const local = useLocalTime();
  const Y = local ? d.getFullYear() : d.getUTCFullYear();
  const M = (local ? d.getMonth() : d.getUTCMonth()) + 1;
  const D = local ? d.getDate() : d.getUTCDate();
  const h = local ? d.getHours() : d.getUTCHours();
  const m = local ? d.getMinutes() : d.getUTCMinutes();
  const s = local ? d.getSeconds() : d.getUTCSeconds();
  return `${Y}-${pad(M)}-${pad(D)} ${pad(h)}:${pad(m)}${withSeconds ? ':' + pad(s) : ''}` +
         (local ? '' : ' UTC');
}

export function fmtMinutes(m) {
  if (m === null || m === undefined) return '—';
  if (m < 60) return `${Math.round(m * 10) / 10} min`;
  const hours = Math.floor(m / 60);
  return `${hours} h ${Math.round(m - hours * 60)} min`;
}

export function fmtPercent(p, digits = 1) {
  if (p === null || p === undefined) return '—';
  return `${Number(p).toFixed(digits)} %`;
}

// Status words with a symbol, so status never rests on colour alone.
export function statusBadge(status) {
  const s = String(status || 'unknown');
  const cls = s === 'Up' ? 'up' : s === 'Down' ? 'down' : s.startsWith('Up-inconclusive') ? 'inc' : 'unk';
  const sym = cls === 'up' ? '✔' : cls === 'down' ? '✖' : cls === 'inc' ? '?' : '·';
  return `<span class="badge ${cls}"><span aria-hidden="true">${sym}</span> ${esc(s)}</span>`;
}

export function statusNode(status) {
  const span = h('span');
  span.innerHTML = statusBadge(status);
  return span.firstChild;
}

// A <meter> for a share of the emergency threshold: native, keyboard- and
// screen-reader-friendly, coloured by the browser from low/high/optimum.
export function gaugeHtml(percent, label) {
  const v = Math.max(0, Math.min(100, Number(percent) || 0));
  return `<meter class="gauge" min="0" max="100" low="25" high="75" optimum="0" value="${v}"` +
         ` title="${esc(label)}" aria-label="${esc(label)}"></meter>`;
}
