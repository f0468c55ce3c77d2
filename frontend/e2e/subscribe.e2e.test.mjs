// Browser end-to-end tests of "Email me results" and of result-email links (?feed=…&image=…), in real Chromium.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { appUrl, cardNamed, feedIdOf, launchBrowser, localEndpoints, makePng, openPage, screenshot, skipReason, upload } from "./support.mjs";

if (skipReason) test("browser end-to-end tests of email subscriptions", { skip: skipReason }, () => {});

// Until GET /feeds/{id}/labels exists the page asks for it, gets 404 and shows no chips: that one console line is expected.
const isLabelsProbe = (problem) => problem.includes("404");

describe("Email me results", { skip: Boolean(skipReason) }, () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test("the header form refuses a bad address as text, then says to check the inbox, and SNS mails the confirmation", async () => {
    const problems = [];
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await openPage(context, `${appUrl}/`, problems);
      await page.locator('[data-testid="subscribe-open"]').click();
      const email = page.locator('[data-testid="subscribe-email"]');
      await email.waitFor({ state: "visible" });

      await email.fill("not-an-address");
      await page.locator('[data-testid="subscribe-submit"]').click();
      await page.locator('[data-testid="subscribe-error"]', { hasText: "email address" }).waitFor();

      const address = `page-${Date.now()}@example.com`;
      await email.fill(address);
      await page.locator('[data-testid="subscribe-labels"]').fill("Dog, Person");
      await page.locator('[data-testid="subscribe-submit"]').click();
      const done = page.locator('[data-testid="subscribe-done"]');
      await done.waitFor({ state: "visible" });
      assert.match(await done.textContent(), /Check your inbox to confirm/);
      assert.match(await done.textContent(), new RegExp(address.replace(".", "\\.")));
      assert.equal(await page.locator('[data-testid="subscribe-error"]').isVisible(), false);
      await screenshot(page, "subscribe-done");

      const endpoints = await localEndpoints();
      if (endpoints?.mailbox) {
        let confirmation;
        for (let i = 0; i < 50 && !confirmation; i++) {
          const emails = await (await fetch(new URL("email", endpoints.mailbox))).json();
          confirmation = emails.find((e) => e.to.some((to) => to.address === address));
          if (!confirmation) await new Promise((resolve) => setTimeout(resolve, 200));
        }
        assert.ok(confirmation, "SNS's confirmation email reached the mailbox");
        assert.equal(confirmation.subject, "AWS Notification - Subscription Confirmation");
        assert.match(confirmation.text, /Action=ConfirmSubscription/);
      }
      assert.deepEqual(problems.filter((p) => !isLabelsProbe(p)), []);
    } finally {
      await context.close();
    }
  });

  test("a result email's link ?feed=…&image=… opens the feed with that card in view and focused", async () => {
    const problems = [];
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await openPage(context, `${appUrl}/`, problems);
      const feedId = await feedIdOf(page);
      const names = ["first.png", "linked.png", "third.png"];
      await upload(page, names.map((name, i) => ({ name, mimeType: "image/png", buffer: makePng(80 + i * 10, 80) })));
      const card = cardNamed(page, "linked.png");
      await card.and(page.locator("[data-image-id]")).waitFor({ timeout: 30_000 });
      const imageId = await card.getAttribute("data-image-id");
      assert.ok(imageId);

      const linked = await openPage(context, `${appUrl}/?feed=${feedId}&image=${imageId}`, problems);
      const target = linked.locator(`[data-image-id="${imageId}"]`);
      await linked.locator(`[data-image-id="${imageId}"][data-linked="true"]`).waitFor({ timeout: 30_000 });
      assert.equal(await target.evaluate((element) => element === document.activeElement), true, "the linked card has focus");
      assert.equal(await linked.locator("[data-linked]").count(), 1, "only that card is marked");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
