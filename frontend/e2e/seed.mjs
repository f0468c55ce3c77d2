// Seeds a feed of labeled images into a running local host, without the detector's time: the records go straight
// into its Images table through its DynamoDB endpoint (so the host's stream indexes them as it would real results),
// then each image's bytes go into its S3 bucket under the record's key, so every imageUrl the API signs serves a
// real picture. The records are written first: the ObjectCreated event then finds a finished record and changes
// nothing, as for a duplicate event.

import crypto from "node:crypto";
import { makePng, unverifiedSignature } from "./support.mjs";

const names = ["Person", "Dog", "Cat", "Car", "Bicycle", "Chair", "Cup", "Bird"];

/** Image i carries name k when (i + k) % (k + 2) === 0: Person on every second, Dog on every third, … */
export function seededLabels(i) {
  return names.filter((_, k) => (i + k) % (k + 2) === 0);
}

/** The file name of seeded image i. */
export function seededFileName(i) {
  return `photo-${String(i).padStart(4, "0")}.png`;
}

async function dynamoDb(endpoints, target, body) {
  const response = await fetch(endpoints.dynamodb, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-amz-json-1.0",
      "X-Amz-Target": `DynamoDB_20120810.${target}`,
      ...unverifiedSignature("dynamodb", endpoints.region ?? "us-east-1"),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`DynamoDB ${target} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

async function batchWrite(endpoints, items) {
  let requests = { [endpoints.imagesTable]: items.map((Item) => ({ PutRequest: { Item } })) };
  for (let attempt = 0; Object.keys(requests).length > 0; attempt++) {
    if (attempt === 20) throw new Error("DynamoDB kept items unprocessed after 20 attempts");
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    const answer = await dynamoDb(endpoints, "BatchWriteItem", { RequestItems: requests });
    requests = answer.UnprocessedItems ?? {};
  }
}

async function putObject(endpoints, key, bytes, contentType) {
  const url = `${endpoints.s3.replace(/\/+$/, "")}/${endpoints.uploadBucket}/${key}`;
  const response = await fetch(url, {
    method: "PUT",
    headers: {
      "Content-Type": contentType,
      "x-amz-content-sha256": crypto.createHash("sha256").update(bytes).digest("hex"),
      ...unverifiedSignature("s3", endpoints.region ?? "us-east-1"),
    },
    body: bytes,
  });
  if (!response.ok) throw new Error(`S3 PutObject ${key} answered ${response.status}: ${await response.text()}`);
}

/** Seeds `count` labeled PNG images, one a second from `start`; returns their image ids, oldest first. */
export async function seedFeed(endpoints, feedId, count, start = Date.parse("2026-11-01T08:00:00.000Z")) {
  // A few different pictures, so the page decodes several images rather than one.
  const pictures = [makePng(160, 120), makePng(200, 150), makePng(240, 180), makePng(120, 90)];
  const ids = [];
  const records = [];
  for (let i = 0; i < count; i++) {
    const at = new Date(start + i * 1000).toISOString();
    const imageId = crypto.randomUUID().replaceAll("-", "");
    const bytes = pictures[i % pictures.length];
    ids.push(imageId);
    const labels = seededLabels(i).map((name, k) => ({
      M: {
        name: { S: name },
        confidence: { N: String(60 + ((i * 7 + k) % 40)) },
        parents: { L: [{ S: "Thing" }] },
        instances: { L: [{ M: { confidence: { N: "80" }, boundingBox: { M: { left: { N: "0.1" }, top: { N: "0.1" }, width: { N: "0.4" }, height: { N: "0.5" } } } } }] },
      },
    }));
    records.push({
      imageId,
      bytes,
      item: {
        imageId: { S: imageId },
        feedId: { S: feedId },
        fileName: { S: seededFileName(i) },
        contentType: { S: "image/png" },
        size: { N: String(bytes.length) },
        status: { S: "labeled" },
        labels: { L: labels },
        createdAt: { S: at },
        updatedAt: { S: at },
        // Already "emailed": seeded results need no mail.
        notifiedAt: { S: at },
      },
    });
  }
  for (let offset = 0; offset < records.length; offset += 25) {
    await batchWrite(endpoints, records.slice(offset, offset + 25).map((record) => record.item));
  }
  // A few uploads at a time, as a page would send them.
  let next = 0;
  const worker = async () => {
    while (next < records.length) {
      const record = records[next++];
      await putObject(endpoints, `uploads/${feedId}/${record.imageId}`, record.bytes, "image/png");
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return ids;
}
