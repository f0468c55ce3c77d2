// "Email me results": what the page sends to POST /feeds/{feedId}/subscriptions, and the feed's label names
// offered as chips (GET /feeds/{feedId}/labels, when the server has it). No DOM here.

import { ApiError } from "./api";

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** As the server checks them (SubscribeToFeedValidator): at most 10 labels of at most 100 characters. */
export const maxLabels = 10;
export const maxLabelLength = 100;

export interface SubscriptionRequest {
  email: string;
  labels: string[];
}

export type SubscriptionStatus = "PendingConfirmation" | "Subscribed";

/** A quick check before sending, so an obvious typo gets its sentence at once; the server has the last word. */
export function checkSubscription(email: string, labels: string[]): string | null {
  const address = email.trim();
  if (!/^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>".]+$/.test(address)) return "Enter an email address like name@example.com.";
  if (labels.length > maxLabels) return `Choose at most ${maxLabels} labels, or none to get every image of the feed.`;
  if (labels.some((label) => label.length > maxLabelLength)) return `Each label is at most ${maxLabelLength} characters.`;
  return null;
}

/** Free text "Dog, Mobile Phone" plus the chosen chips: trimmed, empty ones dropped, each name once (case kept). */
export function collectLabels(chosen: Iterable<string>, freeText: string): string[] {
  const names: string[] = [];
  for (const name of [...chosen, ...freeText.split(",")]) {
    const trimmed = name.trim();
    if (trimmed && !names.includes(trimmed)) names.push(trimmed);
  }
  return names;
}

export async function subscribeToFeed(
  fetchImpl: FetchLike,
  apiUrl: string,
  feedId: string,
  request: SubscriptionRequest,
): Promise<SubscriptionStatus> {
  let response: Response;
  try {
    response = await fetchImpl(`${apiUrl}/feeds/${encodeURIComponent(feedId)}/subscriptions`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(request.labels.length > 0 ? request : { email: request.email }),
    });
  } catch {
    throw new ApiError("Network", "The subscription could not be sent: the server did not answer. Try again.");
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = typeof body === "object" && body !== null ? (body as { error?: { code?: unknown; message?: unknown } }).error : undefined;
    const message = typeof error?.message === "string" && error.message ? error.message : `The subscription failed (HTTP ${response.status}).`;
    throw new ApiError(typeof error?.code === "string" ? error.code : `Http${response.status}`, message, response.status);
  }
  const status = typeof body === "object" && body !== null ? (body as { status?: unknown }).status : undefined;
  return status === "Subscribed" ? "Subscribed" : "PendingConfirmation";
}

/** The feed's label names, most frequent first; empty when the server has no such endpoint or does not answer. */
export async function loadFeedLabels(fetchImpl: FetchLike, apiUrl: string, feedId: string): Promise<string[]> {
  try {
    const response = await fetchImpl(`${apiUrl}/feeds/${encodeURIComponent(feedId)}/labels`, { cache: "no-store" });
    if (!response.ok) return [];
    const body: unknown = await response.json();
    const labels = typeof body === "object" && body !== null ? (body as { labels?: unknown }).labels : undefined;
    if (!Array.isArray(labels)) return [];
    const names: string[] = [];
    for (const entry of labels) {
      const name = typeof entry === "object" && entry !== null ? (entry as { name?: unknown }).name : undefined;
      if (typeof name === "string" && name && !names.includes(name)) names.push(name);
    }
    return names.slice(0, 24);
  } catch {
    return [];
  }
}
