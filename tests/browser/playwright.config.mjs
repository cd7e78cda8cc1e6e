// Playwright drives Debian's Chromium (never a downloaded browser): see run.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.mjs/,
  timeout: 60_000,
  workers: 1,  // one demo server; the tests change its incidents in order
  retries: 0,
  reporter: [['list']],
  outputDir: process.env.TLDMON_BROWSER_OUT || 'test-results',
  use: {
    baseURL: process.env.TLDMON_URL,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1366, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      // The machine's network is closed: no background connections at all.
      args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
             '--disable-component-update', '--disable-sync'],
    },
  },
});
