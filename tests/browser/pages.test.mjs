// What a visitor sees in Chromium: the demo catalogue on the home page, a
// listing opened from it, Arabic mirrored right-to-left, controls that work
// once hydrated, no console errors. Screenshots go to target/screenshots/.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openPage, serverAndBrowser, shot, waitForHydration } from './harness.mjs';

const ctx = serverAndBrowser();

test('the home page shows the catalogue and a listing opens from it', async () => {
  const { page, problems } = await openPage(ctx.browser);
  await page.goto(`${ctx.server.base}/`);
  await waitForHydration(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  const cards = page.locator('.listing-card');
  assert.ok((await cards.count()) >= 6, 'recent listings are shown');
  const title = (await cards.first().locator('h3').innerText()).trim();
  assert.ok(title.length > 5, `a real title: ${title}`);
  assert.equal(await page.locator('#regions .tile').count(), 12, 'all twelve regions');
  // Icons show their drawing from the page's sprite as strokes, not as
  // filled blobs (the stroke style must reach the drawing each <use> shows).
  const icon = await page.locator('.listing-card .icon').first().evaluate((svg) => {
    const drawing = svg.querySelector('use');
    const box = drawing.getBBox();
    const style = getComputedStyle(drawing);
    return { fill: style.fill, stroke: style.stroke, width: box.width, defined: !!document.querySelector(drawing.getAttribute('href')) };
  });
  assert.ok(icon.defined, 'the drawing is in the page');
  assert.equal(icon.fill, 'none', 'icons are not filled');
  assert.notEqual(icon.stroke, 'none', 'icons are stroked');
  assert.ok(icon.width > 0, 'the drawing has a size');
  await shot(page, 'home-fr-desktop');
  await cards.first().locator('a.listing-card-link').click();
  await page.waitForURL(/\/fr\/listings\/\d+-/);
  await page.locator('h1').first().waitFor();
  assert.equal((await page.locator('h1').first().innerText()).trim(), title);
  assert.ok(await page.locator('.facts').first().isVisible(), 'trade facts are visible');
  await shot(page, 'listing-fr-desktop');
  assert.deepEqual(problems, []);
});

test('switching to Arabic mirrors the page', async () => {
  const { page, problems } = await openPage(ctx.browser);
  await page.goto(`${ctx.server.base}/fr`);
  await waitForHydration(page);
  await page.locator('.language-menu summary').first().click();
  await page.locator('.language-switcher a[hreflang="ar"]').first().click();
  await page.waitForURL(/\/ar$/);
  await waitForHydration(page);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  const heading = await page.locator('h1').first().innerText();
  assert.match(heading, /[\u0600-\u06FF]/, `Arabic heading: ${heading}`);
  const direction = await page.evaluate(() => getComputedStyle(document.body).direction);
  assert.equal(direction, 'rtl');
  await shot(page, 'home-ar-desktop');
  await page.locator('.listing-card a.listing-card-link').first().click();
  await page.waitForURL(/\/ar\/listings\//);
  await page.locator('h1').first().waitFor();
  await shot(page, 'listing-ar-desktop');
  assert.deepEqual(problems, []);
});

test('gallery thumbnails switch the photo once hydrated', async () => {
  const { page, problems } = await openPage(ctx.browser);
  await page.goto(`${ctx.server.base}/en/search?sector=cosmetics-argan`);
  const links = await page.locator('.listing-card a.listing-card-link').evaluateAll((as) => as.map((a) => a.href));
  assert.ok(links.length > 0);
  let found = false;
  for (const link of links.slice(0, 24)) {
    await page.goto(link);
    if ((await page.locator('.gallery-thumb').count()) >= 2) { found = true; break; }
  }
  assert.ok(found, 'a listing with several photos exists');
  await waitForHydration(page);
  const main = page.locator('.gallery-main img');
  const before = await main.getAttribute('src');
  await page.locator('.gallery-thumb').nth(1).click();
  await page.waitForFunction(() => document.querySelector('.gallery-main')?.dataset.selected === '1');
  assert.equal(await page.locator('.gallery-thumb').nth(1).getAttribute('aria-pressed'), 'true');
  assert.notEqual(await main.getAttribute('src'), before, 'the large photo changed');
  assert.deepEqual(problems, []);
});

test('on a phone the menu opens after hydration', async () => {
  const { page, problems } = await openPage(ctx.browser, { width: 390, height: 844 });
  await page.goto(`${ctx.server.base}/fr`);
  await waitForHydration(page);
  const nav = page.locator('#site-nav');
  assert.equal(await nav.isVisible(), false, 'folded on a phone');
  await page.locator('.menu-button').click();
  assert.equal(await page.locator('.menu-button').getAttribute('aria-expanded'), 'true');
  assert.equal(await nav.isVisible(), true);
  await shot(page, 'home-fr-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling at 390 px (${overflow}px)`);
  await page.goto(`${ctx.server.base}/ar/regions/souss-massa`);
  await waitForHydration(page);
  await shot(page, 'region-ar-phone');
  const link = page.locator('.listing-card a.listing-card-link').first();
  await link.click();
  await page.waitForURL(/\/ar\/listings\//);
  await page.locator('h1').first().waitFor();
  await shot(page, 'listing-ar-phone');
  assert.deepEqual(problems, []);
});
