// The dashboard as a user sees it, in Debian's Chromium, against a running
// `tldmon demo` (started by ./run; TLDMON_URL). The demo's stories are the
// fixture: ry/broken has an active DNS incident, ry/rdap-flap resolved RDAP
// incidents every hour, ry/example none.
import { test, expect, request as playwrightRequest } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

const PASSWORD = 'demo';
const shots = process.env.TLDMON_SCREENSHOTS || '';

// Sessions are reused across tests: the dashboard counts logins with
// MoSAPI's limits (10 a minute per account), as it must.
const sessions = {};
async function login(page, user, { fresh = false } = {}) {
  if (!fresh && sessions[user]) {
    await page.context().addCookies(sessions[user]);
    await page.goto('/ui/');
    await expect(page.locator('#overview-rows tr[data-entity]').first()).toBeVisible();
    return;
  }
  await page.goto('/ui/');
  await expect(page.locator('#username')).toBeVisible();
  await page.fill('#username', user);
  await page.fill('#password', PASSWORD);
  await page.click('form.login button[type=submit]');
  await expect(page.locator('#overview-rows tr[data-entity]').first()).toBeVisible();
  if (!fresh) sessions[user] = await page.context().cookies();
}

function row(page, entity, service) {
  return page.locator(`#overview-rows tr[data-entity="${entity}"][data-service="${service}"]`);
}

// A MoSAPI document read the way MoSAPI clients read it: log in, GET.
async function mosapi(entity, user, docPath) {
  const ctx = await playwrightRequest.newContext({ baseURL: process.env.TLDMON_URL });
  const login = await ctx.get(`/${entity}/login`, {
    headers: { Authorization: 'Basic ' + Buffer.from(`${user}:${PASSWORD}`).toString('base64') },
  });
  expect(login.status()).toBe(200);
  const res = await ctx.get(`/${entity}/v2/monitoring/${docPath}`);
  expect(res.status()).toBe(200);
  const body = await res.json();
  await ctx.dispose();
  return body;
}

// Pixels of a canvas that are painted (not transparent, not white).
async function paintedPixels(page, selector) {
  return page.locator(selector).first().evaluate((canvas) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i + 3] > 0 && !(data[i] > 250 && data[i + 1] > 250 && data[i + 2] > 250)) n++;
    return n;
  });
}

async function screenshot(page, name, selector) {
  if (!shots) return;
  fs.mkdirSync(shots, { recursive: true });
  if (selector) return page.locator(selector).screenshot({ path: path.join(shots, name) });
  await page.screenshot({ path: path.join(shots, name), fullPage: true });
}

test('the root redirects to the dashboard, which asks for a login and refuses a wrong password', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/ui\/#\/login$/);
  await page.fill('#username', 'operator');
  await page.fill('#password', 'not-the-password');
  await page.click('form.login button[type=submit]');
  await expect(page.locator('#login-error')).toHaveText(/Wrong user name or password/);
  await screenshot(page, 'login.png');
});

test('the overview shows the seeded entities with their statuses, worst first, and filters by TLD', async ({ page }) => {
  await login(page, 'operator');
  await expect(row(page, 'ry/broken', 'dns').locator('td.status')).toContainText('Down');
  await expect(row(page, 'ry/example', 'dns').locator('td.status')).toContainText('Up');
  await expect(row(page, 'rr/9999', 'rdap')).toHaveCount(1);
  // Worst first: the budget shares never increase down the table.
  const shares = await page.locator('#overview-rows tr .pct').allTextContents();
  const values = shares.map((s) => parseFloat(s));
  expect(values.length).toBeGreaterThan(10);
  for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
  expect(values[0]).toBeGreaterThan(0);
  await screenshot(page, 'overview.png');
  await page.fill('#search', 'exam');
  const entities = await page.locator('#overview-rows tr[data-entity]').evaluateAll((rows) => rows.map((r) => r.dataset.entity));
  expect(entities.length).toBe(4);
  expect(new Set(entities)).toEqual(new Set(['ry/example']));
});

test("the gauges show the API's downtime and emergencyThreshold", async ({ page }) => {
  const downtime = (await mosapi('ry/broken', 'broken_ry', 'dns/downtime')).downtime;
  const state = await mosapi('ry/broken', 'broken_ry', 'state');
  const share = state.testedServices.DNS.emergencyThreshold;
  expect(downtime).toBeGreaterThan(0);
  await login(page, 'operator');
  // The demo runs in real time: a cycle may end between the two reads, so
  // compare against the API again if the page is one cycle ahead.
  const cell = (await row(page, 'ry/broken', 'dns').locator('td.downtime').textContent()).trim();
  const shown = parseInt(cell, 10);
  const now = (await mosapi('ry/broken', 'broken_ry', 'dns/downtime')).downtime;
  expect([downtime, now]).toContain(shown);
  expect(cell).toBe(`${shown} / 240 min`);
  const meter = await row(page, 'ry/broken', 'dns').locator('meter').getAttribute('value');
  if (shown === downtime) expect(Number(meter)).toBeCloseTo(share, 3);
  await page.click('#overview-rows tr[data-entity="ry/broken"][data-service="dns"] a');
  const card = page.locator('section.card[data-service="dns"]');
  await expect(card.locator('strong.downtime')).toHaveText(/^\d+$/);
  const onPage = parseInt(await card.locator('strong.downtime').textContent(), 10);
  expect(onPage).toBeGreaterThanOrEqual(shown);
  expect(onPage).toBeLessThanOrEqual(shown + 1);
  expect(await card.locator('meter').getAttribute('value')).not.toBeNull();
});

test('the entity page draws its charts for the range', async ({ page }) => {
  await login(page, 'operator');
  await page.goto('/ui/#/entity/ry/broken?days=7');
  await expect(page.locator('#timeline')).toBeVisible();
  for (const id of ['#timeline', '#strip', '#ns-strip'])
    expect(await paintedPixels(page, id)).toBeGreaterThan(2000);
  await expect(page.locator('#reproduce')).toContainText('kdig @');
  await screenshot(page, 'entity.png');
  await page.goto('/ui/#/entity/ry/broken?days=30');
  await expect(page.locator('nav.ranges a[aria-current=page]')).toHaveText('30 days');
  expect(await paintedPixels(page, '#strip')).toBeGreaterThan(2000);
});

test('the RTT charts, the per-probe RTTs and the NSID panel show what the probes measured', async ({ page }) => {
  await login(page, 'operator');
  await page.goto('/ui/#/entity/ry/example?days=7');
  const api = async (p) => (await page.request.get(`/ui/api/entity/ry/example/${p}?days=7`)).json();
  const [rtt, probes, nsid] = await Promise.all([api('rtt'), api('probes'), api('nsid')]);
  // One uPlot chart per name-server IP, drawn.
  await expect(page.locator('#rtt .rtt-chart')).toHaveCount(rtt.series.length);
  expect(await paintedPixels(page, '#rtt .rtt-chart canvas')).toBeGreaterThan(2000);
  // Every probe with an RTT, slowest median first, and the slowest charted.
  const rows = page.locator('#probe-rtt-table tbody tr');
  await expect(rows).toHaveCount(probes.probes.length);
  expect(probes.probes.length).toBeGreaterThan(5);
  await expect(rows.first()).toHaveClass(/selected/);
  await expect(rows.first()).toHaveAttribute('data-probe', probes.probe);
  await expect(page.locator('#probe-rtt-chart .u-title')).toHaveText(`Probe ${probes.probe}`);
  expect(await paintedPixels(page, '#probe-rtt-chart canvas')).toBeGreaterThan(2000);
  const other = await rows.last().getAttribute('data-probe');
  await rows.last().locator('button').click();
  await expect(page.locator('#probe-rtt-chart .u-title')).toHaveText(`Probe ${other}`);
  await expect(rows.last()).toHaveClass(/selected/);
  await expect(rows.first()).not.toHaveClass(/selected/);
  // NSIDs: one row per name-server IP, the instances as tags, the changes.
  await expect(page.locator('#nsid-table tbody tr')).toHaveCount(nsid.pairs.length);
  const instances = nsid.pairs.reduce((n, p) => n + p.instances.length, 0);
  expect(instances).toBeGreaterThan(0);
  await expect(page.locator('#nsid-table .tag')).toHaveCount(instances);
  expect(nsid.changeCount).toBeGreaterThan(0);  // the simulator reroutes now and then
  const newest = nsid.pairs.flatMap((p) => p.changes).sort((a, b) => b.time - a.time)[0];
  await expect(page.locator('#nsid-changes tbody tr').first()).toContainText(newest.to.text);
  await screenshot(page, 'entity-rtt.png', '#probe-rtt');
  await screenshot(page, 'entity-nsid.png', '#nsid');
});

test('an operator marks an incident false positive and it shows on the timeline', async ({ page }) => {
  await login(page, 'operator');
  await page.goto('/ui/#/entity/ry/rdap-flap?days=7');
  const first = page.locator('#incidents tbody tr:not(.fp)').filter({ hasText: 'Resolved' }).first();
  await expect(first).toBeVisible();
  const id = await first.getAttribute('data-incident');
  // The timeline is drawn on the next animation frame after each render.
  const drawn = (fp) => page.waitForFunction(([id, fp]) => {
    const c = document.querySelector('#timeline');
    return c && c.bars && c.bars.some((b) => b.id === id && b.falsePositive === fp);
  }, [id, fp]);
  const bar = async () => page.locator('#timeline').evaluate((c, id) => {
    const b = c.bars.find((x) => x.id === id);
    const ratio = c.width / c.getBoundingClientRect().width;
    const px = c.getContext('2d').getImageData(Math.round((b.x + 1) * ratio), Math.round((b.y + b.h / 2) * ratio), 1, 1).data;
    return { fp: b.falsePositive, rgb: [px[0], px[1], px[2]] };
  }, id);
  await drawn(false);
  const before = await bar();
  expect(before.fp).toBe(false);
  expect(before.rgb).toEqual([0xe8, 0x74, 0x3b]);  // resolved: orange
  await page.locator(`#incidents tr[data-incident="${id}"] button.fp-toggle`).click();
  const marked = page.locator(`#incidents tr[data-incident="${id}"]`);
  await expect(marked.locator('.tag.fp')).toHaveText('FP', { timeout: 20_000 });
  await drawn(true);
  const after = await bar();
  expect(after.fp).toBe(true);
  expect(after.rgb).not.toEqual([0xe8, 0x74, 0x3b]);  // hatched grey now
  const api = await mosapi('ry/rdap-flap', 'rdap-flap_ry', `rdap/incidents/${id}/falsePositive`);
  expect(api.falsePositive).toBe(true);
  // And back, through the same button.
  await marked.locator('button.fp-toggle').click();
  await expect(page.locator(`#incidents tr[data-incident="${id}"] .tag.fp`)).toHaveCount(0, { timeout: 20_000 });
});

test('an entity account sees its entity only and cannot mark incidents', async ({ page }) => {
  await login(page, 'example_ry');
  const entities = await page.locator('#overview-rows tr[data-entity]').evaluateAll((rows) => rows.map((r) => r.dataset.entity));
  expect(entities.length).toBeGreaterThan(0);
  expect(new Set(entities)).toEqual(new Set(['ry/example']));
  const other = await page.request.get('/ui/api/entity/ry/broken');
  expect(other.status()).toBe(403);
  await page.goto('/ui/#/entity/ry/broken');
  await expect(page.locator('main .error')).toContainText('does not see ry/broken');
  const session = await (await page.request.get('/ui/api/session')).json();
  const change = await page.request.post('/ui/api/entity/ry/example/dns/incidents/1.1/falsePositive',
    { data: { csrf: session.csrf, falsePositive: true } });
  expect(change.status()).toBe(403);
});

test('a state change without the CSRF token is refused', async ({ page }) => {
  await login(page, 'operator');
  const url = '/ui/api/entity/ry/rdap-flap/rdap/incidents/1.1/falsePositive';
  expect((await page.request.post(url, { data: { falsePositive: true } })).status()).toBe(403);
  expect((await page.request.post(url, { data: { csrf: '0'.repeat(32), falsePositive: true } })).status()).toBe(403);
  expect((await page.request.post('/ui/api/logout', { data: {} })).status()).toBe(403);
  // Still logged in: the refused logout changed nothing.
  expect((await page.request.get('/ui/api/session')).status()).toBe(200);
});

test('logout ends the session', async ({ page }) => {
  await login(page, 'operator', { fresh: true });
  await page.click('#logout');
  await expect(page.locator('#username')).toBeVisible();
  expect((await page.request.get('/ui/api/session')).status()).toBe(401);
  expect((await page.request.get('/ui/api/overview')).status()).toBe(401);
});

test('the overview works on a phone screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, 'operator');
  await expect(row(page, 'ry/broken', 'dns')).toBeVisible();
  await screenshot(page, 'overview-phone.png');
});

test('an incident page shows its cycles, the failing IPs and each measurement as MoSAPI JSON', async ({ page }) => {
  await login(page, 'operator');
  await page.goto('/ui/#/entity/ry/broken?days=7');
  const link = page.locator('#incidents tbody tr').filter({ hasText: 'Active' }).first().locator('a');
  const id = await link.textContent();
  await link.click();
  await expect(page.locator('#incident-facts')).toContainText(id);
  await expect(page.locator('#probe-results tbody tr').first()).toBeVisible();
  await expect(page.locator('#cycle-detail')).toContainText('error -200');
  const json = page.locator('#incident-cycles a').first();
  const href = await json.getAttribute('href');
  expect(href).toMatch(new RegExp(`^/ui/mosapi/ry/broken/v2/monitoring/dns/incidents/${id.replace('.', '\\.')}/measurements/\\d+\\.\\d+\\.json$`));
  // The same bytes as MoSAPI serves its clients.
  const viaDashboard = await (await page.request.get(href)).json();
  const ctx = await playwrightRequest.newContext({ baseURL: process.env.TLDMON_URL });
  await ctx.get('/ry/broken/login', { headers: { Authorization: 'Basic ' + Buffer.from('broken_ry:demo').toString('base64') } });
  const viaMosapi = await (await ctx.get(href.replace('/ui/mosapi', ''))).json();
  await ctx.dispose();
  expect(viaDashboard).toEqual(viaMosapi);
  expect(viaDashboard.status).toBe('Down');
  await screenshot(page, 'incident.png');
});

test('the probes page lists every probe with its online history', async ({ page }) => {
  await login(page, 'operator');
  await page.click('nav a[href="#/probes"]');
  await expect(page.locator('#probes tbody tr')).toHaveCount(25);
  expect(await paintedPixels(page, '#probe-strip')).toBeGreaterThan(2000);
  await screenshot(page, 'probes.png');
});

test('maintenance windows are created and deleted with the API\'s own validation', async ({ page }) => {
  await login(page, 'example_ry');
  await page.goto('/ui/#/maintenance/ry/example');
  await expect(page.locator('#no-windows')).toBeVisible();
  await page.fill('#mw-id', 'browser-test');
  await page.fill('#mw-name', 'Upgrade');
  await page.fill('#mw-start', '2031-01-10T10:00');
  await page.fill('#mw-end', '2031-01-10T09:00');
  await page.click('#maintenance-form button[type=submit]');
  await expect(page.locator('#maintenance-error')).toContainText('400');  // MoSAPI's 2007
  await page.fill('#mw-end', '2031-01-10T12:00');
  await page.click('#maintenance-form button[type=submit]');
  const row = page.locator('#maintenance tr[data-id="browser-test"]');
  await expect(row).toContainText('2031-01-10 10:00 UTC');
  await screenshot(page, 'maintenance.png');
  page.once('dialog', (d) => d.accept());
  await row.locator('button').click();
  await expect(page.locator('#no-windows')).toBeVisible();
  // Another entity's windows are not this account's.
  expect((await page.request.get('/ui/mosapi/ry/broken/v2/maintenance')).status()).toBe(403);
  // A change without the CSRF token is refused before MoSAPI sees it.
  const put = await page.request.put('/ui/mosapi/ry/example/v2/maintenance/x',
    { data: { version: 2, scheduleID: 'x', name: 'n', description: '', startTime: 1924000000, endTime: 1924003600 } });
  expect(put.status()).toBe(403);
});

test('the monthly report downloads as CSV', async ({ page }) => {
  await login(page, 'operator');
  await page.goto('/ui/#/report/ry/broken');
  await expect(page.locator('table.monthly')).toContainText('DNS downtime');
  const csv = await (await page.request.get(await page.locator('#csv').getAttribute('href'))).text();
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe('entity,figure,month,value,unit,limit,met');
  const dns = lines.find((l) => l.startsWith('ry/broken,dns downtime,'));
  expect(dns).toMatch(/,min,0,no$/);  // DNS's SLR is no downtime at all
  await screenshot(page, 'report.png');
});

test('the monthly report offers the past months the engine kept', async ({ page }) => {
  await login(page, 'operator');
  await page.goto('/ui/#/report/ry/broken');
  const api = await (await page.request.get('/ui/api/entity/ry/broken/monthly')).json();
  expect(api.current).toBe(true);
  expect(api.months[0]).toBe(api.month);  // the current month first
  await expect(page.locator('#month option')).toHaveCount(api.months.length);
  await expect(page.locator('#month')).toHaveValue(api.month);
  expect((await page.request.get('/ui/api/entity/ry/broken/monthly?month=1999-01')).status()).toBe(404);
  expect((await page.request.get('/ui/api/entity/ry/broken/monthly?month=jan')).status()).toBe(400);
  // The demo's simulated week crosses a month start on the first days of a
  // month only; then the month before is there, with its final figures.
  if (api.months.length < 2) return;
  const past = api.months[1];
  await page.locator('#month').selectOption(past);
  await expect(page).toHaveURL(new RegExp(`month=${past}$`));
  await expect(page.locator('main')).toContainText(`Final figures of ${past}`);
  await expect(page.locator('table.monthly')).toContainText(past);
  await expect(page.locator('table.monthly')).not.toContainText(api.month);
  const csv = await (await page.request.get(await page.locator('#csv').getAttribute('href'))).text();
  expect(csv).toContain(`ry/broken,dns downtime,${past},`);
  await screenshot(page, 'report-past.png');
});

// The RRI (docs/rri.md) as a registry's tool uses it: Basic on every request.
async function rriPut(entityUser, urlPath, contentType, body) {
  const ctx = await playwrightRequest.newContext({ baseURL: process.env.TLDMON_URL });
  const res = await ctx.put(urlPath, {
    headers: { Authorization: 'Basic ' + Buffer.from(`${entityUser}:${PASSWORD}`).toString('base64'),
               'Content-Type': contentType },
    data: body,
  });
  const text = await res.text();
  await ctx.dispose();
  return { status: res.status(), text };
}

const ACTIVITY_COLUMNS = ['operational-registrars', 'zfa-passwords', 'whois-43-queries', 'web-whois-queries',
  'searchable-whois-queries', 'dns-udp-queries-received', 'dns-udp-queries-responded', 'dns-tcp-queries-received',
  'dns-tcp-queries-responded', 'srs-dom-check', 'srs-dom-create', 'srs-dom-delete', 'srs-dom-info', 'srs-dom-renew',
  'srs-dom-rgp-restore-report', 'srs-dom-rgp-restore-request', 'srs-dom-transfer-approve', 'srs-dom-transfer-cancel',
  'srs-dom-transfer-query', 'srs-dom-transfer-reject', 'srs-dom-transfer-request', 'srs-dom-update', 'srs-host-check',
  'srs-host-create', 'srs-host-delete', 'srs-host-info', 'srs-host-update', 'srs-cont-check', 'srs-cont-create',
  'srs-cont-delete', 'srs-cont-info', 'srs-cont-transfer-approve', 'srs-cont-transfer-cancel',
  'srs-cont-transfer-query', 'srs-cont-transfer-reject', 'srs-cont-transfer-request', 'srs-cont-update'];

test('the reporting page shows which RRI obligations each TLD meets', async ({ page }) => {
  // Before any upload: the empty state says how to send a first report.
  await login(page, 'operator');
  await page.goto('/ui/#/reporting');
  await expect(page.locator('#reporting-first')).toContainText('No TLD has sent a report yet');
  await expect(page.locator('#reporting-first pre')).toContainText('/report/registrar-transactions/<tld>/<yyyy-mm>');
  await screenshot(page, 'reporting-empty.png');

  // ry/broken: a full deposit of eight days ago and nothing since.
  const day = new Date(Date.now() - 8 * 86400e3).toISOString().slice(0, 10);
  const id = day.replaceAll('-', '') + '001';
  const report = `<?xml version="1.0" encoding="UTF-8"?>
<rdeReport:report xmlns:rdeReport="urn:ietf:params:xml:ns:rdeReport-1.0" xmlns:rdeHeader="urn:ietf:params:xml:ns:rdeHeader-1.0">
  <rdeReport:id>${id}</rdeReport:id><rdeReport:version>1</rdeReport:version>
  <rdeReport:rydeSpecEscrow>RFC8909</rdeReport:rydeSpecEscrow><rdeReport:rydeSpecMapping>RFC9022</rdeReport:rydeSpecMapping>
  <rdeReport:resend>0</rdeReport:resend><rdeReport:crDate>${day}T01:00:00Z</rdeReport:crDate>
  <rdeReport:kind>FULL</rdeReport:kind><rdeReport:watermark>${day}T00:00:00Z</rdeReport:watermark>
  <rdeHeader:header><rdeHeader:tld>broken</rdeHeader:tld>
    <rdeHeader:count uri="urn:ietf:params:xml:ns:rdeDomain-1.0">3</rdeHeader:count></rdeHeader:header>
</rdeReport:report>`;
  let r = await rriPut('broken_ry', `/report/registry-escrow-report/broken/${id}`, 'text/xml', report);
  expect(r.status, r.text).toBe(200);
  expect(r.text).toContain('code="1000"');
  // ry/example: last month's activity report, its first upload: nothing due yet.
  const first = new Date(); first.setUTCDate(1);
  const month = new Date(first.getTime() - 86400e3).toISOString().slice(0, 7);
  const csv = ACTIVITY_COLUMNS.join(',') + '\r\n' + ['9', 'CZDS', ...Array(35).fill('0')].join(',') + '\r\n';
  r = await rriPut('example_ry', `/report/registry-functions-activity/example/${month}`, 'text/csv', csv);
  expect(r.status, r.text).toBe(200);

  await page.reload();  // the page does not poll: uploads are rare
  const broken = page.locator('#reporting tr[data-tld="broken"]');
  await expect(broken).toContainText('unsatisfactory');
  await expect(broken).toContainText('missing deposit');
  await expect(broken).toContainText('no report received');  // the agent's notices
  const example = page.locator('#reporting tr[data-tld="example"]');
  await expect(example).toContainText('ok');
  await expect(example).not.toContainText('unsatisfactory');
  await expect(example).toContainText('activity report by example_ry');
  await expect(broken.locator('th')).toContainText(`since ${day}`);
  await expect(page.locator('#reporting-count')).toContainText('1 of 2 TLDs');
  await screenshot(page, 'reporting.png');

  // An entity account sees its own TLD only; a registrar's is not offered the page.
  await page.context().clearCookies();
  await login(page, 'example_ry');
  await page.goto('/ui/#/reporting');
  await expect(page.locator('#reporting tr[data-tld="example"]')).toContainText('ok');
  await expect(page.locator('#reporting tbody tr')).toHaveCount(1);
  await expect(page.locator('#reporting-count')).toHaveText('.example is up to date.');
  await page.context().clearCookies();
  await login(page, '9999_rr');
  await expect(page.locator('#nav a[href="#/reporting"]')).toHaveCount(0);
  await page.goto('/ui/#/reporting');
  await expect(page.locator('#reporting-empty')).toContainText('rr/9999 is a registrar');
});
