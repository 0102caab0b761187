// Buying requests, in Chromium: a new buyer on a 390 px phone in
// Portuguese signs up and posts a request; the national trade team
// approves it from its queue; two Souss-Massa cooperatives pool an offer,
// one in Arabic (its lead) and one in French; the buyer accepts the offer
// and finds one conversation per member. Texts are read from the locale
// files, so the test checks what each reader is shown in its language.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { ROOT, mailIn, openPage, serverAndBrowser, shot, signIn, waitForHydration } from './harness.mjs';

const ctx = serverAndBrowser();
const PASSWORD = 'tradema demo 2026';
const BUYER = { name: 'Marina Costa', email: 'marina@oleos-do-brasil.example', password: 'oleo de argan para o Brasil' };
const texts = (lang) => JSON.parse(readFileSync(join(ROOT, 'app', 'locales', `${lang}.json`), 'utf8'));
const pt = texts('pt');

test('a buyer posts a request on a phone, the office approves it, two cooperatives pool an offer and the buyer accepts it', async () => {
  const base = ctx.server.base;
  const { page: buyer, problems: buyerProblems } = await openPage(ctx.browser, { width: 390, height: 844, locale: 'pt-BR' });

  // A new buyer account, confirmed by the mailed link.
  await buyer.goto(`${base}/pt/account/sign-up`);
  await waitForHydration(buyer);
  await buyer.locator('input[name=role][value=buyer]').check();
  await buyer.locator('#display_name').fill(BUYER.name);
  await buyer.locator('#email').fill(BUYER.email);
  await buyer.locator('#password').fill(BUYER.password);
  await Promise.all([buyer.waitForURL(/sign-up\?sent=1$/), buyer.locator('.form-card button[type=submit]').click()]);
  const confirmation = await mailIn(ctx.server.dataDir, BUYER.email, 'token=');
  await buyer.goto(confirmation.match(/https?:\/\/\S+\/account\/confirm\?token=[0-9a-f]{64}/)[0]);
  await waitForHydration(buyer);
  await Promise.all([buyer.waitForURL((url) => !url.search.includes('token=')), buyer.locator('.form-card button[type=submit]').click()]);

  // The request, with a mistake first: a deadline in the past is refused and nothing typed is lost.
  await buyer.goto(`${base}/pt/requests/new`);
  await waitForHydration(buyer);
  await buyer.locator('#field-product').fill('Óleo de argan cosmético prensado a frio');
  await buyer.locator('#field-sector').selectOption('cosmetics-argan');
  await buyer.locator('#field-quantity_amount').fill('20000');
  await buyer.locator('#field-quantity_unit').selectOption('litre');
  await buyer.locator('#field-target_price').fill('18,50');
  await buyer.locator('#field-currency').selectOption('USD');
  await buyer.locator('#field-incoterm').selectOption('CIF');
  await buyer.locator('#field-destination_country').selectOption('BR');
  await buyer.locator('#field-deadline').fill('2020-01-01');
  await buyer.locator('#field-details').fill('Tambores de 200 L, entrega em Santos.');
  await buyer.locator('.form-card button[type=submit]').click();
  await buyer.locator('.field', { has: buyer.locator('#field-deadline') }).getByText(pt.invalid.request_deadline).waitFor();
  await waitForHydration(buyer);
  assert.equal(await buyer.locator('#field-product').inputValue(), 'Óleo de argan cosmético prensado a frio', 'nothing typed is lost');
  await buyer.locator('#field-deadline').fill('');
  await Promise.all([buyer.waitForURL(/\/pt\/requests\/\d+\?posted=1$/), buyer.locator('.form-card button[type=submit]').click()]);
  const id = buyer.url().match(/\/requests\/(\d+)/)[1];
  await buyer.getByText(pt.requests.screening_note).waitFor();
  await shot(buyer, 'request-posted-pt-phone');

  // The national team approves it from its queue.
  const { page: office, problems: officeProblems } = await openPage(ctx.browser);
  await signIn(office, base, 'fr', 'admin@demo.trade.ma', PASSWORD);
  await office.goto(`${base}/fr/admin/requests`);
  await waitForHydration(office);
  const card = office.locator('.review-card', { hasText: BUYER.email });
  await card.waitFor();
  await shot(office, 'requests-screening-fr');
  await Promise.all([office.waitForURL(/decided=1/), card.locator('button.button-accent').click()]);

  // The lead cooperative, in Arabic, starts the offer, commits its share and invites a second one.
  const { page: lead, problems: leadProblems } = await openPage(ctx.browser, { locale: 'ar' });
  await signIn(lead, base, 'ar', 'tagmat@demo.trade.ma', PASSWORD);
  await lead.goto(`${base}/ar/requests/${id}`);
  await waitForHydration(lead);
  assert.equal(await lead.locator('html').getAttribute('dir'), 'rtl');
  await lead.locator('.offer-start summary').click();
  await lead.locator('#offer-place').fill('Santos');
  await lead.locator('#offer-lead-time').fill('45');
  await lead.locator('#offer-valid-until').fill('2027-03-31');
  await lead.locator('#offer-message').fill('تعاونيتان من سوس ماسة، عرض واحد.');
  await Promise.all([lead.waitForURL(/#offer-\d+$/), lead.locator('.offer-start button[type=submit]').click()]);
  const offer = lead.url().match(/#offer-(\d+)$/)[1];
  await waitForHydration(lead);
  await lead.locator(`#share-quantity-${offer}`).fill('12000');
  await lead.locator(`#share-price-${offer}`).fill('17.00');
  await lead.locator(`#offer-${offer} .offer-form button[type=submit]`).first().click();
  await lead.locator(`#offer-${offer} td`, { hasText: '17,00 USD' }).waitFor();
  await lead.locator(`#invite-${offer}`).selectOption({ label: 'Coopérative Izourane Anti-Atlas' });
  await lead.locator(`#offer-${offer} form`, { has: lead.locator(`#invite-${offer}`) }).locator('button[type=submit]').click();
  await lead.locator(`#offer-${offer} tr`, { hasText: 'Coopérative Izourane Anti-Atlas' }).waitFor();

  // The second cooperative, in French, commits its share.
  const { page: member, problems: memberProblems } = await openPage(ctx.browser);
  await signIn(member, base, 'fr', 'izourane@demo.trade.ma', PASSWORD);
  await member.goto(`${base}/fr/requests/${id}`);
  await waitForHydration(member);
  await member.locator(`#share-quantity-${offer}`).fill('8000');
  await member.locator(`#share-price-${offer}`).fill('18,50');
  await member.locator(`#offer-${offer} .offer-form button[type=submit]`).first().click();
  await member.getByText(texts('fr').requests.offer_complete).waitFor();
  await shot(member, 'pooled-offer-member-fr');

  // The lead sends it.
  await lead.reload();
  await waitForHydration(lead);
  await lead.getByRole('button', { name: texts('ar').requests.offer_submit }).click();
  await lead.locator(`#offer-${offer} .status-offer-submitted`).waitFor();
  await shot(lead, 'pooled-offer-lead-ar');

  // The buyer sees one offer with both members and accepts it.
  await buyer.goto(`${base}/pt/requests/${id}`);
  await waitForHydration(buyer);
  const sent = buyer.locator(`#offer-${offer}`);
  await sent.getByText('Coopérative Izourane Anti-Atlas').waitFor();
  assert.ok(await sent.getByText(pt.requests.offer_complete).isVisible(), 'the quantity asked is reached');
  await shot(buyer, 'pooled-offer-buyer-pt-phone');
  await sent.getByRole('button', { name: pt.requests.offer_accept }).click();
  await buyer.getByText(pt.requests.offer_accepted_note).waitFor();
  assert.equal(await buyer.locator(`#offer-${offer} a[href*="/inquiries/"]`).count(), 2, 'one conversation per member');
  await shot(buyer, 'pooled-offer-accepted-pt-phone');

  for (const problems of [buyerProblems, officeProblems, leadProblems, memberProblems]) {
    assert.deepEqual(problems, [], 'no console errors');
  }
});
