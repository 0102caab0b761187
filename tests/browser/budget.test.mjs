// The first-visit budget: what a new visitor's phone downloads for
// the home, search and listing pages, read from Chromium's network log, with
// an empty cache, over the release front end (`target/site-release`: the
// wasm built with the wasm-release profile and binaryen's wasm-opt, with the
// compressed copies the server sends). HTML, CSS, JS and wasm count, headers
// included; photos are printed beside them but have their own rules
// (srcset, width and height, lazy below the fold). The test fails when a
// page costs more than the budget.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ROOT, launchBrowser, startServer, waitForHydration } from './harness.mjs';

/** Bytes over the wire for HTML + CSS + JS + wasm on a first visit. */
const BUDGET = 300 * 1024;
const RELEASE_SITE = join(ROOT, 'target', 'site-release');

const ctx = { server: null, browser: null };
before(async () => {
  assert.ok(
    existsSync(join(RELEASE_SITE, 'pkg', 'tradema.wasm')),
    `${RELEASE_SITE} holds no release front end: \`./tradema test\` builds it (or \`./tradema build --release-site\`)`,
  );
  ctx.server = await startServer({ env: { TRADEMA_SITE_ROOT: RELEASE_SITE } });
  ctx.browser = await launchBrowser();
});
after(async () => {
  await ctx.browser?.close();
  await ctx.server?.stop();
});

/** What one page's first visit downloads, by kind, from the network log. */
async function firstVisit(path) {
  // A phone, a new context: an empty cache and no cookies.
  const context = await ctx.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
  const page = await context.newPage();
  const finished = [];
  page.on('requestfinished', (request) => finished.push(request));
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${ctx.server.base}${path}`);
  await waitForHydration(page);
  await page.waitForLoadState('networkidle');
  const kinds = {};
  const encodings = {};
  for (const request of finished) {
    const response = await request.response();
    if (!response) continue;
    const sizes = await request.sizes();
    const type = request.resourceType();
    const url = new URL(request.url());
    const kind = type === 'document' ? 'html'
      : url.pathname.endsWith('.wasm') ? 'wasm'
        : type === 'script' ? 'js'
          : type === 'stylesheet' ? 'css'
            : type === 'image' ? 'images'
              : type;
    kinds[kind] = (kinds[kind] ?? 0) + sizes.responseBodySize + sizes.responseHeadersSize;
    if (kind !== 'images') encodings[kind] = (await response.allHeaders())['content-encoding'] ?? 'identity';
  }
  await context.close();
  assert.deepEqual(problems, [], `${path} runs without exceptions`);
  return { kinds, encodings };
}

const PAGES = [
  ['home', '/fr'],
  ['search', '/fr/search?q=huile+d%27argan'],
  ['listing', null],
];

test('a first visit to the home, search and listing pages stays within 300 KB', async () => {
  // A listing the demo published: the first card of the home page.
  const probe = await ctx.browser.newPage();
  await probe.goto(`${ctx.server.base}/fr`);
  PAGES[2][1] = new URL(await probe.locator('.listing-card a.listing-card-link').first().getAttribute('href'), ctx.server.base).pathname;
  await probe.close();

  const over = [];
  for (const [name, path] of PAGES) {
    const { kinds, encodings } = await firstVisit(path);
    const counted = ['html', 'css', 'js', 'wasm'].reduce((sum, kind) => sum + (kinds[kind] ?? 0), 0);
    const parts = ['html', 'css', 'js', 'wasm']
      .map((kind) => `${kind} ${((kinds[kind] ?? 0) / 1024).toFixed(1)} KB (${encodings[kind] ?? '-'})`)
      .join(', ');
    console.log(`first visit to ${name} (${path}): ${(counted / 1024).toFixed(1)} KB of ${BUDGET / 1024} KB — ${parts}; photos ${((kinds.images ?? 0) / 1024).toFixed(1)} KB, not counted`);
    assert.ok(kinds.wasm > 0, `${name}: the wasm was loaded (the islands hydrate)`);
    if (counted > BUDGET) over.push(`${name}: ${counted} bytes`);
  }
  assert.deepEqual(over, [], `over the ${BUDGET}-byte budget`);
});
