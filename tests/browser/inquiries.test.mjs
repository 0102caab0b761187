// A buyer contacts a supplier, in Chromium: opens a listing,
// writes an inquiry, signs up inline, confirms the address from the mail
// file and sees the inquiry delivered; the demo producer, on a 390 px phone
// in Arabic, sees it with an unread badge and replies with a quote; the buyer
// accepts it and keeps the listing in a shortlist; then the buyer writes
// once more with JavaScript off.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { mailIn, openPage, serverAndBrowser, shot, waitForHydration } from './harness.mjs';

const ctx = serverAndBrowser();
const BUYER = { name: 'Ana Pérez', email: 'ana@importadora.example', password: 'container ships to Colón 2027' };

const mailTo = (address, needle) => mailIn(ctx.server.dataDir, address, needle);

async function signIn(page, lang, email, password) {
  await page.goto(`${ctx.server.base}/${lang}/account/sign-in`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.includes('/sign-in')),
    page.locator('.form-card button[type=submit]').click(),
  ]);
}

test('a buyer asks for a quote, the producer answers in Arabic on a phone, the buyer accepts', async () => {
  const base = ctx.server.base;
  // The demo producer's phone, in Arabic: one of its public listings.
  const { page: producer, problems: producerProblems } = await openPage(ctx.browser, { width: 390, height: 844, locale: 'ar' });
  await signIn(producer, 'ar', 'producer@demo.trade.ma', 'tradema demo 2026');
  await producer.goto(`${base}/ar/dashboard`);
  const publicPath = await producer.locator('.own-listing-actions a[href*="/listings/"]:not([href*="/dashboard/"])').first().getAttribute('href');
  const listingPath = publicPath.replace(/^\/ar\//, '/en/');

  // The buyer finds the listing and writes, signing up on the way.
  const { page: buyer, problems: buyerProblems } = await openPage(ctx.browser, { locale: 'en-US' });
  await buyer.goto(base + listingPath);
  await waitForHydration(buyer);
  await buyer.getByRole('link', { name: 'Contact the supplier' }).click();
  await buyer.waitForURL(/\/inquire$/);
  await waitForHydration(buyer);
  await buyer.getByLabel('Quantity', { exact: true }).fill('300');
  await buyer.getByLabel('Unit', { exact: true }).selectOption('carton');
  await buyer.getByLabel('Destination country').selectOption('PA');
  await buyer.getByLabel('Message').fill('Hello, we would like 300 cartons a quarter, CIF Colón.\n<b>Not bold</b>');
  await buyer.getByLabel('Your name').fill(BUYER.name);
  await buyer.getByLabel('E-mail address').fill(BUYER.email);
  await buyer.getByLabel('Password').fill(BUYER.password);
  await shot(buyer, 'inquiry-form-en-desktop');
  await buyer.getByRole('button', { name: 'Send the inquiry' }).click();
  // Nobody is signed in before the mailbox is proved; the inquiry is kept.
  await buyer.waitForURL(/\/en\/account\/sign-up\?sent=1&inquiry=1$/);
  await buyer.getByText('Check your mail').waitFor();
  await buyer.getByText('Your inquiry is kept').waitFor();
  await shot(buyer, 'sign-up-check-mail-en-desktop');

  // Held: the producer does not see it yet.
  await producer.goto(`${base}/ar/inquiries`);
  await waitForHydration(producer);
  assert.equal(await producer.locator('.inbox-line', { hasText: BUYER.name }).count(), 0, 'a held inquiry is not the producer’s yet');

  // The confirmation link from the mail file, opened in the same browser:
  // it signs the buyer in and delivers the inquiry.
  const mail = await mailTo(BUYER.email, 'token=');
  assert.ok(!mail.includes(BUYER.name), 'the mail carries nothing the visitor typed');
  const link = mail.match(/https?:\/\/\S+\/account\/confirm\?token=[0-9a-f]{64}/)[0];
  await buyer.goto(link);
  await waitForHydration(buyer);
  await buyer.getByRole('button', { name: 'Confirm my address' }).click();
  await buyer.getByText('Address confirmed').waitFor();
  await buyer.getByRole('link', { name: 'See my inquiries' }).click();
  await buyer.waitForURL(/\/en\/inquiries$/);
  await buyer.locator('.inbox-line a').first().click();
  await buyer.waitForURL(/\/en\/inquiries\/\d+$/);
  const threadPath = new URL(buyer.url()).pathname;
  assert.equal(await buyer.locator('.message-body').first().innerText(), 'Hello, we would like 300 cartons a quarter, CIF Colón.\n<b>Not bold</b>');

  // The producer sees it, unread, and replies with a quote.
  await producer.goto(`${base}/ar/inquiries`);
  await waitForHydration(producer);
  assert.ok(Number(await producer.locator('.inquiries-link .badge-unread').innerText()) >= 1, 'an unread count in the header');
  const line = producer.locator('.inbox-line.unread', { hasText: BUYER.name });
  await line.waitFor();
  await shot(producer, 'inbox-ar-phone');
  await line.locator('a').click();
  await producer.waitForURL(/\/ar\/inquiries\/\d+$/);
  await waitForHydration(producer);
  await producer.locator('#field-message').fill('مرحبًا، هذا عرضنا.');
  await producer.locator('.quote-fields summary').click();
  await producer.locator('input[name="form[with_quote]"]').check();
  await producer.locator('input[name="form[unit_price]"]').fill('42.50');
  await producer.locator('select[name="form[currency]"]').selectOption('USD');
  await producer.locator('input[name="form[quantity_amount]"]').fill('300');
  await producer.locator('select[name="form[quantity_unit]"]').selectOption('carton');
  await producer.locator('select[name="form[incoterm]"]').selectOption('CIF');
  await producer.locator('input[name="form[named_place]"]').fill('Colón');
  const validUntil = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  await producer.locator('input[name="form[valid_until]"]').fill(validUntil);
  await producer.locator('input[name="form[lead_time_days]"]').fill('25');
  await producer.locator('.reply-card button[type=submit]').click();
  await producer.locator('.quote-card').waitFor();
  await shot(producer, 'thread-quote-ar-phone');
  const width = await producer.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling on a phone (${width} px)`);

  // The buyer sees the quote and accepts it.
  await buyer.goto(base + threadPath);
  await waitForHydration(buyer);
  await buyer.locator('.quote-card').getByText('12,750.00 USD').waitFor();
  // Accepting leads to the deal; the conversation stays open, "Agreed", and names it.
  await Promise.all([
    buyer.waitForURL(/\/en\/deals\/\d+\?agreed=1$/),
    buyer.getByRole('button', { name: 'Accept the quote' }).click(),
  ]);
  await buyer.getByText('Deal agreed').waitFor();
  await buyer.goto(base + threadPath);
  await waitForHydration(buyer);
  await buyer.locator('.quote-accepted').waitFor();
  assert.equal(await buyer.locator('.thread-header .status').innerText(), 'Agreed');
  await buyer.locator('.thread-deal a[href*="/deals/"]').waitFor();
  await shot(buyer, 'thread-accepted-en-desktop');

  // The buyer keeps the listing in the shortlist, from its page.
  await buyer.goto(base + listingPath);
  await waitForHydration(buyer);
  await buyer.getByRole('button', { name: 'Save to shortlist' }).click();
  await buyer.getByRole('button', { name: /In my shortlist/ }).waitFor();
  await buyer.goto(`${base}/en/shortlist`);
  await waitForHydration(buyer);
  assert.equal(await buyer.locator('.listing-card').count(), 1, 'the saved listing is on the shortlist page');
  assert.deepEqual([...buyerProblems, ...producerProblems], []);
});

test('without JavaScript, a buyer replies in a conversation', async () => {
  const base = ctx.server.base;
  const context = await ctx.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: 'en-US' });
  const page = await context.newPage();
  await signIn(page, 'en', BUYER.email, BUYER.password);
  await page.goto(`${base}/en/inquiries`);
  await page.locator('.inbox-link').first().click();
  await page.waitForURL(/\/en\/inquiries\/\d+$/);
  await page.locator('#field-message').fill('Thank you, the order form follows.');
  await page.locator('.reply-card button[type=submit]').click();
  await page.waitForURL(/replied=1/);
  await page.getByText('Thank you, the order form follows.').waitFor();
  await context.close();
});
