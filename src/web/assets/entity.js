// The entity page: per service the budget gauge, burn and availability;
// the monthly figures; the incident timeline and list (false positives
// marked, and markable by operators); the per-cycle availability strip of
// every service and name-server IP; commands that reproduce the tests.
import { h, esc, fmtTime, fmtMinutes, fmtPercent, gaugeHtml, statusNode } from './dom.js';
import { get, change, currentSession } from './api.js';
import { drawStrip, drawTimeline, stripLegend, timelineLegend } from './charts.js';
import { renderRtt } from './rtt.js';
import { renderProbeRtt } from './probe_rtt.js';
import { renderNsid } from './nsid.js';

const POLL_MS = 30000;
const RANGES = [[1, '24 h'], [7, '7 days'], [30, '30 days'], [90, '90 days']];

function legend(items) {
  return h('ul', { class: 'legend' }, ...items.map(([cls, text]) =>
    h('li', {}, h('span', { class: 'sw ' + cls, 'aria-hidden': 'true' }), ' ', text)));
}

function serviceCard(s, updated) {
  const pct = s.emergencyThreshold ?? 0;
  const gauge = h('div', { class: 'big-gauge' });
  gauge.innerHTML = gaugeHtml(pct, `${s.downtime} of ${s.threshold} minutes used`);
  const burn = s.burn;
  let outlook;
  if (burn.minutesLeft === 0) outlook = 'The budget is used up.';
  else if (burn.runsOutAt) outlook = `At the last 24 h's rate it runs out ${fmtTime(burn.runsOutAt)}.`;
  else outlook = 'No downtime in the last 24 h: not running out.';
  const avail = h('table', { class: 'small' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Period'), h('th', {}, 'Availability'), h('th', {}, 'Cycles down'))),
    h('tbody', {}, ...s.availability.map((a) => h('tr', {},
      h('th', { scope: 'row' }, a.period), h('td', { class: 'num' }, fmtPercent(a.percent, 3)),
      h('td', { class: 'num' }, `${a.down} of ${a.cycles}`)))));
  return h('section', { class: 'card', 'data-service': s.service },
    h('h3', {}, s.service.toUpperCase(), ' ', statusNode(s.status),
      s.alarmed === 'Yes' ? h('span', { class: 'tag down' }, '⚠ alarmed') : null),
    gauge,
    h('p', { class: 'budget' },
      h('strong', { class: 'downtime' }, String(s.downtime)), ` of ${s.threshold} min used `,
      h('span', { class: 'pct' }, `(${pct.toFixed(3)} %)`), ' · ',
      h('strong', { class: 'left' }, fmtMinutes(burn.minutesLeft)), ' left'),
    h('p', { class: 'muted' }, `Burn: ${fmtMinutes(burn.lastHourMinutes)} in the last hour, ` +
      `${fmtMinutes(burn.lastDayMinutes)} in the last 24 h. ${outlook}`),
    avail);
}

export function monthlyTable(m) {
  if (!m) return h('p', { class: 'muted' }, 'No monthly figures yet.');
  const met = (ok) => ok ? h('span', { class: 'badge up' }, '✔ met') : h('span', { class: 'badge down' }, '✖ not met');
  const rows = [];
  for (const s of m.services || []) {
    rows.push(h('tr', {}, h('th', { scope: 'row' }, `${s.service.toUpperCase()} downtime`), h('td', {}, s.month ?? '—'),
      h('td', { class: 'num' }, `${s.downtime} min`), h('td', { class: 'num' }, `≤ ${s.downtimeSLR} min`),
      h('td', {}, met(s.downtimeMet))));
  }
  for (const r of m.rtt || []) {
    if (!r.performed && !r.month) continue;
    rows.push(h('tr', {}, h('th', { scope: 'row' }, `RTT ${r.kind}`), h('td', {}, r.month ?? '—'),
      h('td', { class: 'num' }, `${r.failedPercent} % of ${r.performed} tests over the limit`),
      h('td', { class: 'num' }, `≤ ${r.failedPercentAllowed} %`), h('td', {}, met(r.met))));
  }
  for (const n of m.nameServerIPs || []) {
    rows.push(h('tr', {}, h('th', { scope: 'row' }, `${n.ns} ${n.ip}`), h('td', {}, n.month ?? '—'),
      h('td', { class: 'num' }, `${n.downtime} min`), h('td', { class: 'num' }, `≤ ${n.downtimeSLR} min`),
      h('td', {}, met(n.downtimeMet))));
  }
  return h('table', { class: 'monthly' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Figure'), h('th', {}, 'Month'), h('th', {}, 'Value'), h('th', {}, 'Limit'), h('th', {}, 'SLR'))),
    h('tbody', {}, ...rows));
}

function incidentTable(data, onChanged) {
  const s = currentSession();
  const rows = [];
  for (const svc of data.services) {
    for (const inc of [...svc.incidents].reverse()) {
      const state = inc.falsePositive ? 'False positive' : inc.endTime === null ? 'Active' : 'Resolved';
      let action = null;
      if (s && s.mayChange) {
        action = h('button', { type: 'button', class: 'fp-toggle', onclick: async (ev) => {
          ev.target.disabled = true;
          try {
            await change(`entity/${data.entity}/${svc.service}/incidents/${inc.incidentID}/falsePositive`,
              { falsePositive: !inc.falsePositive });
            onChanged();
          } catch (e) {
            alert(`Could not change the incident: ${e.message}`);
            ev.target.disabled = false;
          }
        } }, inc.falsePositive ? 'Unmark false positive' : 'Mark false positive');
      }
      rows.push(h('tr', { 'data-incident': inc.incidentID, class: inc.falsePositive ? 'fp' : '' },
        h('td', {}, svc.service.toUpperCase()),
        h('td', { class: 'mono' }, h('a', { href: `#/incident/${data.entity}/${svc.service}/${inc.incidentID}` }, inc.incidentID)),
        h('td', {}, fmtTime(inc.startTime)), h('td', {}, inc.endTime === null ? 'active' : fmtTime(inc.endTime)),
        h('td', { class: 'num' }, String(inc.downCycles)),
        h('td', { class: 'state' }, inc.falsePositive ? h('span', { class: 'tag fp' }, 'FP') : null, ' ', state),
        h('td', {}, action)));
    }
  }
  if (!rows.length) return h('p', { class: 'muted', id: 'no-incidents' }, 'No incidents in this range.');
  return h('table', { class: 'incidents', id: 'incidents' },
    h('thead', {}, h('tr', {}, ...['Service', 'Incident', 'Start', 'End', 'Down cycles', 'State', ''].map((t) => h('th', {}, t)))),
    h('tbody', {}, ...rows));
}

export async function render(main, args) {
  const days = [1, 7, 30, 90].includes(args.days) ? args.days : 7;
  let data;
  try {
    data = await get(`entity/${args.entity}?days=${days}`);
  } catch (e) {
    main.append(h('h1', {}, args.entity), h('p', { class: 'error' }, e.message));
    return null;
  }
  const draw = () => {
    main.replaceChildren();
    const ranges = h('nav', { class: 'ranges', 'aria-label': 'Range' }, ...RANGES.map(([d, label]) =>
      h('a', { href: `#/entity/${data.entity}?days=${d}`, 'aria-current': d === days ? 'page' : null }, label)));
    main.append(
      h('h1', {}, data.entity, ' ', statusNode(data.status), data.cctld ? h('span', { class: 'tag' }, 'ccTLD') : null),
      h('p', { class: 'muted' }, `Data of ${fmtTime(data.updated)}. `, ranges, ' · ',
        h('a', { href: `#/maintenance/${data.entity}` }, 'Maintenance windows'), ' · ',
        h('a', { href: `#/report/${data.entity}` }, 'Monthly report')),
      h('div', { class: 'cards' }, ...data.services.map((s) => serviceCard(s, data.updated))));

    const timeline = h('canvas', { id: 'timeline', role: 'img', 'aria-label': 'Incident timeline' });
    main.append(h('h2', {}, 'Incidents'), h('div', { class: 'chart' }, timeline), legend(timelineLegend),
      incidentTable(data, refresh));

    const stripRows = data.services.map((s) => ({ label: s.service.toUpperCase(), values: s.strip.values, step: s.strip.step }));
    const strip = h('canvas', { id: 'strip', role: 'img', 'aria-label': 'Availability per cycle' });
    const hover = h('p', { class: 'muted hover', 'aria-live': 'polite' }, 'Point at the strip for a column\'s figures.');
    main.append(h('h2', {}, 'Availability per cycle'), h('div', { class: 'chart' }, strip), legend(stripLegend), hover);
    let nsStrip = null;
    if (data.nsIps.rows.length) {
      nsStrip = h('canvas', { id: 'ns-strip', role: 'img', 'aria-label': 'Availability per name-server IP' });
      main.append(h('h2', {}, 'Name-server IPs'), h('div', { class: 'chart' }, nsStrip));
    }
    let rtt = null, probeRtt = null, nsid = null;
    if (data.nsIps.rows.length) {
      rtt = h('section', { id: 'rtt' });
      probeRtt = h('section', { id: 'probe-rtt' });
      nsid = h('section', { id: 'nsid' });
      main.append(h('h2', {}, 'DNS round-trip times'), rtt,
        h('h2', {}, 'DNS round-trip times per probe'), probeRtt,
        h('h2', {}, 'NSIDs (anycast instances)'), nsid);
    }
    main.append(h('h2', {}, 'This month'), monthlyTable(data.monthly));
    if (data.reproduce.length) {
      const pre = h('pre', { id: 'reproduce' }, data.reproduce.join('\n'));
      main.append(h('h2', {}, 'Reproduce the tests'),
        h('p', { class: 'muted' }, 'What the probes send, as commands to run from your own machine:'),
        pre, h('button', { type: 'button', onclick: () => navigator.clipboard?.writeText(pre.textContent) }, 'Copy'));
    }
    // Canvases are sized from their container, so draw once laid out.
    requestAnimationFrame(() => {
      drawTimeline(timeline, data.services.map((s) => ({ label: s.service.toUpperCase(), incidents: s.incidents })),
        data.from, data.to, (t) => fmtTime(t));
      if (stripRows.length) {
        const look = drawStrip(strip, stripRows, data.from, data.to, (t) => fmtTime(t));
        strip.addEventListener('mousemove', (ev) => {
          const r = strip.getBoundingClientRect();
          const hit = look(ev.clientX - r.left, ev.clientY - r.top);
          if (!hit) return;
          hover.textContent = `${hit.row.label} ${fmtTime(hit.start)} – ${fmtTime(hit.end)}: ` +
            (hit.value < 0 ? 'no verdict' : `${Math.round(hit.value * 100)} % of cycles down`);
        });
      }
      if (rtt) renderRtt(rtt, data.entity, days);
      if (probeRtt) renderProbeRtt(probeRtt, data.entity, days);
      if (nsid) renderNsid(nsid, data.entity, days);
      if (nsStrip) {
        const meta = data.nsIps.strip;
        drawStrip(nsStrip, data.nsIps.rows.map((r) => ({ label: `${r.ns} ${r.ip}`, values: r.values, step: meta.step })),
          data.from, data.to, (t) => fmtTime(t));
      }
    });
  };
  async function refresh() {
    try {
      const next = await get(`entity/${args.entity}?days=${days}`);
      if (JSON.stringify(next) === JSON.stringify(data)) return;
      data = next;
      draw();
    } catch (_) { /* keep the last view; the overview shows failures */ }
  }
  draw();
  const timer = setInterval(refresh, POLL_MS);
  const onResize = () => draw();
  window.addEventListener('resize', onResize);
  return () => { clearInterval(timer); window.removeEventListener('resize', onResize); };
}
