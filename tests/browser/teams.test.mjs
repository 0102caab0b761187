// Company teams, in Chromium: the demo producer's owner invites a sales
// member from the team page; the new member opens the mailed link on a
// 390 px phone in Arabic, signs up there, answers a buyer's conversation
// with a quote, and finds no listing editor (404) and no editing on the
// dashboard; the owner reads both in the team log.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { mailIn, openPage, serverAndBrowser, shot, signIn, waitForHydration } from './harness.mjs';

const ctx = serverAndBrowser();
const NEWCOMER = { name: 'سلمى الإدريسي', email: 'salma@tifawin.example', password: 'argan groves of the Souss 2027' };

test('an owner invites a sales member, who joins and quotes on a phone in Arabic but cannot edit listings', async () => {
  const base = ctx.server.base;
  const { page: owner, problems: ownerProblems } = await openPage(ctx.browser);
  await signIn(owner, base, 'fr', 'producer@demo.trade.ma', 'tradema demo 2026');
  await owner.goto(`${base}/fr/dashboard`);
  await Promise.all([owner.waitForURL(/\/fr\/dashboard\/team/), owner.locator('.dashboard-actions a[href$="/dashboard/team"]').click()]);
  await waitForHydration(owner);
  assert.equal(await owner.locator('.team-member').count(), 4, 'the demo team: owner, manager, two sales members');
  await owner.locator('#invite-email').fill(NEWCOMER.email);
  await owner.locator('#invite-role').selectOption('sales');
  await owner.locator('#invite-locale').selectOption('ar');
  await Promise.all([owner.waitForURL(/invited=1/), owner.locator('.team-invite button[type=submit]').click()]);
  await owner.locator('.team-invitations', { hasText: NEWCOMER.email }).waitFor();
  await shot(owner, 'team-owner-fr');

  // The invitation, in Arabic, carries the link.
  const mail = await mailIn(ctx.server.dataDir, NEWCOMER.email, '/join?token=');
  const link = mail.match(/https?:\/\/\S+\/ar\/join\?token=[0-9a-f]{64}/)?.[0];
  assert.ok(link, `an Arabic join link in the mail:\n${mail}`);
  const path = new URL(link).pathname + new URL(link).search;

  // The newcomer's phone, in Arabic.
  const { page: phone, problems: phoneProblems } = await openPage(ctx.browser, { width: 390, height: 844, locale: 'ar' });
  await phone.goto(`${base}${path}`);
  await waitForHydration(phone);
  assert.equal(await phone.locator('html').getAttribute('dir'), 'rtl');
  await phone.locator('#join-name').fill(NEWCOMER.name);
  await phone.locator('#join-password').fill(NEWCOMER.password);
  await shot(phone, 'team-join-ar-phone');
  await Promise.all([phone.waitForURL(/\/ar\/dashboard\?joined=1/), phone.locator('.form-card button[type=submit]').click()]);
  await waitForHydration(phone);
  await phone.locator('.own-listing').first().waitFor();
  assert.equal(await phone.locator('.own-listings a[href*="/dashboard/listings/"], .own-listing-actions button').count(), 0, 'no editing on the dashboard');
  assert.equal(await phone.locator('a[href$="/dashboard/listings/new"]').count(), 0, 'no new listing');

  // A saved reply for the team, kept from the inbox.
  await phone.goto(`${base}/ar/inquiries`);
  await waitForHydration(phone);
  await phone.locator('#saved-reply-name').fill('العينات');
  await phone.locator('#saved-reply-text').fill('نرسل العينات خلال أسبوع، والشحن على حساب المشتري.');
  await Promise.all([phone.waitForURL(/reply_saved=1/), phone.locator('.saved-replies button[type=submit]').last().click()]);
  await phone.locator('.saved-reply summary', { hasText: 'العينات' }).waitFor();

  // A new conversation of the company, answered from the saved reply, with a quote.
  await phone.goto(`${base}/ar/inquiries?status=new`);
  await waitForHydration(phone);
  const line = phone.locator('.inbox-line').first();
  await line.waitFor();
  await line.locator('a').click();
  await phone.waitForURL(/\/ar\/inquiries\/\d+$/);
  await waitForHydration(phone);
  const listingHref = await phone.locator('.thread-facts a[href*="/listings/"]').getAttribute('href');
  await Promise.all([phone.waitForURL(/reply=\d+/), phone.locator('.saved-reply-pick button').click()]);
  await waitForHydration(phone);
  assert.match(await phone.locator('#field-message').inputValue(), /نرسل العينات خلال أسبوع/, 'the answer starts from the saved reply');
  await phone.locator('#field-message').fill('مرحبًا، إليكم عرضنا. نرسل العينات خلال أسبوع.');
  await phone.locator('.quote-fields summary').click();
  await phone.locator('input[name="form[with_quote]"]').check();
  await phone.locator('input[name="form[unit_price]"]').fill('18.50');
  await phone.locator('select[name="form[currency]"]').selectOption('USD');
  await phone.locator('input[name="form[quantity_amount]"]').fill('2000');
  await phone.locator('select[name="form[quantity_unit]"]').selectOption({ index: 1 });
  await phone.locator('select[name="form[incoterm]"]').selectOption('CIF');
  await phone.locator('input[name="form[named_place]"]').fill('Santos');
  const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await phone.locator('input[name="form[valid_until]"]').fill(validUntil);
  await phone.locator('input[name="form[lead_time_days]"]').fill('30');
  await phone.locator('.reply-card form:not(.saved-reply-pick) button[type=submit]').click();
  await phone.locator('.quote-card').waitFor();
  const author = await phone.locator('.message').last().innerText();
  assert.ok(author.includes(NEWCOMER.name), `the answer carries the member's name: ${author}`);
  await shot(phone, 'team-sales-quote-ar-phone');
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling on a phone (${width} px)`);

  // The listing editor does not exist for a sales member.
  const id = listingHref.match(/\/listings\/(\d+)/)[1];
  const seen = phoneProblems.length;
  const editor = await phone.goto(`${base}/ar/dashboard/listings/${id}`);
  assert.equal(editor.status(), 404, 'a sales member has no listing editor');
  // Chromium logs the 404 document itself; that one is expected.
  phoneProblems.splice(seen, phoneProblems.length - seen, ...phoneProblems.slice(seen).filter((p) => !p.includes('status of 404')));

  // The owner reads the join in the team log.
  await owner.goto(`${base}/fr/dashboard/team`);
  await owner.locator('.audit-table', { hasText: NEWCOMER.email }).waitFor();
  assert.deepEqual([...ownerProblems, ...phoneProblems], [], 'no console errors');
});
