// Browser end-to-end tests of the feed tools (issue 12): the whole history by scrolling, filtering by a label chip
// while another tab uploads, and a deletion in one tab that the other tab drops live with its counts.
// The feed is seeded (seed.mjs): 130 labeled records with real PNG objects behind them, so every card's image loads.

import assert from "node:assert/strict";
import crypto from "node:crypto";
import { after, before, describe, test } from "node:test";
import { appUrl, cardNamed, launchBrowser, localEndpoints, makePng, openPage, skipReason, upload } from "./support.mjs";
import { seedFeed, seededFileName, seededLabels } from "./seed.mjs";

const labeledTimeout = 90_000;

if (skipReason) test("feed tools end-to-end tests", { skip: skipReason }, () => {});

describe("feed tools", { skip: Boolean(skipReason) }, () => {
  let browser;
  const feedId = crypto.randomBytes(16).toString("base64url");
  const count = 130;
  /** Seeded file names carrying a label, newest first as the page lists them. */
  const named = (label) =>
    Array.from({ length: count }, (_, i) => count - 1 - i)
      .filter((i) => seededLabels(i).includes(label))
      .map(seededFileName);

  before(async () => {
    const endpoints = await localEndpoints();
    assert.ok(endpoints, "the app under test is the local host (GET /local/endpoints)");
    [browser] = await Promise.all([launchBrowser(), seedFeed(endpoints, feedId, count)]);
    // The label counts come from the index the stream keeps: wait until it has every image (on a loaded
    // machine IndexFeed takes tens of seconds for 130 records).
    let indexed = -1;
    for (const deadline = Date.now() + 120_000; indexed !== count && Date.now() < deadline; ) {
      if (indexed >= 0) await new Promise((resolve) => setTimeout(resolve, 250));
      indexed = (await (await fetch(`${appUrl}/api/feeds/${feedId}/labels`)).json()).images;
    }
    assert.equal(indexed, count, "the feed index counts every seeded image");
  });

  after(async () => {
    await browser?.close();
  });

  const titles = async (page) => (await page.locator("article.card .card-title").allTextContents()).map((t) => t.trim());

  /**
   * Scrolls to the bottom until the cards are `expected` (a loaded machine may take seconds per page), and returns the
   * titles shown last. It waits for the whole list, not a count: right after a chip is chosen, the grid still holds
   * the unfiltered cards until its next draw (a timer task), and a count taken then is already big enough.
   */
  async function scrollUntilShows(page, expected) {
    let shown = [];
    for (const deadline = Date.now() + 45_000; Date.now() < deadline; ) {
      shown = await titles(page);
      if (shown.length === expected.length && shown.every((name, i) => name === expected[i])) break;
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForTimeout(200);
    }
    return shown;
  }

  /** How a shown list differs from the expected one, in words: node's diff of two long lists is cut short. */
  function difference(shown, expected) {
    const missing = expected.filter((name) => !shown.includes(name));
    const extra = shown.filter((name) => !expected.includes(name));
    const repeated = shown.filter((name, i) => shown.indexOf(name) !== i);
    return `${shown.length} shown of ${expected.length}; missing: ${missing.join(" ") || "none"}; extra: ${extra.join(" ") || "none"}; `
      + `repeated: ${repeated.join(" ") || "none"}; shown: ${shown.join(" ")}`;
  }

  /** What the page said, for a failed assertion's message: its banner and toast, and the console's errors. */
  async function whatThePageSaid(page, problems) {
    const text = async (testId) => (await page.locator(`[data-testid="${testId}"]`).first().textContent())?.trim() || "(none)";
    return `banner: ${await text("banner")}; toast: ${await text("toast")}; console: ${problems.join(" | ") || "(none)"}`;
  }

  test("scrolling loads the whole history, newest first, down to the 130th card with its image", async () => {
    const problems = [];
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await openPage(context, `${appUrl}/?feed=${feedId}`, problems);
      await page.locator("article.card").first().waitFor();
      // One page of 50, not the whole feed. The catch-up when the socket opens adds what changed in the minute
      // before the newest change seen, so a socket that opens after the first page can bring a few more.
      const first = await page.locator("article.card").count();
      assert.ok(first >= 50 && first < count, `the first page is 50 cards, and not the whole feed (${first})`);
      const all = Array.from({ length: count }, (_, i) => seededFileName(count - 1 - i));
      const shown = await scrollUntilShows(page, all);
      assert.deepEqual(shown, all, `every seeded image once, newest first (${difference(shown, all)})`);
      const last = cardNamed(page, seededFileName(0));
      await last.scrollIntoViewIfNeeded();
      // The 130th card's lazy image loads from the bucket: the seeded objects are real pictures.
      await last.locator("img").evaluate((img) => img.decode());
      assert.ok((await last.locator("img").evaluate((img) => img.naturalWidth)) > 0);
      assert.equal(await page.locator('[data-testid="load-more"]').isVisible(), false, "nothing more to load after the last page");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("a chip filters by label (kept in the URL) while another tab uploads", async () => {
    const problems = [];
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const viewer = await openPage(context, `${appUrl}/?feed=${feedId}`, problems);
      const uploader = await openPage(context, `${appUrl}/?feed=${feedId}`, problems);
      const dogs = named("Dog");
      const chip = viewer.locator('.label-bar .chip[data-label="Dog"]');
      await chip.waitFor();
      assert.equal(Number(await chip.getAttribute("data-count")), dogs.length);
      // The upload starts, and the chip is clicked while it is on its way.
      const fileName = "while-filtering.png";
      await upload(uploader, [{ name: fileName, mimeType: "image/png", buffer: makePng(96, 80) }]);
      await chip.click();
      await viewer.waitForFunction(() => new URL(location.href).searchParams.getAll("label").join() === "Dog");
      assert.equal(await chip.getAttribute("aria-pressed"), "true");
      const shown = await scrollUntilShows(viewer, dogs);
      assert.deepEqual(
        shown,
        dogs,
        `every Dog image, newest first, and nothing else (${difference(shown, dogs)}; ${await whatThePageSaid(viewer, problems)})`,
      );
      assert.equal(await viewer.locator('[data-testid="load-more"]').isVisible(), false);
      // The upload is labeled (the uploader sees it), and it has no Dog, so the filtered view leaves it out.
      await uploader.locator('article.card[data-status="labeled"]', { hasText: fileName }).waitFor({ timeout: labeledTimeout });
      assert.equal(await cardNamed(viewer, fileName).count(), 0, "an upload without the label stays out of the filtered view");
      // Unchoosing the chip shows the whole feed again, the new upload first.
      await chip.click();
      await viewer.waitForFunction(() => new URL(location.href).searchParams.getAll("label").length === 0);
      await cardNamed(viewer, fileName).waitFor();
      assert.equal((await titles(viewer))[0], fileName);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("a deletion in one tab drops the card in the other, and both tabs' counts go down", async () => {
    const problems = [];
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const first = await openPage(context, `${appUrl}/?feed=${feedId}`, problems);
      const second = await openPage(context, `${appUrl}/?feed=${feedId}`, problems);
      // Image 128 carries Person and Dog (among others).
      const name = seededFileName(128);
      assert.ok(seededLabels(128).includes("Dog") && seededLabels(128).includes("Person"));
      const chip = (page, label, n) => page.locator(`.label-bar .chip[data-label="${label}"][data-count="${n}"]`);
      const counts = { Dog: named("Dog").length, Person: named("Person").length };
      for (const page of [first, second]) {
        await cardNamed(page, name).waitFor();
        for (const [label, n] of Object.entries(counts)) await chip(page, label, n).waitFor();
      }
      await cardNamed(first, name).locator('[data-action="delete"]').click();
      await cardNamed(first, name).waitFor({ state: "detached" });
      // Sent after the undo window; the other tab drops it when the push arrives, and both tabs count one less.
      await cardNamed(second, name).waitFor({ state: "detached", timeout: 20_000 });
      for (const page of [first, second]) {
        for (const [label, n] of Object.entries(counts)) await chip(page, label, n - 1).waitFor({ timeout: 45_000 });
      }
      const labels = await (await fetch(`${appUrl}/api/feeds/${feedId}/labels`)).json();
      assert.equal(labels.labels.find((l) => l.name === "Dog")?.count, counts.Dog - 1);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
