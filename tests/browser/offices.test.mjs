// The trade offices, in Chromium: the demo Souss-Massa office
// approves a verification request, and the badge appears on the public
// producer page and the producer is found by the "verified" search filter;
// the same office imports a 20-row sheet for that producer in Arabic, reads
// the one bad row's error in Arabic, fixes it and imports.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { ROOT, openPage, serverAndBrowser, shot, waitForHydration } from './harness.mjs';

const ctx = serverAndBrowser();
const arabic = JSON.parse(readFileSync(join(ROOT, 'app', 'locales', 'ar.json'), 'utf8'));

async function signIn(page, email) {
  await page.goto(`${ctx.server.base}/fr/account/sign-in`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill('tradema demo 2026');
  await Promise.all([
    page.waitForURL((url) => !url.pathname.includes('/sign-in')),
    page.locator('.form-card button[type=submit]').click(),
  ]);
}

/** A CSV of `count` listings; row `bad` (sheet row number) gets a bad HS code. */
function sheet(count, bad) {
  const lines = ['sector,hs_code,status,title_fr,title_ar'];
  for (let n = 1; n <= count; n += 1) {
    const row = n + 1;
    lines.push(`agrifood,${row === bad ? '15-09' : '150910'},published,Huile d'argan alimentaire ${n},زيت أركان غذائي ${n}`);
  }
  return Buffer.from(lines.join('\n'), 'utf8');
}

test('an office verifies a producer, then imports a sheet for it in Arabic', async () => {
  const base = ctx.server.base;
  const { page, problems } = await openPage(ctx.browser);
  await signIn(page, 'souss-massa@demo.trade.ma');
  await page.goto(`${base}/fr/admin/verification`);
  await waitForHydration(page);
  const card = page.locator('.review-card').first();
  const link = card.locator('h2 a');
  const name = (await link.innerText()).trim();
  const slug = (await link.getAttribute('href')).split('/').pop();
  await Promise.all([page.waitForURL(/decided=1/), card.getByRole('button', { name: 'Approuver' }).click()]);
  assert.equal(await page.locator('.review-card h2', { hasText: name }).count(), 0, 'the request left the queue');
  await shot(page, 'office-verification-fr');

  // The badge on the public page, and the producer under the "verified" filter.
  const visitor = await openPage(ctx.browser);
  await visitor.page.goto(`${base}/fr/producers/${slug}`);
  await visitor.page.locator('.producer-header .badge-verified, h1 .badge-verified, .badge-verified').first().waitFor();
  let found = false;
  for (let attempt = 0; attempt < 20 && !found; attempt += 1) {
    await visitor.page.goto(`${base}/fr/search?verified=true&q=${encodeURIComponent(name)}`);
    found = (await visitor.page.locator('.listing-card', { hasText: name }).count()) > 0;
    if (!found) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  assert.ok(found, `${name}'s listings are found with the verified filter`);

  // The import, in Arabic: one bad row among 20, named; fixed; imported.
  await page.goto(`${base}/ar/admin/producers/${slug}/import`);
  await waitForHydration(page);
  await page.locator('#import-sheet').setInputFiles({ name: 'catalogue.csv', mimeType: 'text/csv', buffer: sheet(20, 8) });
  await Promise.all([page.waitForURL(/batch=/), page.locator('.import-form button[type=submit]').click()]);
  const problemsTable = page.locator('.import-problems tbody tr');
  await problemsTable.first().waitFor();
  assert.equal(await problemsTable.count(), 1, 'exactly the bad row');
  const cells = await problemsTable.first().locator('td').allInnerTexts();
  assert.equal(cells[0].trim(), '8');
  assert.equal(cells[1].trim(), 'hs_code');
  assert.equal(cells[2].trim(), arabic.invalid.hs_code, 'the reason in Arabic');
  assert.equal(await page.getByRole('button', { name: arabic.import.confirm }).count(), 0, 'nothing to confirm');
  await shot(page, 'office-import-error-ar');

  const refusedAt = page.url();
  await page.locator('#import-sheet').setInputFiles({ name: 'catalogue.csv', mimeType: 'text/csv', buffer: sheet(20, 0) });
  await Promise.all([
    page.waitForURL((url) => url.search.includes('batch=') && url.href !== refusedAt),
    page.locator('.import-form button[type=submit]').click(),
  ]);
  await page.getByRole('button', { name: arabic.import.confirm }).waitFor();
  assert.match(await page.locator('.import-preview .form-success').innerText(), /20/);
  await Promise.all([page.waitForURL(/imported=20/), page.getByRole('button', { name: arabic.import.confirm }).click()]);
  await page.locator('.form-success', { hasText: arabic.import.done }).waitFor();
  await shot(page, 'office-import-done-ar');
  // Chromium logs every 4xx answer; the one 422 is the refused sheet's preview.
  const refusedSheet = 'console: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)';
  assert.deepEqual(problems.filter((problem) => problem !== refusedSheet), []);
  assert.equal(problems.length, 1, 'only the refused sheet answered 422');
});
