// A keyboard-only journey: the skip link comes first and lands in
// the content, focus is always visible, the header's search is reached in a
// few keys, the language menu and the phone menu open from the keyboard and
// let focus move on, the facet drawer on a phone opens with the keyboard and
// traps nobody, and a listing is reached and its contact link focused
// without a mouse.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openPage, serverAndBrowser, waitForHydration } from './harness.mjs';

const ctx = serverAndBrowser();

/** What has the focus: tag, id, class and a few words of text. */
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const within = (selector) => Boolean(el.closest(selector));
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      cls: el.className && typeof el.className === 'string' ? el.className : '',
      href: el.getAttribute('href') ?? '',
      text: (el.textContent ?? '').trim().slice(0, 40),
      // Visible focus: an outline, or a ring drawn as a box shadow, on the
      // element or on the control it styles (a visually hidden checkbox
      // rings its label).
      ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none',
      onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < window.innerHeight,
      inFacets: within('.facet-panel'),
      inLanguages: within('.language-menu'),
      inNav: within('#site-nav'),
    };
  });

/** Presses Tab until `done(focus)` holds; fails after `limit` presses. */
async function tabUntil(page, done, limit, what) {
  const seen = [];
  for (let n = 0; n < limit; n += 1) {
    await page.keyboard.press('Tab');
    const focus = await focused(page);
    seen.push(`${focus.tag}${focus.id ? `#${focus.id}` : ''} ${focus.text}`);
    if (done(focus)) return focus;
  }
  assert.fail(`${what}: not reached in ${limit} Tab presses; focus went through:\n${seen.join('\n')}`);
}

test('a buyer finds a product and its supplier with the keyboard alone', async () => {
  const base = ctx.server.base;
  const { page, problems } = await openPage(ctx.browser);
  await page.goto(`${base}/fr`);
  await waitForHydration(page);

  // The skip link comes first, shows itself, and lands in the content.
  await page.keyboard.press('Tab');
  let focus = await focused(page);
  assert.equal(focus.cls, 'skip-link', `the first Tab reaches the skip link, not ${JSON.stringify(focus)}`);
  assert.ok(focus.onScreen && focus.ring, 'the focused skip link is on screen with a visible ring');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'content', 'Enter moves focus to the content');
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => Boolean(document.activeElement.closest('main'))), 'the next Tab stays in the content');

  // From the top again: the brand, then the search field, each with a visible ring.
  await page.goto(`${base}/fr`);
  await waitForHydration(page);
  await page.keyboard.press('Tab');
  focus = await tabUntil(page, (f) => f.id === 'header-search-q', 3, 'the header search');
  assert.ok(focus.ring || (await page.evaluate(() => getComputedStyle(document.querySelector('.header-search')).outlineStyle !== 'none')), 'the search shows focus');

  // The language menu opens from the keyboard, and focus moves on past it.
  focus = await tabUntil(page, (f) => f.inLanguages && f.tag === 'summary', 20, 'the language menu');
  assert.ok(focus.ring, 'the language menu shows focus');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.language-menu').getAttribute('open'), '', 'Enter opens the language menu');
  focus = await tabUntil(page, (f) => f.inLanguages && f.tag === 'a', 1, 'the first language');
  assert.ok(focus.ring, 'a language link shows focus');
  await tabUntil(page, (f) => !f.inLanguages, 8, 'out of the language menu (no trap)');

  // Search by keyboard, then open the first result.
  await page.goto(`${base}/fr`);
  await waitForHydration(page);
  await page.keyboard.press('Tab');
  await tabUntil(page, (f) => f.id === 'header-search-q', 3, 'the header search');
  await page.keyboard.type('argan');
  await Promise.all([page.waitForURL(/\/fr\/search\?.*q=argan/), page.keyboard.press('Enter')]);
  await waitForHydration(page);
  focus = await tabUntil(page, (f) => /\/fr\/listings\/\d+/.test(f.href), 80, 'the first result');
  assert.ok(focus.ring && focus.onScreen, 'the focused result is visible and ringed');
  await Promise.all([page.waitForURL(/\/fr\/listings\/\d+/), page.keyboard.press('Enter')]);
  await waitForHydration(page);
  focus = await tabUntil(page, (f) => /\/inquire$/.test(f.href), 80, "the listing's contact link");
  assert.ok(focus.ring && focus.onScreen, 'the contact link is visible and ringed');
  assert.deepEqual(problems, []);
});

test('on a phone, the menu and the facet drawer open from the keyboard and trap nobody', async () => {
  const base = ctx.server.base;
  const { page, problems } = await openPage(ctx.browser, { width: 390, height: 844 });
  await page.goto(`${base}/fr/search?q=argan`);
  await waitForHydration(page);

  // The menu button opens the navigation; its first link comes next.
  await page.keyboard.press('Tab');
  let focus = await tabUntil(page, (f) => f.cls.includes('menu-button'), 6, 'the menu button');
  assert.ok(focus.ring, 'the menu button shows focus');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.menu-button').getAttribute('aria-expanded'), 'true', 'Enter opens the menu');
  focus = await tabUntil(page, (f) => f.inNav, 1, 'the first menu link');
  assert.ok(focus.onScreen, 'the menu link is on screen');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.menu-button').getAttribute('aria-expanded'), 'false', 'Enter closes it again');

  // The filters: the toggle takes focus (its label shows the ring), Space opens the drawer.
  focus = await tabUntil(page, (f) => f.id === 'facets-open', 40, 'the filters toggle');
  const labelRing = await page.evaluate(() => getComputedStyle(document.querySelector('.facets-button')).outlineStyle !== 'none');
  assert.ok(labelRing, 'the filters button shows focus');
  await page.keyboard.press('Space');
  assert.ok(await page.locator('#facets-open').isChecked(), 'Space opens the drawer');
  assert.ok(await page.locator('.facet-panel').isVisible(), 'the drawer is shown');
  focus = await tabUntil(page, (f) => f.inFacets && f.tag === 'a', 5, 'a filter in the drawer');
  assert.ok(focus.ring && focus.onScreen, 'a filter link is visible and ringed in the drawer');
  await tabUntil(page, (f) => !f.inFacets, 120, 'out of the drawer (no trap)');
  // Back to the toggle, Space closes the drawer.
  await page.locator('#facets-open').focus();
  await page.keyboard.press('Space');
  assert.ok(!(await page.locator('#facets-open').isChecked()), 'Space closes the drawer');
  assert.deepEqual(problems, []);
});
