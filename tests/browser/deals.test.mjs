// A deal from an accepted quote to a counted export, in Chromium: the demo
// buyer, on a 390 px phone in Portuguese, accepts the quote waiting in its
// inbox and lands on the deal with a confirmation and the next step; the
// producer, in French, records the proforma and the shipment with its bill
// of lading; the buyer confirms receipt; the national team's platform page
// then counts a first export this year. The deal lists the documents its
// destination asks for. Texts come from the locale files.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { ROOT, mailIn, openPage, serverAndBrowser, shot, signIn, waitForHydration } from './harness.mjs';

const ctx = serverAndBrowser();
const PASSWORD = 'tradema demo 2026';
const texts = (lang) => JSON.parse(readFileSync(join(ROOT, 'app', 'locales', `${lang}.json`), 'utf8'));
const pt = texts('pt');
const fr = texts('fr');

test('a buyer accepts a quote on a phone and the deal is followed to a counted export', async () => {
  const base = ctx.server.base;
  const { page: buyer, problems: buyerProblems } = await openPage(ctx.browser, { width: 390, height: 844, locale: 'pt-BR' });
  await signIn(buyer, base, 'pt', 'buyer@demo.trade.ma', PASSWORD);

  // The quote waiting in the inbox, accepted.
  await buyer.goto(`${base}/pt/inquiries`);
  await waitForHydration(buyer);
  // The demo producer's quote (the other quoted line is a buying request's, from a cooperative).
  await buyer.locator('.inbox-line', { hasText: 'here is our quote FOB Casablanca' }).locator('a.inbox-link').click();
  await buyer.locator('.quote-card').first().waitFor();
  await waitForHydration(buyer);
  const validity = await buyer.locator('.quote-card .fact', { hasText: pt.quote.valid_until }).first().locator('dd').innerText();
  assert.doesNotMatch(validity, /^\d{4}-\d{2}-\d{2}$/, `the validity reads as a Portuguese date: ${validity}`);
  await Promise.all([
    buyer.waitForURL(/\/pt\/deals\/\d+\?agreed=1$/),
    buyer.getByRole('button', { name: pt.quote.accept }).click(),
  ]);
  const deal = buyer.url().match(/\/deals\/(\d+)/)[1];
  await buyer.getByText(pt.deals.agreed_title).waitFor();
  await buyer.getByText(pt.deals.next_agreed).waitFor();
  // What the destination asks for, as the national team keeps it (demo rules: examples).
  const documents = buyer.locator('.destination-documents');
  await documents.getByText(pt.export_document['commercial-invoice']).waitFor();
  assert.ok(await documents.getByText(pt.documents.example).first().isVisible(), 'demo rules are marked as examples');
  await shot(buyer, 'deal-agreed-pt-phone');

  // The producer records the proforma, then the shipment with its bill of lading.
  const { page: producer, problems: producerProblems } = await openPage(ctx.browser);
  await signIn(producer, base, 'fr', 'producer@demo.trade.ma', PASSWORD);
  await producer.goto(`${base}/fr/deals/${deal}`);
  await waitForHydration(producer);
  await producer.locator('#field-to').selectOption('proforma-sent');
  await producer.locator('#field-reference').fill('PF-2026-031');
  await Promise.all([producer.waitForURL(/moved=1$/), producer.locator('.deal-move button[type=submit]').click()]);
  await producer.locator('.deal-step-proforma-sent').waitFor();
  await waitForHydration(producer);
  await producer.locator('#field-to').selectOption('shipped');
  await producer.locator('#field-reference').fill('MSCU 1234567');
  await producer.locator('#field-note').fill('Départ de Casablanca, arrivée prévue à Santos dans 21 jours.');
  await producer.locator('.deal-move button[type=submit]').click();
  await producer.locator('.deal-step-shipped').waitFor();
  await producer.getByText(fr.deals.next_shipped).waitFor();
  await shot(producer, 'deal-shipped-fr');
  const told = await mailIn(ctx.server.dataDir, 'buyer@demo.trade.ma', `/deals/${deal}`);
  assert.match(told, new RegExp(`/deals/${deal}`), 'the buyer is told by e-mail');

  // The buyer confirms receipt.
  await buyer.goto(`${base}/pt/deals/${deal}`);
  await waitForHydration(buyer);
  await buyer.locator('.deal-step-shipped', { hasText: 'MSCU 1234567' }).waitFor();
  await buyer.locator('#field-to').selectOption('received');
  await Promise.all([buyer.waitForURL(/moved=1$/), buyer.locator('.deal-move button[type=submit]').click()]);
  await buyer.getByText(pt.deals.next_received).waitFor();
  assert.equal(await buyer.locator('.deal-move').count(), 0, 'nothing left to record');
  await shot(buyer, 'deal-received-pt-phone');

  // The national team counts a first export this year.
  const { page: office, problems: officeProblems } = await openPage(ctx.browser);
  await signIn(office, base, 'fr', 'admin@demo.trade.ma', PASSWORD);
  await office.goto(`${base}/fr/admin`);
  await waitForHydration(office);
  const exporters = office.locator('.stat-card').first().locator('.stat-number');
  assert.equal(await exporters.innerText(), '1', 'one producer with a first export this year');
  await office.locator('.exports-summary').getByText(fr.exports.deals).first().waitFor();
  await shot(office, 'platform-exports-fr');

  for (const problems of [buyerProblems, producerProblems, officeProblems]) {
    assert.deepEqual(problems, [], 'no console errors');
  }
});
