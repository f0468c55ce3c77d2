import { describe, expect, it } from "vitest";
import { ApiClient, ApiError, loadConfig, parseConfig, putBytes } from "./api";
import { record, testFeedId } from "./test-records";

const page = "http://127.0.0.1:8080/?feed=x";

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("config", () => {
  it("parseConfig_AbsoluteUrls_KeptWithoutTrailingSlash", () => {
    expect(
      parseConfig({ apiUrl: "https://api.test/prod/", webSocketUrl: "wss://ws.test/prod", mailboxUrl: "http://127.0.0.1:1080" }, page),
    ).toEqual({ apiUrl: "https://api.test/prod", webSocketUrl: "wss://ws.test/prod", mailboxUrl: "http://127.0.0.1:1080/" });
  });

  it("parseConfig_RelativeUrls_ResolvedAgainstPage", () => {
    expect(parseConfig({ apiUrl: "/api", webSocketUrl: "/ws" }, page)).toEqual({
      apiUrl: "http://127.0.0.1:8080/api",
      webSocketUrl: "ws://127.0.0.1:8080/ws",
    });
  });

  it("parseConfig_MissingOrHostileValues_Rejected", () => {
    expect(() => parseConfig({ apiUrl: "https://a.test" }, page)).toThrow(ApiError);
    expect(() => parseConfig([], page)).toThrow(ApiError);
    const config = parseConfig({ apiUrl: "https://a.test", webSocketUrl: "wss://b.test", mailboxUrl: "javascript:alert(1)" }, page);
    expect(config.mailboxUrl).toBeUndefined();
  });

  it("loadConfig_FetchesConfigJsonBesideThePage", async () => {
    const seen: string[] = [];
    const config = await loadConfig(async (url) => {
      seen.push(url);
      return json(200, { apiUrl: "/api", webSocketUrl: "ws://127.0.0.1:8080/ws" });
    }, page);
    expect(seen).toEqual(["http://127.0.0.1:8080/config.json"]);
    expect(config.apiUrl).toBe("http://127.0.0.1:8080/api");
  });
});

describe("ApiClient", () => {
  it("createUpload_Created_ReturnsUrlAndHeaders", async () => {
    let sent: { url: string; init?: RequestInit } | null = null;
    const api = new ApiClient("https://api.test", async (url, init) => {
      sent = { url, init };
      return json(201, {
        imageId: "abc",
        uploadUrl: "https://s3.test/k?X-Amz-Signature=1",
        uploadHeaders: { "Content-Type": "image/png" },
        expiresAt: "2025-01-01T10:05:00Z",
      });
    }, page);
    const created = await api.createUpload({ feedId: testFeedId, fileName: "a.png", contentType: "image/png", size: 3 });
    expect(created).toEqual({
      imageId: "abc",
      uploadUrl: "https://s3.test/k?X-Amz-Signature=1",
      uploadHeaders: { "Content-Type": "image/png" },
      expiresAt: "2025-01-01T10:05:00Z",
    });
    expect(sent!.url).toBe("https://api.test/uploads");
    expect(sent!.init?.method).toBe("POST");
    expect(JSON.parse(String(sent!.init?.body))).toEqual({ feedId: testFeedId, fileName: "a.png", contentType: "image/png", size: 3 });
  });

  it("createUpload_400_ThrowsServersCodeAndMessage", async () => {
    const api = new ApiClient("https://api.test", async () => json(400, { error: { code: "TooLarge", message: "Too big." } }), page);
    await expect(api.createUpload({ feedId: testFeedId, fileName: "a", contentType: "image/png", size: 1 })).rejects.toMatchObject({
      code: "TooLarge",
      message: "Too big.",
      status: 400,
    });
  });

  it("createUpload_NetworkDown_ReadableError", async () => {
    const api = new ApiClient("https://api.test", async () => {
      throw new TypeError("Failed to fetch");
    }, page);
    await expect(api.createUpload({ feedId: testFeedId, fileName: "a", contentType: "image/png", size: 1 })).rejects.toMatchObject({
      code: "Network",
    });
  });

  it("listFeedImages_EncodesFeedAndSkipsUnreadableRecords", async () => {
    let url = "";
    const api = new ApiClient("https://api.test", async (u) => {
      url = u;
      return json(200, { images: [record(), { junk: true }] });
    }, page);
    const images = await api.listFeedImages(testFeedId);
    expect(url).toBe(`https://api.test/feeds/${testFeedId}/images?limit=50`);
    expect(images).toHaveLength(1);
  });
});

class FakeXhr {
  static last: FakeXhr;
  method = "";
  url = "";
  headers: Record<string, string> = {};
  status = 0;
  body: unknown;
  private listeners = new Map<string, () => void>();
  upload = {
    listeners: [] as ((e: ProgressEvent) => void)[],
    addEventListener: (_: string, listener: (e: ProgressEvent) => void) => this.upload.listeners.push(listener),
  };
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  addEventListener(type: string, listener: () => void) {
    this.listeners.set(type, listener);
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.listeners.get("abort")?.();
  }
  finish(status: number) {
    this.status = status;
    this.listeners.get("load")?.();
  }
}

describe("putBytes", () => {
  const body = new Blob([new Uint8Array(10)], { type: "image/png" });
  const create = () => new FakeXhr() as unknown as XMLHttpRequest;

  it("putBytes_SendsExactHeadersAndReportsProgress", async () => {
    const progress: number[] = [];
    const handle = putBytes(create, "https://s3.test/k", { "Content-Type": "image/png" }, body, (p) => progress.push(p.loaded));
    const xhr = FakeXhr.last;
    expect([xhr.method, xhr.url, xhr.headers, xhr.body]).toEqual(["PUT", "https://s3.test/k", { "Content-Type": "image/png" }, body]);
    xhr.upload.listeners[0]?.({ lengthComputable: true, loaded: 4, total: 10 } as ProgressEvent);
    xhr.finish(200);
    await handle.done;
    expect(progress).toEqual([4, 10]);
  });

  it("putBytes_403_RejectsWithReadableReason", async () => {
    const handle = putBytes(create, "https://s3.test/k", {}, body, () => {});
    FakeXhr.last.finish(403);
    await expect(handle.done).rejects.toMatchObject({ code: "Http403", status: 403 });
  });

  it("putBytes_Abort_RejectsAsCanceled", async () => {
    const handle = putBytes(create, "https://s3.test/k", {}, body, () => {});
    handle.abort();
    await expect(handle.done).rejects.toMatchObject({ code: "Canceled" });
  });
});
