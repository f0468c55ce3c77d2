// Shared pieces of the browser end-to-end tests: settings, the browser, test images, screenshots.

import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "..", "..");

/** The app under test, e.g. http://127.0.0.1:8080 (the local host from ./run.sh). */
export const appUrl = process.env.ILL_APP_URL?.replace(/\/+$/, "") ?? "";
export const skipReason = appUrl
  ? false
  : "ILL_APP_URL is not set: start the local host (./run.sh) and run `ILL_APP_URL=http://127.0.0.1:8080 npm run e2e`.";

export const chromiumPath = process.env.ILL_CHROMIUM ?? "/usr/bin/chromium";
export const artifactsDir = path.join(here, "artifacts");

/** The read-only shared test data (photos); absent on a fresh clone. */
export const sharedDir = path.resolve(process.env.ILL_SHARED_DIR ?? path.join(repoRoot, "..", "shared"));
export const sharedImagesDir = path.join(sharedDir, "images");
export const hasSharedImages = fs.existsSync(path.join(sharedImagesDir, "dog_bicycle_truck.jpg"));
export const sharedSkipReason = hasSharedImages
  ? false
  : `shared test images not found at ${sharedImagesDir} (set ILL_SHARED_DIR); the photo checks are skipped.`;

export function sharedImage(name) {
  return fs.readFileSync(path.join(sharedImagesDir, name));
}

export async function launchBrowser() {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A page that records console errors and uncaught exceptions, so each test can assert the
 * page stayed clean. Messages matching `allow` (e.g. expected offline failures) are ignored.
 */
export async function openPage(context, url, problems) {
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("dialog", (dialog) => {
    problems.push(`unexpected dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.goto(url);
  await page.locator('[data-testid="connection"][data-state="open"]').waitFor({ timeout: 30_000 });
  return page;
}

export async function feedIdOf(page) {
  return (await page.locator('[data-testid="feed-id"]').textContent())?.trim() ?? "";
}

export function cardNamed(page, fileName) {
  return page.locator("article.card").filter({ has: page.locator(".card-title", { hasText: fileName }) });
}

export async function upload(page, files) {
  await page.locator('[data-testid="file-input"]').setInputFiles(files);
}

export async function screenshot(page, name) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

// ---- The local host's AWS stand-ins, to play API Gateway dropping a socket ----

/** GET /local/endpoints of the local host, or null where the app is not the local host. */
export async function localEndpoints() {
  try {
    const response = await fetch(`${appUrl}/local/endpoints`);
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

// The local host verifies only requests signed with its own key; others pass unverified, as on LocalStack.
export function unverifiedSignature(service, region) {
  const date = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return {
    "X-Amz-Date": date,
    Authorization: `AWS4-HMAC-SHA256 Credential=AKIDE2ETESTS/${date.slice(0, 8)}/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}`,
  };
}

/** The feed's open WebSocket connection ids, from the Connections table's feedId index. */
export async function connectionIdsForFeed(endpoints, feedId) {
  const region = endpoints.region ?? "us-east-1";
  const response = await fetch(endpoints.dynamodb, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-amz-json-1.0",
      "X-Amz-Target": "DynamoDB_20120810.Query",
      ...unverifiedSignature("dynamodb", region),
    },
    body: JSON.stringify({
      TableName: endpoints.connectionsTable,
      IndexName: "feedId-index",
      KeyConditionExpression: "feedId = :feed",
      ExpressionAttributeValues: { ":feed": { S: feedId } },
    }),
  });
  if (!response.ok) throw new Error(`DynamoDB Query answered ${response.status}: ${await response.text()}`);
  const body = await response.json();
  return body.Items.map((item) => item.connectionId.S);
}

/** DELETE @connections/{id}: the server closes that socket, as API Gateway does. */
export async function dropConnection(endpoints, connectionId) {
  const url = `${endpoints.apigatewaymanagementapi.replace(/\/+$/, "")}/@connections/${encodeURIComponent(connectionId)}`;
  const response = await fetch(url, { method: "DELETE", headers: unverifiedSignature("execute-api", endpoints.region ?? "us-east-1") });
  if (!response.ok && response.status !== 410) throw new Error(`DELETE @connections answered ${response.status}`);
}

// ---- Test images made here, so a fresh clone's run means something without shared/ ----

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A small RGB PNG: a soft diagonal gradient with a darker square, so it is a real picture. */
export function makePng(width = 96, height = 72) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const rows = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x += 1) {
      const inSquare = x > width * 0.3 && x < width * 0.7 && y > height * 0.3 && y < height * 0.7;
      row[1 + x * 3] = inSquare ? 60 : 120 + Math.round((x / width) * 100);
      row[2 + x * 3] = inSquare ? 80 : 150 + Math.round((y / height) * 80);
      row[3 + x * 3] = inSquare ? 140 : 210;
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A PNG of random pixels: it does not compress, so its size is about width × height × 3 bytes. */
export function makeNoisyPng(width, height, seed = 1) {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) & 0xff;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  const raw = Buffer.alloc(height * (1 + width * 3));
  for (let i = 0; i < raw.length; i += 1) raw[i] = i % (1 + width * 3) === 0 ? 0 : random();
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 0 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Drops files on the page the way a drag from the desktop does (a DataTransfer with File items). */
export async function dropFiles(page, selector, files) {
  const payload = files.map((file) => ({ name: file.name, type: file.mimeType, base64: file.buffer.toString("base64") }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const transfer = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], item.name, { type: item.type }));
    }
    return transfer;
  }, payload);
  await page.dispatchEvent(selector, "dragenter", { dataTransfer });
  await page.dispatchEvent(selector, "dragover", { dataTransfer });
  await page.dispatchEvent(selector, "drop", { dataTransfer });
}

/** PNG magic and header, then the data cut short: passes the page's checks, fails decoding. */
export function makeTruncatedPng() {
  const full = makePng(256, 192);
  return full.subarray(0, Math.floor(full.length / 3));
}
