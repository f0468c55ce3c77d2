// Marks an analysed image as flagged by writing moderation labels onto its record through the local host's DynamoDB
// endpoint. The local moderation model cannot honestly be made to flag a photo, so the browser tests take a real
// upload (its bytes are in local S3 and every other finding is real) and add the moderation labels afterwards.
// Kept apart from seed.mjs, which seeds whole feeds.

import { unverifiedSignature } from "./support.mjs";

/**
 * Writes `labels` (the web API's moderation shape: name, parentName, confidence, taxonomyLevel) as the record's
 * moderation findings. Only a labeled record whose moderation analysis ran is changed.
 */
export async function flagImage(endpoints, imageId, labels) {
  const region = endpoints.region ?? "us-east-1";
  const response = await fetch(endpoints.dynamodb, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-amz-json-1.0",
      "X-Amz-Target": "DynamoDB_20120810.UpdateItem",
      ...unverifiedSignature("dynamodb", region),
    },
    body: JSON.stringify({
      TableName: endpoints.imagesTable,
      Key: { imageId: { S: imageId } },
      UpdateExpression: "SET moderation = :labels",
      ConditionExpression: "#status = :labeled AND analyses.moderation = :done",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":labels": {
          L: labels.map((label) => ({
            M: {
              name: { S: label.name },
              parentName: { S: label.parentName },
              confidence: { N: String(label.confidence) },
              taxonomyLevel: { N: String(label.taxonomyLevel) },
            },
          })),
        },
        ":labeled": { S: "labeled" },
        ":done": { S: "done" },
      },
    }),
  });
  if (!response.ok) throw new Error(`DynamoDB UpdateItem answered ${response.status}: ${await response.text()}`);
}
