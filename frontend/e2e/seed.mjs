// Seeds labeled records straight into a running local host's Images table through its DynamoDB endpoint (the AWS
// CLI, any credentials), so the host's stream indexes them as it would real results, without the detector's time.

import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const names = ["Person", "Dog", "Cat", "Car", "Bicycle", "Chair", "Cup", "Bird"];

/** Image i carries name k when (i + k) % (k + 2) === 0: Person on every second, Dog on every third, … */
export function seededLabels(i) {
  return names.filter((_, k) => (i + k) % (k + 2) === 0);
}

export function seedFeed(endpoints, feedId, count, start = Date.parse("2026-11-01T08:00:00.000Z")) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ill-seed-"));
  const ids = [];
  try {
    for (let offset = 0; offset < count; offset += 25) {
      const items = [];
      for (let i = offset; i < Math.min(count, offset + 25); i++) {
        const at = new Date(start + i * 1000).toISOString();
        const imageId = crypto.randomUUID().replaceAll("-", "");
        ids.push(imageId);
        const labels = seededLabels(i).map((name, k) => ({
          M: {
            name: { S: name },
            confidence: { N: String(60 + ((i * 7 + k) % 40)) },
            parents: { L: [{ S: "Thing" }] },
            instances: { L: [{ M: { confidence: { N: "80" }, boundingBox: { M: { left: { N: "0.1" }, top: { N: "0.1" }, width: { N: "0.4" }, height: { N: "0.5" } } } } }] },
          },
        }));
        items.push({
          PutRequest: {
            Item: {
              imageId: { S: imageId },
              feedId: { S: feedId },
              fileName: { S: `photo-${String(i).padStart(4, "0")}.jpg` },
              contentType: { S: "image/jpeg" },
              size: { N: String(200000 + i) },
              status: { S: "labeled" },
              labels: { L: labels },
              createdAt: { S: at },
              updatedAt: { S: at },
              // Already "emailed": seeded results need no mail.
              notifiedAt: { S: at },
            },
          },
        });
      }
      const file = path.join(dir, "batch.json");
      fs.writeFileSync(file, JSON.stringify({ [endpoints.imagesTable]: items }));
      execFileSync("aws", ["dynamodb", "batch-write-item", "--endpoint-url", endpoints.dynamodb, "--region", endpoints.region, "--request-items", `file://${file}`], {
        env: { ...process.env, AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test", AWS_PAGER: "" },
        stdio: "ignore",
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return ids;
}
