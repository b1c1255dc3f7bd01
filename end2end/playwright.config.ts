import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// `cargo xtask test` starts Temporal, the fixture worker and the server, then runs
// `npx playwright test` here with these two variables. Nothing is started from this file.
const baseURL = process.env.BASE_URL;
const manifest = process.env.TDBG_FIXTURE_MANIFEST;

function configError(message: string): never {
  throw new Error(
    `${message}\n` +
      'The end-to-end tests run against an already running debugger and fixture worker:\n' +
      '  BASE_URL=http://127.0.0.1:13000 TDBG_FIXTURE_MANIFEST=/abs/path/manifest.json npx playwright test\n' +
      '(`cargo xtask test` sets both).',
  );
}

if (!baseURL) configError('BASE_URL is not set (the debugger server, e.g. http://127.0.0.1:13000).');
if (!/^https?:\/\/[^/]+$/.test(baseURL.replace(/\/$/, ''))) {
  configError(`BASE_URL must be an origin such as http://127.0.0.1:13000, got ${JSON.stringify(baseURL)}.`);
}
if (!manifest) configError('TDBG_FIXTURE_MANIFEST is not set (absolute path of the manifest written by end2end/fixtures/worker.py).');
if (!isAbsolute(manifest)) configError(`TDBG_FIXTURE_MANIFEST must be an absolute path, got ${JSON.stringify(manifest)}.`);
if (!existsSync(manifest)) configError(`TDBG_FIXTURE_MANIFEST points to ${manifest}, which does not exist.`);

// Debian's Chromium: Playwright's own browser downloads are not available here.
const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
};

export default defineConfig({
  testDir: './tests',
  // Waits once for the server, Temporal, the fixtures the specs open and Chromium.
  globalSetup: './global-setup.ts',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  workers: 2,
  retries: 0,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: baseURL.replace(/\/$/, ''),
    headless: true,
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    // Every spec runs twice: hydrated (WASM) and as plain server-rendered HTML.
    { name: 'js', use: { ...chromium, javaScriptEnabled: true } },
    // Specs about client-side behaviour are tagged @js-only.
    { name: 'no-js', use: { ...chromium, javaScriptEnabled: false }, grepInvert: /@js-only/ },
  ],
});
