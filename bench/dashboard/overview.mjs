// bench/dashboard/run's browser half: N page loads of the overview (login
// done once; the session cookie kept), each timed from navigation start to
// the moment the table holds every row; baseline: the login form's load.
import { createRequire } from 'node:module';
const require = createRequire(process.cwd() + '/');
const { chromium } = require('@playwright/test');

const url = process.env.TLDMON_URL;
const rows = Number(process.env.TLDMON_ROWS);
const runs = 7;
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-background-networking', '--no-first-run'] });
const shell = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url + '/ui/');
  await page.waitForSelector('#username');
  shell.push(await page.evaluate(() => performance.now()));
  await context.close();
}
const context = await browser.newContext();
const login = await context.request.post(url + '/ui/api/login', { data: { username: 'bench', password: 'bench-pw' } });
if (!login.ok()) throw new Error('login failed: ' + login.status());
const overview = [], fetched = [];
let bytes = 0;
for (let i = 0; i < runs; i++) {
  const page = await context.newPage();
  const response = page.waitForResponse((r) => r.url().endsWith('/ui/api/overview'));
  await page.goto(url + '/ui/');
  bytes = (await (await response).body()).length;
  // Usable: the count says every row is in, and the first screenful is drawn.
  await page.waitForFunction((n) => document.querySelector('#count')?.textContent === `${n} of ${n} rows` &&
    document.querySelectorAll('#overview-rows tr[data-entity]').length >= 20, rows, { timeout: 60_000 });
  overview.push(await page.evaluate(() => performance.now()));
  fetched.push(await page.evaluate(() => performance.getEntriesByType('resource')
    .find((e) => e.name.endsWith('/ui/api/overview')).responseEnd));
  if (i === 0) {
    // The window is drawn right: the page is as tall as every row, and a
    // scroll to the end shows the last rows.
    const height = await page.evaluate(() => document.body.scrollHeight);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(200);
    const last = await page.evaluate(() => document.querySelectorAll('#overview-rows tr[data-entity]').length);
    console.log(`page height ${height} px for ${rows} rows; ${last} rows drawn at the end`);
  }
  await page.close();
}
await browser.close();
console.log(`login form (baseline): median ${median(shell).toFixed(0)} ms over ${runs} loads`);
console.log(`overview, ${rows} rows usable: median ${median(overview).toFixed(0)} ms, worst ${Math.max(...overview).toFixed(0)} ms (JSON ${Math.round(bytes / 1024)} KiB)`);
console.log(`  of which the overview JSON had arrived at: median ${median(fetched).toFixed(0)} ms`);
console.log(`ratio to the baseline: ${(median(overview) / median(shell)).toFixed(2)}x`);
