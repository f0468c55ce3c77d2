// Measures the page with many cards in Chromium: seeds N labeled records into a running local host's Images table
// (through its DynamoDB endpoint, so the stream indexes them), opens the feed, loads every page by scrolling, then
// reports JS heap, DOM nodes and frame times while scrolling. Not a test: prints figures.
//   ILL_APP_URL=http://127.0.0.1:18112 node e2e/measure-cards.mjs [count]

import crypto from "node:crypto";
import { appUrl, launchBrowser } from "./support.mjs";
import { seedFeed } from "./seed.mjs";

const count = Number(process.argv[2] ?? 1000);
if (!appUrl) throw new Error("Set ILL_APP_URL to a running local host.");
const endpoints = await (await fetch(`${appUrl}/local/endpoints`)).json();
const feedId = crypto.randomBytes(16).toString("base64url");
const seedStarted = Date.now();
seedFeed(endpoints, feedId, count);
console.log(`seeded ${count} records in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s (feed ${feedId})`);

const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const opened = Date.now();
  await page.goto(`${appUrl}/?feed=${feedId}`);
  await page.waitForSelector(".card");
  // Infinite scroll: keep going to the bottom until every card is there.
  for (let round = 0; round < 200; round++) {
    const cards = await page.locator(".card").count();
    if (cards >= count) break;
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(150);
  }
  const cards = await page.locator(".card").count();
  const loadSeconds = (Date.now() - opened) / 1000;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(500);
  const collect = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
  await cdp.send("HeapProfiler.collectGarbage");
  const metrics = await collect();
  // Frame times while scrolling through the whole grid at a steady pace.
  const frames = await page.evaluate(async () => {
    const deltas = [];
    let last = performance.now();
    const end = document.body.scrollHeight - window.innerHeight;
    const step = Math.max(20, end / 240);
    await new Promise((resolve) => {
      const tick = (now) => {
        deltas.push(now - last);
        last = now;
        if (window.scrollY >= end - 1) return resolve();
        window.scrollBy(0, step);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    return deltas.slice(1);
  });
  frames.sort((a, b) => a - b);
  const pick = (q) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))] ?? 0;
  console.log(JSON.stringify({
    cards,
    loadAllSeconds: Number(loadSeconds.toFixed(1)),
    jsHeapUsedMB: Number((metrics.JSHeapUsedSize / 1048576).toFixed(1)),
    jsHeapTotalMB: Number((metrics.JSHeapTotalSize / 1048576).toFixed(1)),
    domNodes: metrics.Nodes,
    frames: frames.length,
    frameMsP50: Number(pick(0.5).toFixed(1)),
    frameMsP95: Number(pick(0.95).toFixed(1)),
    frameMsMax: Number((frames.at(-1) ?? 0).toFixed(1)),
    framesOver50ms: frames.filter((d) => d > 50).length,
  }, null, 2));
} finally {
  await browser.close();
}
