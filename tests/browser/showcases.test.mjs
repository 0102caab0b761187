// Fair organisers' showcases, in Chromium: the demo organiser
// creates a showcase, adds three producers and two products through the
// search inside the editor, moves one, publishes; a visitor opens it in
// Spanish, filters it by region, opens the print view and finds one QR code
// per exhibitor; the first code, read back from a screenshot, opens that
// exhibitor's page, credited to the showcase.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import jsQR from 'jsqr';
import { PNG } from 'pngjs';

import { openPage, serverAndBrowser, shot, waitForHydration } from './harness.mjs';

const ctx = serverAndBrowser();
const SLUG = 'salon-navigateur';

async function signIn(page, email) {
  await page.goto(`${ctx.server.base}/fr/account/sign-in`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill('tradema demo 2026');
  await Promise.all([
    page.waitForURL((url) => !url.pathname.includes('/sign-in')),
    page.locator('.form-card button[type=submit]').click(),
  ]);
}

/** Clicks a curation button (a plain form post) and waits for the editor
 * to load again. */
async function curate(page, button) {
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/curate_showcase')),
    page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame()),
    button.click(),
  ]);
  await page.waitForLoadState('load');
  await page.locator('#curation').waitFor();
}

test('an organiser curates and publishes; a visitor filters, prints and scans it', async () => {
  const base = ctx.server.base;
  const { page, problems } = await openPage(ctx.browser);
  await signIn(page, 'organiser@demo.trade.ma');
  await page.goto(`${base}/fr/organiser/showcases/new`);
  await waitForHydration(page);
  await page.locator('#showcase-title-fr').fill('Salon des coopératives — Dakar');
  await page.locator('#showcase-title-es').fill('Feria de cooperativas — Dakar');
  await page.getByLabel('Événement').fill('Foire internationale de Dakar');
  await page.getByLabel('Ville').fill('Dakar');
  await page.getByLabel('Premier jour').fill('2027-03-10');
  await page.getByLabel('Dernier jour').fill('2027-03-12');
  await page.getByLabel('Adresse publique').fill(SLUG);
  await Promise.all([page.waitForURL(/\/fr\/organiser\/showcases\/\d+/), page.getByRole('button', { name: 'Enregistrer' }).click()]);
  await waitForHydration(page);
  const editor = page.url().split('?')[0];

  // Three producers, then two products, found with the search in the editor.
  await page.goto(`${editor}?q=argan`);
  await waitForHydration(page);
  const producers = [];
  for (const row of await page.locator('.editor-result').all()) {
    const name = (await row.locator('p.muted').innerText()).split(' · ')[0].trim();
    if (!producers.includes(name)) producers.push(name);
    if (producers.length === 3) break;
  }
  assert.equal(producers.length, 3, 'three different producers in the results');
  for (const name of producers) {
    const row = page.locator('.editor-result', { has: page.locator('p.muted', { hasText: name }) }).first();
    await curate(page, row.getByRole('button', { name: 'Ajouter le producteur' }));
  }
  const products = page.locator('.editor-result');
  const firstProduct = await products.nth(0).locator('strong').innerText();
  await curate(page, products.nth(0).getByRole('button', { name: 'Ajouter le produit' }));
  await curate(page, page.locator('.editor-result').nth(1).getByRole('button', { name: 'Ajouter le produit' }));
  const exhibitors = page.locator('.curated-list > .curated');
  const count = await exhibitors.count();
  assert.ok(count >= 3, `at least the three producers (${count})`);
  assert.ok(await page.locator('.curated-product', { hasText: firstProduct }).count() >= 1, 'the product is featured');

  // Move the first exhibitor down one place.
  // The exhibitor's own head (a featured product has its own buttons and title).
  const head = (index) => page.locator('.curated-list > .curated').nth(index).locator(':scope > .curated-head');
  const first = (await head(0).locator('.own-listing-title').innerText()).trim();
  await curate(page, head(0).getByRole('button', { name: 'Descendre' }));
  assert.equal((await head(1).locator('.own-listing-title').innerText()).trim(), first);
  await shot(page, 'showcase-editor-fr');

  await Promise.all([page.waitForURL(/changed=1/), page.getByRole('button', { name: 'Publier' }).click()]);
  await page.getByText('Publiée').first().waitFor();
  assert.deepEqual(problems, []);

  // A visitor in Spanish filters by region.
  const visitor = await openPage(ctx.browser, { locale: 'es-MX' });
  await visitor.page.goto(`${base}/es/showcases/${SLUG}`);
  await waitForHydration(visitor.page);
  assert.equal((await visitor.page.locator('h1').innerText()).trim(), 'Feria de cooperativas — Dakar');
  const all = await visitor.page.locator('.exhibitor').count();
  assert.equal(all, count);
  const region = visitor.page.locator('.showcase-filters .filter-links').nth(1).locator('a').nth(1);
  const regionName = (await region.innerText()).replace(/\s*\(\d+\)$/, '');
  await Promise.all([visitor.page.waitForURL(/region=/), region.click()]);
  await visitor.page.locator('.exhibitor').first().waitFor();
  for (const place of await visitor.page.locator('.exhibitor .exhibitor-head p.muted').allInnerTexts()) {
    assert.ok(place.startsWith(regionName), `${place} is in ${regionName}`);
  }
  await shot(visitor.page, 'showcase-es-filtered');

  // The print view: one QR code per exhibitor, and the first one opens the
  // first exhibitor's page from the showcase.
  await visitor.page.goto(`${base}/es/showcases/${SLUG}/print`);
  await waitForHydration(visitor.page);
  assert.equal(await visitor.page.locator('.print-exhibitor').count(), all);
  assert.equal(await visitor.page.locator('.print-exhibitor .qr svg').count(), all, 'one QR code per exhibitor');
  const png = PNG.sync.read(await visitor.page.locator('.print-exhibitor .qr').first().screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(code, 'the QR code reads back');
  await visitor.page.goto(`${base}/es/showcases/${SLUG}`);
  const href = await visitor.page.locator('.exhibitor-name a').first().getAttribute('href');
  assert.equal(code.data, `${base}${href}`, 'the code opens the first exhibitor, credited to the showcase');
  assert.ok(code.data.endsWith(`?showcase=${SLUG}`));
  await shot(visitor.page, 'showcase-es');
  assert.deepEqual(visitor.problems, []);
});
