// Search as a buyer uses it: a misspelt product, two facets, a listing
// opened and Back to the same results; the same search in Arabic on a
// 390 px phone through the facet drawer. The demo catalogue is indexed by
// the server's indexer from the change feed after the seed, so the first
// search waits for it.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openPage, serverAndBrowser, shot, waitForHydration } from './harness.mjs';

const ctx = serverAndBrowser();

/** Waits until the demo catalogue is searchable (the index has caught up with the change feed). */
async function untilIndexed(base) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const ready = await (await fetch(`${base}/readyz`)).json();
    if (ready.search.state === 'ok' && ready.search.behind?.changes === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the demo catalogue was not indexed within 20 s');
}

const count = async (locator) => Number((await locator.innerText()).replace(/[^0-9]/g, ''));

test('a misspelt search with two facets finds the listing, and Back keeps the results', async () => {
  await untilIndexed(ctx.server.base);
  const { page, problems } = await openPage(ctx.browser, { locale: 'en-GB' });
  await page.goto(`${ctx.server.base}/en/search`);
  await waitForHydration(page);
  await page.fill('#search-q', 'safron');
  await page.press('#search-q', 'Enter');
  await page.waitForURL(/q=safron/);
  await page.locator('.result-count').waitFor();
  const before = await count(page.locator('.result-count'));
  assert.ok(before > 0, 'the typo still finds saffron');

  await page.locator('.facet-panel a.facet-value', { hasText: 'Souss-Massa' }).click();
  await page.waitForURL(/region=souss-massa/);
  await page.locator('.facet-panel a.facet-value', { hasText: 'Cooperatives' }).click();
  await page.waitForURL(/cooperative=true/);
  await page.locator('.facet-value.selected').nth(1).waitFor();
  const total = await count(page.locator('.result-count'));
  assert.ok(total > 0 && total <= before, `narrowed: ${total} of ${before}`);
  // The chosen facets' own counts are the number of results shown.
  const cooperativeCount = await count(page.locator('#facet-cooperative ~ ul .facet-value.selected .facet-count'));
  assert.equal(cooperativeCount, total, 'the cooperative count matches the results');
  // A facet's own filter is left out of its counts: other regions still show.
  assert.ok((await page.locator('.facet[aria-labelledby="facet-region"] a.facet-value').count()) >= 1);
  const firstTitle = (await page.locator('.listing-card h3').first().innerText()).trim();
  assert.match(firstTitle, /saffron/i, `the expected listing: ${firstTitle}`);
  await shot(page, 'search-en-desktop');
  const resultsUrl = page.url();

  await page.locator('.listing-card a.listing-card-link').first().click();
  await page.waitForURL(/\/en\/listings\//);
  await page.goBack();
  await page.waitForURL(resultsUrl);
  await page.locator('.listing-card h3').first().waitFor();
  assert.equal((await page.locator('.listing-card h3').first().innerText()).trim(), firstTitle, 'the same results after Back');
  assert.equal(await count(page.locator('.result-count')), total);
  assert.deepEqual(problems, []);
});

test('the same search in Arabic on a phone, through the facet drawer', async () => {
  await untilIndexed(ctx.server.base);
  const { page, problems } = await openPage(ctx.browser, { width: 390, height: 844, locale: 'ar' });
  await page.goto(`${ctx.server.base}/ar/search?q=${encodeURIComponent('زعفران')}`);
  await waitForHydration(page);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  const before = await count(page.locator('.result-count'));
  assert.ok(before > 0, 'Arabic finds saffron');
  assert.equal(await page.locator('.facet-panel').isVisible(), false, 'the facets wait in a drawer on a phone');
  await page.locator('.facets-button').click();
  assert.ok(await page.locator('.facet-panel').isVisible(), 'the drawer opens');
  await shot(page, 'search-ar-phone-drawer');
  await page.locator('.facet[aria-labelledby="facet-region"] a.facet-value').first().click();
  await page.waitForURL(/region=/);
  // The drawer stays open for another choice, showing the pick; its
  // "show results" button closes it.
  await page.locator('.facet[aria-labelledby="facet-region"] a.facet-value.selected').waitFor();
  await page.locator('.facets-close').click();
  assert.equal(await page.locator('.facet-panel').isVisible(), false, 'the drawer closes');
  const after = await count(page.locator('.result-count'));
  assert.ok(after > 0 && after <= before, `narrowed: ${after} of ${before}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow}px)`);
  await shot(page, 'search-ar-phone');
  assert.deepEqual(problems, []);
});

test('suggestions as you type: arrow down and Enter open one; a sector page leads into search', async () => {
  await untilIndexed(ctx.server.base);
  const { page, problems } = await openPage(ctx.browser, { width: 390, height: 844, locale: 'fr-FR' });
  await page.goto(`${ctx.server.base}/fr`);
  await waitForHydration(page);
  const box = page.locator('#hero-search-q');
  await box.click();
  await box.pressSequentially('safr', { delay: 40 });
  const list = page.locator('#hero-search-q-suggestions');
  await list.locator('li').first().waitFor();
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  const labels = await list.locator('.suggestion-label').allInnerTexts();
  assert.ok(labels.some((label) => /safran/i.test(label)), `saffron is suggested: ${labels.join(' | ')}`);
  await shot(page, 'suggestions-fr-phone');
  await box.press('ArrowDown');
  assert.equal(await box.getAttribute('aria-activedescendant'), 'hero-search-q-option-0');
  const target = await list.locator('li').first().locator('a').getAttribute('href');
  await box.press('Enter');
  await page.waitForURL((url) => url.pathname + url.search === target);

  await page.goto(`${ctx.server.base}/fr/sectors/cosmetics-argan`);
  await waitForHydration(page);
  const chip = page.locator('.facet-links a.chip').first();
  await chip.click();
  await page.waitForURL(/\/fr\/search\?sector=cosmetics-argan&region=/);
  assert.ok((await count(page.locator('.result-count'))) > 0, 'the region chip opens matching results');
  assert.deepEqual(problems, []);
});
