// Accessibility proven on every page: axe-core, injected into
// Chromium, checks every public page and every signed-in page of each role,
// in French and Arabic, at desktop and phone widths, and the suite fails on
// any violation (WCAG 2.1 A and AA, and axe's best practices). The pages
// are the demo's, so they hold real content: cards, charts, forms, tables.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import { serverAndBrowser, waitForHydration } from './harness.mjs';

const ctx = serverAndBrowser();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PASSWORD = 'tradema demo 2026';
const LANGUAGES = ['fr', 'ar'];
const WIDTHS = [{ name: 'desktop', width: 1280, height: 900 }, { name: 'phone', width: 390, height: 844 }];

/** A browser context signed in as `email` (or anonymous), with CSP bypassed only so axe can be injected. */
async function session(email) {
  const context = await ctx.browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  if (email) {
    await page.goto(`${ctx.server.base}/fr/account/sign-in`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await Promise.all([
      page.waitForURL((url) => !url.pathname.includes('/sign-in')),
      page.locator('.form-card button[type=submit]').click(),
    ]);
  }
  return { context, page, problems };
}

/** The first link on `path` (French) whose address matches `pattern`, as a path without its language. */
async function firstLink(page, path, pattern) {
  await page.goto(`${ctx.server.base}/fr${path}`);
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const href = hrefs.find((h) => pattern.test(h));
  assert.ok(href, `no link matching ${pattern} on ${path}`);
  return href.replace(/^\/fr/, '');
}

/** axe's violations on the page as loaded, one line each. */
async function violations(page) {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  return found;
}

/** Checks `paths` for one role in both languages and both widths. */
async function check(role, email, paths) {
  const { context, page, problems } = await session(email);
  const failures = [];
  let runs = 0;
  try {
    const resolved = typeof paths === 'function' ? await paths(page) : paths;
    for (const { name, width, height } of WIDTHS) {
      await page.setViewportSize({ width, height });
      for (const lang of LANGUAGES) {
        for (const path of resolved) {
          const url = `${ctx.server.base}/${lang}${path}`;
          const response = await page.goto(url);
          assert.ok(response.status() < 500, `${url}: ${response.status()}`);
          await waitForHydration(page);
          runs += 1;
          for (const line of await violations(page)) failures.push(`${role} ${name} /${lang}${path}: ${line}`);
        }
      }
    }
  } finally {
    await context.close();
  }
  console.log(`axe: ${runs} page loads for the ${role}, ${failures.length} violations`);
  assert.deepEqual(problems, []);
  assert.deepEqual(failures, [], `axe found violations:\n${failures.join('\n')}`);
}

test('every public page has no axe violation', async () => {
  await check('visitor', null, async (page) => {
    const listing = await firstLink(page, '', /^\/fr\/listings\/\d+/);
    const producer = await firstLink(page, listing, /^\/fr\/producers\/[^/]+$/);
    const showcase = await firstLink(page, '/showcases', /^\/fr\/showcases\/[^/]+$/);
    return [
      '', '/search', '/search?q=argan', '/search?sector=agrifood&region=souss-massa', listing, producer,
      '/regions/souss-massa', '/sectors/agrifood', '/showcases', showcase, `${showcase}/print`,
      '/account/sign-in', '/account/sign-up', '/account/forgot', '/no-such-page',
      '/requests', '/requests?sector=cosmetics-argan&market=americas', await firstLink(page, '/requests', /^\/fr\/requests\/\d+$/),
      '/requests/new',
    ];
  });
});

test("every buyer's page has no axe violation", async () => {
  await check('buyer', 'buyer@demo.trade.ma', async (page) => {
    const listing = await firstLink(page, '', /^\/fr\/listings\/\d+/);
    const thread = await firstLink(page, '/inquiries', /^\/fr\/inquiries\/\d+/);
    const request = await firstLink(page, '/account/requests', /^\/fr\/requests\/\d+$/);
    return [
      '/inquiries', thread, '/shortlist', '/account/searches', '/account/company', '/account/password', `${listing}/inquire`,
      '/account/requests', request, '/requests/new', '/deals',
    ];
  });
});

test("every producer's page has no axe violation", async () => {
  await check('producer', 'producer@demo.trade.ma', async (page) => {
    const edit = await firstLink(page, '/dashboard', /^\/fr\/dashboard\/listings\/\d+/);
    const deal = await firstLink(page, '/deals', /^\/fr\/deals\/\d+$/);
    return [
      '/deals', deal, `${deal}/proforma`, '/dashboard/billing',
      '/dashboard', '/dashboard/profile', '/dashboard/listings/new', edit, '/dashboard/insights',
      '/dashboard/verification', '/dashboard/import', '/inquiries', '/inquiries?mine=1', '/dashboard/team',
      '/dashboard/requests', await firstLink(page, '/dashboard/requests', /^\/fr\/requests\/\d+$/),
    ];
  });
});

test("a sales member's pages have no axe violation", async () => {
  await check('sales', 'sales-asia@demo.trade.ma', async (page) => {
    const thread = await firstLink(page, '/inquiries?mine=1', /^\/fr\/inquiries\/\d+/);
    return ['/dashboard', '/inquiries?mine=1', thread, '/dashboard/team'];
  });
});

test("a cooperative's pages of a pooled offer have no axe violation", async () => {
  await check('cooperative', 'tagmat@demo.trade.ma', async (page) => {
    const request = await firstLink(page, '/dashboard/requests', /^\/fr\/requests\/\d+$/);
    return ['/dashboard/requests', request];
  });
});

test("every organiser's page has no axe violation", async () => {
  await check('organiser', 'organiser@demo.trade.ma', async (page) => {
    const editor = await firstLink(page, '/organiser', /^\/fr\/organiser\/showcases\/\d+/);
    return ['/organiser', '/organiser/showcases/new', editor, '/organiser/team'];
  });
});

test("every trade office's page has no axe violation", async () => {
  await check('office', 'admin@demo.trade.ma', async (page) => {
    const producer = await firstLink(page, '/admin/producers', /^\/fr\/admin\/producers\/(?!new$)[a-z0-9-]+$/);
    return [
      '/admin', '/admin/verification', '/admin/producers', '/admin/producers/new', producer, `${producer}/import`,
      '/admin/accounts', '/admin/audit', '/admin/requests', '/admin/documents',
      await firstLink(page, '/admin/documents', /^\/fr\/admin\/documents\?edit=\d+/),
      await firstLink(page, '/admin/requests', /^\/fr\/requests\/\d+$/),
    ];
  });
});
