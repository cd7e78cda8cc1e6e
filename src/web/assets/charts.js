// Canvas charts drawn by hand: the per-cycle availability strip (a
// DNSMON-style heat map, rows × time columns) and the incident timeline
// (Grafana state-timeline style). Colours come from a colour-blind-safe
// ramp (light → dark blue-violet → orange) and each chart has a text
// legend; the exact values are also in the tables beside them.

const NO_DATA = '#e4e4e4';
// Share of cycles down in a column: 0 is good; darker and warmer is worse.
function downColour(share) {
  if (share < 0) return NO_DATA;
  if (share === 0) return '#4c9be8';
  if (share < 0.25) return '#f2c14e';
  if (share < 0.75) return '#e8743b';
  return '#b2182b';
}

function setup(canvas, cssWidth, cssHeight) {
  const ratio = window.devicePixelRatio || 1;
  canvas.style.width = cssWidth + 'px';
  canvas.style.height = cssHeight + 'px';
  canvas.width = Math.round(cssWidth * ratio);
  canvas.height = Math.round(cssHeight * ratio);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.font = '12px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  return ctx;
}

const LABEL_W = 190, ROW_H = 18, AXIS_H = 20;

function drawAxis(ctx, x0, width, y, from, to, fmt) {
  ctx.fillStyle = '#555';
  // Labels are about 140 px wide: at most one per 230 px, so none overlap.
  const ticks = Math.max(2, Math.floor(width / 230));
  for (let i = 0; i <= ticks; i++) {
    const t = from + ((to - from) * i) / ticks;
    const x = x0 + (width * i) / ticks;
    ctx.fillRect(Math.min(x, x0 + width - 1), y, 1, 4);
    // The end labels align inwards so that none is cut or overlaps.
    ctx.textAlign = i === 0 ? 'left' : i === ticks ? 'right' : 'center';
    ctx.fillText(fmt(t), x, y + 12);
  }
}

// rows: [{label, values: [share|-1...], step}] over [from, to): each row's
// columns cover `step` seconds from `from` (services differ: DNS cycles are
// 1 minute, RDAP's 5). Returns a lookup for hover text.
export function drawStrip(canvas, rows, from, to, fmt) {
  const width = Math.max(300, canvas.parentElement.clientWidth - 4);
  const plotW = width - LABEL_W;
  const ctx = setup(canvas, width, rows.length * ROW_H + AXIS_H + 4);
  const scale = plotW / (to - from);
  rows.forEach((row, r) => {
    const y = r * ROW_H;
    ctx.fillStyle = '#222';
    ctx.textAlign = 'right';
    ctx.fillText(row.label, LABEL_W - 8, y + ROW_H / 2, LABEL_W - 12);
    const colW = row.step * scale;
    row.values.forEach((v, i) => {
      ctx.fillStyle = downColour(v);
      ctx.fillRect(LABEL_W + i * colW, y + 1, Math.max(colW, 1), ROW_H - 2);
    });
  });
  drawAxis(ctx, LABEL_W, plotW, rows.length * ROW_H + 2, from, to, fmt);
  return (x, y) => {
    const r = Math.floor(y / ROW_H);
    if (r < 0 || r >= rows.length || x < LABEL_W) return null;
    const row = rows[r], i = Math.floor((x - LABEL_W) / (row.step * scale));
    if (i < 0 || i >= row.values.length) return null;
    return { row, start: from + i * row.step, end: from + (i + 1) * row.step, value: row.values[i] };
  };
}

// services: [{label, incidents: [{startTime, endTime|null, falsePositive}]}]
export function drawTimeline(canvas, services, from, to, fmt) {
  const width = Math.max(300, canvas.parentElement.clientWidth - 4);
  const plotW = width - LABEL_W;
  const ctx = setup(canvas, width, services.length * (ROW_H + 6) + AXIS_H + 4);
  const x = (t) => LABEL_W + ((Math.min(Math.max(t, from), to) - from) / (to - from)) * plotW;
  // What was drawn where (CSS pixels), for hover text and the browser tests.
  canvas.bars = [];
  services.forEach((s, r) => {
    const y = r * (ROW_H + 6);
    ctx.fillStyle = '#222';
    ctx.textAlign = 'right';
    ctx.fillText(s.label, LABEL_W - 8, y + ROW_H / 2);
    ctx.fillStyle = '#f3f3f3';
    ctx.fillRect(LABEL_W, y, plotW, ROW_H);
    for (const inc of s.incidents) {
      const end = inc.endTime ?? to;
      if (end < from || inc.startTime > to) continue;
      const x0 = x(inc.startTime), w = Math.max(3, x(end) - x0);
      canvas.bars.push({ id: inc.incidentID, service: s.label, x: x0, y, w, h: ROW_H, falsePositive: inc.falsePositive });
      if (inc.falsePositive) {
        // Hatched grey: a false positive does not count.
        ctx.fillStyle = '#9e9e9e';
        ctx.fillRect(x0, y, w, ROW_H);
        ctx.strokeStyle = '#ffffff';
        ctx.beginPath();
        for (let k = -ROW_H; k < w; k += 5) { ctx.moveTo(x0 + k, y + ROW_H); ctx.lineTo(x0 + k + ROW_H, y); }
        ctx.save(); ctx.rect(x0, y, w, ROW_H); ctx.clip(); ctx.stroke(); ctx.restore();
      } else {
        ctx.fillStyle = inc.endTime === null ? '#b2182b' : '#e8743b';
        ctx.fillRect(x0, y, w, ROW_H);
      }
    }
  });
  drawAxis(ctx, LABEL_W, plotW, services.length * (ROW_H + 6), from, to, fmt);
}

// Legends: [css class of the swatch (style.css), text].
export const stripLegend = [
  ['sw-up', 'all cycles up'], ['sw-low', 'under 25 % down'], ['sw-mid', '25–75 % down'],
  ['sw-high', 'over 75 % down'], ['sw-none', 'no verdict'],
];
export const timelineLegend = [
  ['sw-high', 'active incident'], ['sw-mid', 'resolved incident'], ['sw-fp', 'false positive (hatched)'],
];
