// Browser end-to-end tests of the page against a running host (ILL_APP_URL), in real Chromium.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  appUrl,
  cardNamed,
  connectionIdsForFeed,
  dropConnection,
  dropFiles,
  feedIdOf,
  hasSharedImages,
  launchBrowser,
  localEndpoints,
  makeNoisyPng,
  makePng,
  makeTruncatedPng,
  openPage,
  screenshot,
  sharedImage,
  sharedSkipReason,
  skipReason,
  upload,
} from "./support.mjs";

const labeledTimeout = 90_000;

// Without a host there is nothing to drive: one skipped test says so (and counts as skipped).
if (skipReason) test("browser end-to-end tests", { skip: skipReason }, () => {});

describe("ImageLabelsLive page", { skip: Boolean(skipReason) }, () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test("an empty feed shows the uploader and a calm empty state", async () => {
    const problems = [];
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await openPage(context, `${appUrl}/`, problems);
      const feedId = await feedIdOf(page);
      assert.match(feedId, /^[A-Za-z0-9_-]{22}$/, "a new feed id is 128 random bits in base64url");
      assert.equal(new URL(page.url()).searchParams.get("feed"), feedId, "the URL names the feed so it can be shared");
      await page.locator('[data-testid="empty"]').waitFor({ state: "visible" });
      await screenshot(page, "empty");

      // Share feed copies the link and says so.
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(appUrl).origin });
      await page.locator('[data-testid="share"]').click();
      await page.locator('[data-testid="toast"]', { hasText: "Link copied" }).waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(new URL(copied).searchParams.get("feed"), feedId);

      // Keyboard: the first Tab stops are the skip link and then real controls with a visible focus ring.
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      const outline = await page.evaluate(() => {
        const element = document.activeElement;
        return element && element !== document.body ? getComputedStyle(element).outlineStyle : "none";
      });
      assert.notEqual(outline, "none", "the focused control shows a focus ring");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("two tabs of one profile share a feed; an upload in one shows its labels in the other; another profile sees nothing", async (t) => {
    const problems = [];
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const stranger = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const first = await openPage(context, `${appUrl}/`, problems);
      const feedId = await feedIdOf(first);
      // The second tab opens the bare URL: the feed comes from this profile's storage.
      const second = await openPage(context, `${appUrl}/`, problems);
      assert.equal(await feedIdOf(second), feedId, "tabs of one browser profile share the feed");

      const fileName = hasSharedImages ? "dog_bicycle_truck.jpg" : "generated-gradient.png";
      const file = hasSharedImages
        ? { name: fileName, mimeType: "image/jpeg", buffer: sharedImage(fileName) }
        : { name: fileName, mimeType: "image/png", buffer: makePng(640, 480) };

      // Slow the first tab's upload so that the progress bar can be seen (and photographed).
      const cdp = await context.newCDPSession(first);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: 20,
        downloadThroughput: -1,
        uploadThroughput: 48 * 1024,
      });
      await upload(first, [file]);
      const uploadingCard = cardNamed(first, fileName);
      await uploadingCard.locator('.progress-row:not([hidden])').waitFor({ timeout: 15_000 });
      assert.equal(await uploadingCard.getAttribute("data-status"), "uploading");
      await first.waitForTimeout(700);
      await screenshot(first, "uploading");
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });

      // The other tab gets the card and its labels live, without a reload.
      const otherCard = cardNamed(second, fileName);
      await otherCard.waitFor({ timeout: 30_000 });
      await second.locator(`article.card[data-status="labeled"]`, { hasText: fileName }).waitFor({ timeout: labeledTimeout });
      const imageId = await otherCard.getAttribute("data-image-id");
      assert.match(imageId ?? "", /^[0-9a-f]{32}$/);
      const uploaderCard = first.locator(`article.card[data-status="labeled"]`, { hasText: fileName });
      await uploaderCard.waitFor({ timeout: labeledTimeout });
      assert.equal(await first.locator("article.card").count(), 1, "one card per image, no duplicates");
      assert.equal(await second.locator("article.card").count(), 1);
      await second.locator('[data-testid="announcer"]', { hasText: `${fileName} is labeled` }).waitFor({ timeout: 5_000 });
      await screenshot(second, "labeled-other-tab");

      if (hasSharedImages) {
        const names = await otherCard.locator(".label-name").allTextContents();
        assert.ok(
          names.some((name) => ["Dog", "Bicycle", "Truck", "Car"].includes(name)),
          `labels of the dog photo include one of its objects; got ${names.join(", ")}`,
        );
        // The uploading tab shows the picture with boxes; focusing a label lights up its boxes.
        const boxes = uploaderCard.locator(".box");
        assert.ok((await boxes.count()) > 0, "boxes are drawn over the picture");
        const boxed = uploaderCard.locator(".label-boxed").first();
        // A background tab does not run CSS transitions; look at the tab as its user would.
        await first.bringToFront();
        await boxed.focus();
        assert.ok((await uploaderCard.locator(".box.is-active").count()) > 0, "focusing a label highlights its boxes");
        await first.waitForTimeout(300);
        await screenshot(first, "labeled");

        // The confidence slider hides labels below it.
        const before = await uploaderCard.locator(".label").count();
        await first.locator('[data-testid="threshold"]').fill("100");
        await first.waitForTimeout(100);
        const afterCount = await uploaderCard.locator(".label").count();
        assert.ok(afterCount < before, `the slider filters labels (${before} → ${afterCount})`);
        await first.locator('[data-testid="threshold"]').fill("0");
      } else {
        await screenshot(first, "labeled");
        t.diagnostic(String(sharedSkipReason));
      }

      // A second profile has its own feed and does not see this image.
      const outsider = await strangerPage(stranger, problems);
      assert.notEqual(await feedIdOf(outsider), feedId);
      assert.equal(await outsider.locator("article.card").count(), 0, "another profile's feed is empty");
      assert.equal(await outsider.locator(`[data-image-id="${imageId}"]`).count(), 0);

      assert.deepEqual(problems, []);
    } finally {
      await stranger.close();
      await context.close();
    }
  });

  test("several files dropped at once upload side by side, each with its own progress, and one can be canceled", async () => {
    const problems = [];
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await openPage(context, `${appUrl}/`, problems);
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: 20,
        downloadThroughput: -1,
        uploadThroughput: 64 * 1024,
      });
      const keep = "kept.png";
      const drop = "canceled.png";
      await dropFiles(page, '[data-testid="dropzone"]', [
        { name: keep, mimeType: "image/png", buffer: makePng(120, 90) },
        { name: drop, mimeType: "image/png", buffer: makeNoisyPng(200, 200, 7) },
      ]);
      const canceledCard = cardNamed(page, drop);
      await canceledCard.locator(".progress-row:not([hidden])").waitFor({ timeout: 15_000 });
      await canceledCard.getByRole("button", { name: `Cancel upload of ${drop}` }).click();
      await page.locator('article.card[data-status="canceled"]', { hasText: drop }).waitFor({ timeout: 10_000 });
      await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      await page
        .locator('article.card[data-status="labeled"], article.card[data-status="failed"]', { hasText: keep })
        .waitFor({ timeout: labeledTimeout });
      assert.equal(await cardNamed(page, drop).getAttribute("data-status"), "canceled", "a canceled upload stays canceled");
      assert.equal(await page.locator("article.card").count(), 2);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("a file named like HTML is shown as text", async () => {
    const problems = [];
    const context = await browser.newContext();
    try {
      const page = await openPage(context, `${appUrl}/`, problems);
      const fileName = "<img src=x onerror=alert(1)>.png";
      await upload(page, [{ name: fileName, mimeType: "image/png", buffer: makePng() }]);
      const card = cardNamed(page, fileName);
      await card.waitFor({ timeout: 30_000 });
      await page.locator("article.card[data-image-id]").first().waitFor({ timeout: 30_000 });
      assert.equal((await card.locator(".card-title").textContent())?.trim(), fileName);
      assert.equal(await page.locator('img[src="x"]').count(), 0, "no element was made from the name");
      await page.locator('article.card[data-status="labeled"], article.card[data-status="failed"]').first().waitFor({
        timeout: labeledTimeout,
      });
      assert.equal((await card.locator(".card-title").textContent())?.trim(), fileName, "still text after the push");
      assert.equal(await page.locator('img[src="x"]').count(), 0);
      assert.deepEqual(problems, [], "no script ran and nothing failed");
    } finally {
      await context.close();
    }
  });

  test("invalid files show their errors, before and after uploading", async () => {
    const problems = [];
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await openPage(context, `${appUrl}/`, problems);
      await upload(page, [
        { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not an image\n") },
        { name: "text-named-as.jpg", mimeType: "image/jpeg", buffer: Buffer.from("plain text saved with a .jpg name\n") },
        { name: "empty.png", mimeType: "image/png", buffer: Buffer.alloc(0) },
      ]);
      const notices = page.locator('[data-testid="notice"]');
      await notices.nth(2).waitFor();
      const texts = (await notices.allTextContents()).join("\n");
      assert.match(texts, /notes\.txt.*Only JPEG and PNG/s);
      assert.match(texts, /text-named-as\.jpg.*not a JPEG or PNG/s);
      assert.match(texts, /empty\.png.*empty/s);
      assert.equal(await page.locator("article.card").count(), 0, "rejected files are never uploaded");

      // A PNG whose data is cut short passes the page's checks; the server fails it with a reason.
      const broken = "broken-photo.png";
      await upload(page, [{ name: broken, mimeType: "image/png", buffer: makeTruncatedPng() }]);
      const card = page.locator('article.card[data-status="failed"]', { hasText: broken });
      await card.waitFor({ timeout: labeledTimeout });
      const reason = (await card.locator('[data-role="error"]').textContent())?.trim() ?? "";
      assert.ok(reason.length > 10, `a failed image shows a reason a person can read; got "${reason}"`);
      await screenshot(page, "failed");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("after the connection drops, the page reconnects and catches up", async () => {
    const problems = [];
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const helper = await browser.newContext();
    try {
      const page = await openPage(context, `${appUrl}/`, problems);
      const feedId = await feedIdOf(page);
      await context.setOffline(true);
      await page.locator('[data-testid="connection"][data-state="offline"]').waitFor({ timeout: 10_000 });

      // While this tab is away, someone with the link uploads to the feed.
      const other = await openPage(helper, `${appUrl}/?feed=${feedId}`, problems);
      assert.equal(await feedIdOf(other), feedId);
      const fileName = "while-you-were-away.png";
      await upload(other, [{ name: fileName, mimeType: "image/png", buffer: makePng(120, 90) }]);
      await other
        .locator('article.card[data-status="labeled"], article.card[data-status="failed"]', { hasText: fileName })
        .waitFor({ timeout: labeledTimeout });
      const finalStatus = await cardNamed(other, fileName).getAttribute("data-status");
      assert.equal(await cardNamed(page, fileName).count(), 0, "nothing arrives while offline");

      await context.setOffline(false);
      await page.locator('[data-testid="connection"][data-state="open"]').waitFor({ timeout: 60_000 });
      const caughtUp = page.locator(`article.card[data-status="${finalStatus}"]`, { hasText: fileName });
      await caughtUp.waitFor({ timeout: 30_000 });
      assert.equal(await page.locator("article.card").count(), 1);

      // Live pushes flow again on the new socket.
      const second = "after-reconnect.png";
      await upload(other, [{ name: second, mimeType: "image/png", buffer: makePng(96, 96) }]);
      await page
        .locator('article.card[data-status="labeled"], article.card[data-status="failed"]', { hasText: second })
        .waitFor({ timeout: labeledTimeout });
      // Going offline can make the browser log failed requests; nothing else may be logged.
      const unexpected = problems.filter((problem) => !/ERR_INTERNET_DISCONNECTED|net::ERR_/.test(problem));
      assert.deepEqual(unexpected, []);
    } finally {
      await helper.close();
      await context.close();
    }
  });

  test("when the server drops the socket, the page reconnects by itself and gets pushes again", async (t) => {
    const endpoints = await localEndpoints();
    if (!endpoints?.apigatewaymanagementapi || !endpoints?.dynamodb) {
      t.skip("the app is not the local host (no /local/endpoints), so the server cannot be told to drop a socket");
      return;
    }
    const problems = [];
    const context = await browser.newContext();
    const helper = await browser.newContext();
    try {
      const page = await openPage(context, `${appUrl}/`, problems);
      const feedId = await feedIdOf(page);
      const before = await connectionIdsForFeed(endpoints, feedId);
      assert.equal(before.length, 1, "one tab, one connection");
      await dropConnection(endpoints, before[0]);
      await page.locator('[data-testid="connection"]:not([data-state="open"])').waitFor({ timeout: 10_000 });
      await page.locator('[data-testid="connection"][data-state="open"]').waitFor({ timeout: 60_000 });
      const after = await connectionIdsForFeed(endpoints, feedId);
      assert.equal(after.length, 1);
      assert.notEqual(after[0], before[0], "the page opened a new connection");

      const other = await openPage(helper, `${appUrl}/?feed=${feedId}`, problems);
      const fileName = "after-server-drop.png";
      await upload(other, [{ name: fileName, mimeType: "image/png", buffer: makePng(80, 96) }]);
      await page
        .locator('article.card[data-status="labeled"], article.card[data-status="failed"]', { hasText: fileName })
        .waitFor({ timeout: labeledTimeout });
      assert.deepEqual(problems, []);
    } finally {
      await helper.close();
      await context.close();
    }
  });

  test("at phone width the page fits and stays usable", async () => {
    const problems = [];
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    try {
      const page = await openPage(context, `${appUrl}/`, problems);
      const fileName = hasSharedImages ? "cat_chelsea.png" : "phone-upload.png";
      const buffer = hasSharedImages ? sharedImage(fileName) : makePng(300, 200);
      await upload(page, [{ name: fileName, mimeType: "image/png", buffer }]);
      await upload(page, [{ name: "holiday.gif", mimeType: "image/gif", buffer: Buffer.from("GIF89a") }]);
      await page
        .locator('article.card[data-status="labeled"], article.card[data-status="failed"]', { hasText: fileName })
        .waitFor({ timeout: labeledTimeout });
      // A long name ellipsizes; the status beside it stays whole inside the card.
      const longName = "IMG_20250101_123456789_HDR_portrait_from_a_camera_roll_with_a_very_long_name.png";
      await upload(page, [{ name: longName, mimeType: "image/png", buffer: makePng(100, 80) }]);
      const longCard = cardNamed(page, longName);
      await longCard.waitFor({ timeout: 30_000 });
      const cardBox = await longCard.boundingBox();
      const pillBox = await longCard.locator('[data-role="status"]').boundingBox();
      assert.ok(cardBox && pillBox && pillBox.x + pillBox.width <= cardBox.x + cardBox.width, "the status pill fits in the card");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no sideways scrolling at 390 px (overflow ${overflow}px)`);
      await screenshot(page, "phone");
      await page.setViewportSize({ width: 360, height: 740 });
      const narrow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(narrow <= 0, `no sideways scrolling at 360 px (overflow ${narrow}px)`);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});

async function strangerPage(context, problems) {
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  const history = page.waitForResponse((response) => /\/feeds\/[^/]+\/images/.test(response.url()));
  await page.goto(`${appUrl}/`);
  await history;
  await page.locator('[data-testid="connection"][data-state="open"]').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  return page;
}
