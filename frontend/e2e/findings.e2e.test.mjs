// Browser end-to-end tests of the analyses' findings on a card (issue 14), against a running host (ILL_APP_URL):
// a text image uploaded through the page, whose lines light up their boxes on hover, and the same image once its
// record is flagged, blurred in every tab until "Show" is pressed in one.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { flagImage } from "./flag-image.mjs";
import { appUrl, feedIdOf, launchBrowser, localEndpoints, openPage, screenshot, skipReason, upload } from "./support.mjs";

const labeledTimeout = 60_000;

if (skipReason) test("browser end-to-end tests of findings", { skip: skipReason }, () => {});

/** Black text on white, drawn by the browser's own canvas with a font every Debian machine has. */
async function renderTextPng(page, lines) {
  const base64 = await page.evaluate((rows) => {
    const canvas = document.createElement("canvas");
    canvas.width = 640;
    canvas.height = 60 + rows.length * 90;
    const g = canvas.getContext("2d");
    g.fillStyle = "#ffffff";
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.fillStyle = "#000000";
    g.font = '44px "DejaVu Sans"';
    rows.forEach((row, i) => g.fillText(row, 30, 80 + i * 90));
    return canvas.toDataURL("image/png").split(",")[1];
  }, lines);
  return Buffer.from(base64, "base64");
}

const cardOf = (page, fileName) => page.locator("article.card", { has: page.locator(".card-title", { hasText: fileName }) });

const imageFilter = (card) => card.locator(".frame img").evaluate((img) => getComputedStyle(img).filter);

describe("findings on the page", { skip: Boolean(skipReason) }, () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test("hovering a text line lights its box; a flagged image is blurred in every tab until Show", async (t) => {
    const endpoints = await localEndpoints();
    if (!endpoints) {
      t.skip("the app is not the local host (no /local/endpoints): a record cannot be flagged from here");
      return;
    }
    const problems = [];
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const first = await openPage(context, `${appUrl}/`, problems);
      const feedId = await feedIdOf(first);
      const fileName = `text-${Date.now()}.png`;
      await upload(first, [{ name: fileName, mimeType: "image/png", buffer: await renderTextPng(first, ["OPEN DAILY", "FRESH BREAD"]) }]);

      // The real detector reads the lines; each is listed under the labels.
      const card = cardOf(first, fileName);
      await first.locator('article.card[data-status="labeled"]', { hasText: fileName }).waitFor({ timeout: labeledTimeout });
      const lines = card.locator(".text-line");
      await lines.first().waitFor({ timeout: 5_000 });
      const texts = await lines.allTextContents();
      const lower = texts.findIndex((text) => text.includes("FRESH BREAD"));
      assert.ok(texts.some((text) => text.includes("OPEN DAILY")) && lower >= 0, `both rendered lines are listed; got ${JSON.stringify(texts)}`);

      // Hovering the lower line lights its own box on the picture, and only that one. A push or the picture's
      // load can re-render the card or move the line from under the pointer meanwhile, so each attempt hovers
      // again and then reads everything in the page as one step, after the fill's transition.
      await first.bringToFront();
      const active = card.locator(".finding-boxes.has-active .text-box.is-active");
      let lit = null;
      for (let attempt = 0; attempt < 5 && !lit?.settled; attempt++) {
        await first.mouse.move(0, 0);
        await lines.nth(lower).hover();
        await active.waitFor({ timeout: 2_000 }).catch(() => {});
        lit = await card.evaluate(async (element, lineIndex) => {
          await new Promise((resolve) => setTimeout(resolve, 250));
          const boxes = [...element.querySelectorAll(".finding-boxes.has-active .text-box.is-active")];
          const line = element.querySelectorAll(".text-line")[lineIndex];
          const frame = element.querySelector(".frame")?.getBoundingClientRect();
          const box = boxes[0]?.getBoundingClientRect();
          return {
            settled: boxes.length === 1 && line?.classList.contains("is-active") === true,
            count: boxes.length,
            index: boxes[0]?.dataset.textIndex ?? null,
            marked: line?.classList.contains("is-active") ?? false,
            lowerHalf: Boolean(frame && box && box.top > frame.top + frame.height / 2),
            fill: boxes[0] ? getComputedStyle(boxes[0]).backgroundColor : "no lit box",
          };
        }, lower);
      }
      assert.equal(lit.count, 1, "one box is lit");
      assert.equal(lit.index, String(lower));
      assert.ok(lit.marked, "the hovered line is marked too");
      assert.ok(lit.lowerHalf, "the lit box is the lower line's, in the lower half of the picture");
      assert.ok(lit.fill !== "rgba(0, 0, 0, 0)", `the lit box is visibly filled (${lit.fill})`);
      await screenshot(first, "text-highlighted");
      await first.mouse.move(1, 1);
      await card.locator(".text-box.is-active").waitFor({ state: "detached", timeout: 2_000 });

      // Flag it: every tab that shows the record now hides the picture behind its reason.
      const imageId = await card.getAttribute("data-image-id");
      assert.match(imageId ?? "", /^[0-9a-f]{32}$/);
      await flagImage(endpoints, imageId, [
        { name: "Violence", parentName: "", confidence: 91.5, taxonomyLevel: 1 },
        { name: "Graphic Violence", parentName: "Violence", confidence: 91.5, taxonomyLevel: 2 },
      ]);
      await first.reload();
      await first.locator('[data-testid="connection"][data-state="open"]').waitFor({ timeout: 30_000 });
      const second = await openPage(context, `${appUrl}/?feed=${feedId}`, problems);
      for (const page of [first, second]) {
        const flagged = cardOf(page, fileName);
        await page.locator("article.card.is-flagged", { hasText: fileName }).waitFor({ timeout: 15_000 });
        assert.equal(await flagged.locator(".flag-reason").textContent(), "Hidden: Violence, Graphic Violence");
        assert.match(await imageFilter(flagged), /blur/);
        assert.equal(await flagged.locator(".finding-boxes").evaluate((layer) => getComputedStyle(layer).visibility), "hidden", "no boxes give the picture away");
      }
      await second.bringToFront();
      await screenshot(second, "flagged");

      // Show reveals it in that tab only.
      const shown = cardOf(second, fileName);
      await shown.getByRole("button", { name: `Show ${fileName}` }).click();
      await shown.locator(".flag-cover").waitFor({ state: "detached", timeout: 2_000 });
      assert.equal(await shown.evaluate((card) => card.classList.contains("is-flagged")), false);
      assert.equal(await imageFilter(shown), "none");
      assert.equal(await cardOf(first, fileName).evaluate((card) => card.classList.contains("is-flagged")), true, "the other tab stays blurred");
      await screenshot(second, "flagged-shown");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
