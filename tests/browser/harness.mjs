// Browser-test harness: starts the built server binary on a free loopback
// port over a fresh data directory, and Debian's Chromium through
// playwright-core (never a downloaded browser).
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before } from 'node:test';

import { chromium } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..', '..');
// A release build is tested with TRADEMA_TEST_SERVER_BIN=target/release/server.
export const SERVER_BIN = resolve(ROOT, process.env.TRADEMA_TEST_SERVER_BIN ?? join('target', 'debug', 'server'));
export const SITE_ROOT = join(ROOT, 'target', 'site');
export const SCREENSHOTS = join(ROOT, 'target', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

export function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

const createdDirs = [];
process.on('exit', () => {
  for (const dir of createdDirs) rmSync(dir, { recursive: true, force: true });
});

/** A new, empty data directory, removed when the test process exits. */
export function freshDataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'tradema-browser-'));
  createdDirs.push(dir);
  return dir;
}

/** Starts `server` with `args`; resolves once /readyz answers. */
export async function startServer({ dataDir = freshDataDir(), args = ['serve', '--demo'], env = {} } = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(SERVER_BIN, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      TRADEMA_DATA_DIR: dataDir,
      TRADEMA_LISTEN: `127.0.0.1:${port}`,
      TRADEMA_SITE_ROOT: SITE_ROOT,
      RUST_LOG: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk) => { log += chunk; });
  child.stderr.on('data', (chunk) => { log += chunk; });
  const exited = new Promise((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    const early = await Promise.race([exited, new Promise((ok) => setTimeout(() => ok(null), 250))]);
    if (early) throw new Error(`server exited early (${JSON.stringify(early)}):\n${log}`);
    try {
      const response = await fetch(`${base}/readyz`);
      if (response.ok) break;
    } catch { /* not listening yet */ }
  }
  if (Date.now() >= deadline) {
    child.kill('SIGKILL');
    throw new Error(`server not ready in time:\n${log}`);
  }
  return {
    base,
    dataDir,
    child,
    exited,
    log: () => log,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/** Launches Debian's Chromium; Playwright gives every launch a fresh, temporary profile. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** Opens a page that records console errors and uncaught exceptions. */
export async function openPage(browser, { width = 1280, height = 900, locale = 'fr-FR' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  return { page, context, problems };
}

/** Waits until the wasm bundle has hydrated the page. */
export async function waitForHydration(page) {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, { timeout: 30_000 });
}

/**
 * One demo server and one Chromium for a whole test file: started before its
 * first test, stopped after its last. Read `ctx.server` and `ctx.browser`
 * inside the tests.
 */
export function serverAndBrowser() {
  const ctx = { server: null, browser: null };
  before(async () => {
    ctx.server = await startServer();
    ctx.browser = await launchBrowser();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
  });
  return ctx;
}

/** Signs `page` in on the server at `base`, in `lang`, and waits to leave the form. */
export async function signIn(page, base, lang, email, password) {
  await page.goto(`${base}/${lang}/account/sign-in`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.includes('/sign-in')),
    page.locator('.form-card button[type=submit]').click(),
  ]);
}

/** A full-page screenshot in target/screenshots/. */
export const shot = (page, name) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

/** The plain text of an .eml file (quoted-printable or base64 bodies decoded). */
function mailText(raw) {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
    const joined = body.replace(/=\r?\n/g, '');
    return Buffer.from(joined.replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
  }
  return body;
}

/** The newest mail to `address` containing `needle` among the mail files of
 * the server's data dir, waiting for the sender job (15 s at most). */
export async function mailIn(dataDir, address, needle) {
  const dir = join(dataDir, 'mail');
  for (let attempt = 0; attempt < 60; attempt += 1) {
    let files = [];
    try { files = readdirSync(dir).filter((name) => name.endsWith('.eml')).sort().reverse(); } catch { /* not yet */ }
    for (const name of files) {
      const raw = readFileSync(join(dir, name), 'utf8');
      const text = mailText(raw);
      if (raw.includes(address) && text.includes(needle)) return text;
    }
    await new Promise((ok) => setTimeout(ok, 250));
  }
  throw new Error(`no mail to ${address} containing ${needle} in ${dir}`);
}
