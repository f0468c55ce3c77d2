import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ImageRecord } from "./records";
import { FeedSocket, socketUrl, type ConnectionState, type WebSocketLike } from "./socket";
import { record, testFeedId } from "./test-records";

class FakeWebSocket implements WebSocketLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly sent: string[] = [];
  closedByClient = false;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(data);
  }

  close(): void {
    this.closedByClient = true;
    this.readyState = 3;
  }

  // Server side of the fake.
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
  }

  push(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) } as MessageEvent);
  }

  drop(): void {
    this.readyState = 3;
    this.onclose?.({ code: 1006 } as CloseEvent);
  }
}

function setup(random = 0) {
  const sockets: FakeWebSocket[] = [];
  const records: ImageRecord[] = [];
  const states: ConnectionState[] = [];
  let opens = 0;
  const feedSocket = new FeedSocket({
    url: "wss://ws.example.test/prod",
    feedId: testFeedId,
    createSocket: (url) => {
      const socket = new FakeWebSocket(url);
      sockets.push(socket);
      return socket;
    },
    onRecord: (r) => records.push(r),
    onOpen: () => {
      opens += 1;
    },
    onState: (state) => states.push(state),
    backoff: { baseMs: 1000, maxMs: 30_000, random: () => random },
  });
  const latest = () => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error("no socket yet");
    return socket;
  };
  return { feedSocket, sockets, records, states, latest, opens: () => opens };
}

describe("FeedSocket", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it("socketUrl_BaseWithQuery_AddsFeedParameter", () => {
    expect(socketUrl("wss://x.test/prod?a=1", "abc_DEF-123")).toBe("wss://x.test/prod?a=1&feed=abc_DEF-123");
  });

  it("start_Opens_ConnectsWithFeedAndCatchesUp", () => {
    const t = setup();
    t.feedSocket.start();
    expect(t.latest().url).toBe(`wss://ws.example.test/prod?feed=${testFeedId}`);
    expect(t.feedSocket.connectionState.kind).toBe("connecting");
    t.latest().open();
    expect(t.feedSocket.connectionState.kind).toBe("open");
    expect(t.opens()).toBe(1);
  });

  it("message_ImagePush_DeliversParsedRecord_IgnoresJunk", () => {
    const t = setup();
    t.feedSocket.start();
    t.latest().open();
    t.latest().push({ type: "image", image: record({ status: "processing" }) });
    t.latest().push({ type: "pong" });
    t.latest().push({ type: "image", image: { imageId: 5 } });
    t.latest().onmessage?.({ data: "not json" } as MessageEvent);
    expect(t.records.map((r) => r.status)).toEqual(["processing"]);
  });

  it("ping_EveryFourMinutes_SendsPingAction", () => {
    const t = setup();
    t.feedSocket.start();
    t.latest().open();
    vi.advanceTimersByTime(4 * 60 * 1000 - 1);
    expect(t.latest().sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(t.latest().sent).toEqual([JSON.stringify({ action: "ping" })]);
    t.latest().push({ type: "pong" });
    vi.advanceTimersByTime(4 * 60 * 1000);
    expect(t.latest().sent).toHaveLength(2);
    expect(t.sockets).toHaveLength(1);
  });

  it("ping_NoAnswer_TreatsSocketAsDeadAndReconnects", () => {
    const t = setup();
    t.feedSocket.start();
    t.latest().open();
    vi.advanceTimersByTime(4 * 60 * 1000);
    vi.advanceTimersByTime(30_000);
    expect(t.sockets[0]?.closedByClient).toBe(true);
    expect(t.feedSocket.connectionState.kind).toBe("waiting");
    vi.advanceTimersByTime(1000);
    expect(t.sockets).toHaveLength(2);
  });

  it("drop_ServerCloses_ReconnectsWithGrowingBackoffAndCatchesUpEachTime", () => {
    const t = setup(0); // jitter 0: delays are exactly half steps: 500, 1000, 2000 …
    t.feedSocket.start();
    t.latest().drop();
    expect(t.feedSocket.connectionState).toMatchObject({ kind: "waiting", attempt: 0 });
    vi.advanceTimersByTime(499);
    expect(t.sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(t.sockets).toHaveLength(2);
    t.latest().drop();
    vi.advanceTimersByTime(999);
    expect(t.sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(t.sockets).toHaveLength(3);
    t.latest().drop();
    vi.advanceTimersByTime(1999);
    expect(t.sockets).toHaveLength(3);
    vi.advanceTimersByTime(1);
    expect(t.sockets).toHaveLength(4);
    t.latest().open();
    expect(t.opens()).toBe(1);
    expect(t.feedSocket.connectionState.kind).toBe("open");
  });

  it("drop_AfterStableConnection_BackoffStartsOver", () => {
    const t = setup(0);
    t.feedSocket.start();
    t.latest().drop();
    vi.advanceTimersByTime(500);
    t.latest().drop();
    vi.advanceTimersByTime(1000);
    t.latest().open();
    vi.advanceTimersByTime(10_000); // stayed open long enough
    t.latest().drop();
    expect(t.feedSocket.connectionState).toMatchObject({ kind: "waiting", attempt: 0 });
    vi.advanceTimersByTime(500);
    t.latest().open();
    expect(t.opens()).toBe(2);
  });

  it("drop_OpenThenImmediateClose_BackoffKeepsGrowing", () => {
    const t = setup(0);
    t.feedSocket.start();
    for (const expectedAttempt of [0, 1, 2]) {
      t.latest().open();
      t.latest().drop();
      expect(t.feedSocket.connectionState).toMatchObject({ kind: "waiting", attempt: expectedAttempt });
      vi.runOnlyPendingTimers();
    }
  });

  it("connect_NeverOpens_GivesUpAfterTimeoutAndRetries", () => {
    const t = setup();
    t.feedSocket.start();
    vi.advanceTimersByTime(15_000);
    expect(t.sockets[0]?.closedByClient).toBe(true);
    expect(t.feedSocket.connectionState.kind).toBe("waiting");
  });

  it("events_FromAnOldSocket_AreIgnored", () => {
    const t = setup();
    t.feedSocket.start();
    const old = t.latest();
    old.drop();
    vi.advanceTimersByTime(1000);
    old.push({ type: "image", image: record() });
    old.drop();
    expect(t.records).toEqual([]);
    expect(t.sockets).toHaveLength(2);
    expect(t.feedSocket.connectionState.kind).toBe("connecting");
  });

  it("goOffline_ThenOnline_StopsRetryingThenReconnectsAtOnce", () => {
    const t = setup();
    t.feedSocket.start();
    t.latest().open();
    t.feedSocket.goOffline();
    expect(t.sockets[0]?.closedByClient).toBe(true);
    expect(t.feedSocket.connectionState.kind).toBe("offline");
    vi.advanceTimersByTime(60_000);
    expect(t.sockets).toHaveLength(1);
    t.feedSocket.goOnline();
    expect(t.sockets).toHaveLength(2);
    t.latest().open();
    expect(t.opens()).toBe(2);
  });

  it("start_Offline_WaitsForTheNetworkBeforeConnecting", () => {
    const t = setup();
    t.feedSocket.start(true);
    expect(t.sockets).toHaveLength(0);
    expect(t.feedSocket.connectionState.kind).toBe("offline");
    t.feedSocket.goOnline();
    expect(t.sockets).toHaveLength(1);
  });

  it("retryNow_WhileWaiting_ConnectsWithoutWaiting", () => {
    const t = setup(1);
    t.feedSocket.start();
    t.latest().drop();
    t.feedSocket.retryNow();
    expect(t.sockets).toHaveLength(2);
    t.latest().open();
    vi.advanceTimersByTime(60_000);
    expect(t.sockets).toHaveLength(2); // the scheduled retry was cancelled
  });

  it("stop_ClosesAndNeverReconnects", () => {
    const t = setup();
    t.feedSocket.start();
    t.latest().open();
    t.feedSocket.stop();
    vi.advanceTimersByTime(10 * 60 * 1000);
    expect(t.sockets).toHaveLength(1);
    expect(t.states.at(-1)?.kind).toBe("stopped");
  });
});
