// Measures the page with many cards in Chromium. Not a test: prints figures.
//   ILL_APP_URL=http://127.0.0.1:8080 node e2e/measure-cards.mjs [count]
// Seeds N labeled images (records and real PNG objects, seed.mjs) into a running local host, opens the feed, loads
// every page by scrolling, then reports, with the cards all in the page:
//   - JS heap after a forced GC, DOM nodes, and the page's renderer process memory (RSS and PSS from /proc);
//   - frame times and the main thread's busy time per frame in two scrolls: a fling through the whole grid in 240
//     frames (pictures loading as they come into view), then a steady 60 px a frame over the first 300 frames;
//   - how many lazy images had been fetched before the fling and after it;
//   - the same two scrolls over an empty page of the same height in the same browser: the machine's own floor,
//     since the host shares its cores with other work.

import crypto from "node:crypto";
import fs from "node:fs";
import { appUrl, launchBrowser } from "./support.mjs";
import { seedFeed } from "./seed.mjs";

const count = Number(process.argv[2] ?? 1000);
if (!appUrl) throw new Error("Set ILL_APP_URL to a running local host.");
const endpoints = await (await fetch(`${appUrl}/local/endpoints`)).json();
const feedId = crypto.randomBytes(16).toString("base64url");
const seedStarted = Date.now();
await seedFeed(endpoints, feedId, count);
console.log(`seeded ${count} records with their objects in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s (feed ${feedId})`);

const round1 = (value) => Number(value.toFixed(1));
const loadAverage = () => fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

/** This browser's processes, found by a marker switch on its command line, with their type and memory in MB. */
function browserProcesses(marker) {
  const all = [];
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      // Chromium retitles its child processes, so a child's arguments may arrive as one space-separated string.
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split(/[\0 ]/);
      const ppid = Number(fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[1]);
      all.push({ pid: Number(pid), ppid, cmdline });
    } catch {
      // Gone meanwhile.
    }
  }
  const root = all.find((p) => p.cmdline.includes(marker) && !p.cmdline.some((a) => a.startsWith("--type=")));
  if (!root) return [];
  const mine = new Set([root.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) if (!mine.has(p.pid) && mine.has(p.ppid)) (mine.add(p.pid), (grew = true));
  }
  return all
    .filter((p) => mine.has(p.pid))
    .map((p) => {
      const kb = (file, field) => Number(fs.readFileSync(`/proc/${p.pid}/${file}`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+)`, "m"))?.[1] ?? 0);
      try {
        // utime and stime, in clock ticks of 10 ms.
        const [utime, stime] = fs.readFileSync(`/proc/${p.pid}/stat`, "utf8").split(") ")[1].split(" ").slice(11, 13).map(Number);
        return {
          pid: p.pid,
          type: p.cmdline.find((a) => a.startsWith("--type="))?.slice(7) ?? "browser",
          rssMB: kb("status", "VmRSS") / 1024,
          pssMB: kb("smaps_rollup", "Pss") / 1024,
          cpuMs: (utime + stime) * 10,
        };
      } catch {
        return { pid: p.pid, type: "gone", rssMB: 0, pssMB: 0, cpuMs: 0 };
      }
    });
}

/**
 * Scrolls from `from` at `step` pixels a frame (null: the whole page in 240 frames) for at most `frames` frames;
 * returns the frame deltas in ms.
 */
async function scrollFrames(page, { from = 0, step = null, frames = 100_000 } = {}) {
  await page.evaluate((y) => window.scrollTo(0, y), from);
  await page.waitForTimeout(500);
  return page.evaluate(async ({ step, frames }) => {
    const deltas = [];
    let last = performance.now();
    const end = document.documentElement.scrollHeight - window.innerHeight;
    const px = step ?? Math.max(20, end / 240);
    await new Promise((resolve) => {
      const tick = (now) => {
        deltas.push(now - last);
        last = now;
        if (window.scrollY >= end - 1 || deltas.length > frames) return resolve();
        window.scrollBy(0, px);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    return deltas.slice(1);
  }, { step, frames });
}

function frameFigures(frames) {
  const sorted = [...frames].sort((a, b) => a - b);
  const pick = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { frames: sorted.length, p50: round1(pick(0.5)), p95: round1(pick(0.95)), max: round1(sorted.at(-1) ?? 0), over50ms: sorted.filter((d) => d > 50).length };
}

const marker = `--ill-measure=${crypto.randomUUID()}`;
const browser = await launchBrowser([marker]);
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Every image request is kept in the resource timeline (its buffer holds 250 by default).
  await context.addInitScript(() => performance.setResourceTimingBufferSize(100_000));
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const metrics = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
  const imagesFetched = () => page.evaluate(() => performance.getEntriesByType("resource").filter((e) => e.initiatorType === "img").length);
  const opened = Date.now();
  await page.goto(`${appUrl}/?feed=${feedId}`);
  await page.waitForSelector("article.card");
  // Infinite scroll: keep going to the bottom until every card is there.
  for (let round = 0; round < 400; round++) {
    if ((await page.locator("article.card").count()) >= count) break;
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(100);
  }
  const cards = await page.locator("article.card").count();
  const loadAllSeconds = (Date.now() - opened) / 1000;
  const scrollHeight = await page.evaluate(() => document.documentElement.scrollHeight);
  const imgElements = await page.locator("article.card img").count();
  const fetchedBefore = await imagesFetched();
  /** One scroll, with the main thread's busy time per frame from the renderer's own counters. */
  // CPU time of the page's renderer and of all Chromium's processes: unlike frame times, it does not grow with the
  // machine's load from other work.
  const cpu = () => {
    const processes = browserProcesses(marker);
    const renderer = processes.filter((p) => p.type === "renderer").sort((a, b) => b.rssMB - a.rssMB)[0];
    return { renderer: renderer?.cpuMs ?? 0, all: processes.reduce((sum, p) => sum + p.cpuMs, 0) };
  };
  const measured = async (options) => {
    const before = await metrics();
    const cpuBefore = cpu();
    const frames = await scrollFrames(page, options);
    const cpuAfter = cpu();
    const after = await metrics();
    const perFrame = (name) => round1(((after[name] - before[name]) * 1000) / Math.max(1, frames.length));
    return {
      ...frameFigures(frames),
      rendererCpuMsPerFrame: round1((cpuAfter.renderer - cpuBefore.renderer) / Math.max(1, frames.length)),
      chromiumCpuMsPerFrame: round1((cpuAfter.all - cpuBefore.all) / Math.max(1, frames.length)),
      mainThreadMsPerFrame: perFrame("TaskDuration"),
      scriptMsPerFrame: perFrame("ScriptDuration"),
      layoutMsPerFrame: perFrame("LayoutDuration"),
      styleMsPerFrame: perFrame("RecalcStyleDuration"),
    };
  };
  // A fling through the whole grid (about 700 px a frame at 1,000 cards), pictures loading as they come into view.
  const fling = await measured({});
  const fetchedAfter = await imagesFetched();
  // A steady scroll of 60 px a frame (3,600 px/s at 60 fps) through the first 300 frames, pictures already loaded.
  const steady = await measured({ step: 60, frames: 300 });
  await page.waitForTimeout(1000);
  await cdp.send("HeapProfiler.collectGarbage");
  const settled = await metrics();
  const processes = browserProcesses(marker);
  const renderer = processes.filter((p) => p.type === "renderer").sort((a, b) => b.rssMB - a.rssMB)[0];
  await page.close();

  // The floor: the same scroll over an empty page of the same height, same browser, right after.
  const empty = await context.newPage();
  await empty.setContent(`<!doctype html><body style="margin:0"><div style="height:${scrollHeight}px;background:linear-gradient(#fff,#ccd)"></div></body>`);
  const floor = frameFigures(await scrollFrames(empty));
  const floorSteady = frameFigures(await scrollFrames(empty, { step: 60, frames: 300 }));
  await empty.close();

  console.log(JSON.stringify({
    loadAverage: loadAverage(),
    cards,
    imgElements,
    loadAllSeconds: round1(loadAllSeconds),
    scrollHeightPx: scrollHeight,
    jsHeapUsedMB: round1(settled.JSHeapUsedSize / 1048576),
    jsHeapTotalMB: round1(settled.JSHeapTotalSize / 1048576),
    domNodes: settled.Nodes,
    rendererRssMB: renderer ? round1(renderer.rssMB) : null,
    rendererPssMB: renderer ? round1(renderer.pssMB) : null,
    allChromiumPssMB: round1(processes.reduce((sum, p) => sum + p.pssMB, 0)),
    lazyImagesFetchedBeforeScroll: fetchedBefore,
    lazyImagesFetchedAfterScroll: fetchedAfter,
    flingFrameMs: fling,
    steadyFrameMs: steady,
    emptyPageFlingFrameMs: floor,
    emptyPageSteadyFrameMs: floorSteady,
  }, null, 2));
} finally {
  await browser.close();
}
