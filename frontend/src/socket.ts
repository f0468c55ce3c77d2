// The feed's WebSocket: pushes in, a ping every few minutes (API Gateway drops a socket idle for
// 10 minutes), reconnect with backoff whenever it drops (including API Gateway's 2-hour limit),
// and a catch-up call on every open so that nothing pushed while away is missed.

import { backoffDelay, defaultBackoff, type BackoffOptions } from "./backoff";
import { parseImageRecord, type ImageRecord } from "./records";

/** The part of the browser's WebSocket this module uses (a fake one implements it in tests). */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

const OPEN = 1;

export type ConnectionState =
  | { kind: "connecting"; attempt: number }
  | { kind: "open" }
  | { kind: "waiting"; attempt: number; retryAt: number }
  | { kind: "offline" }
  | { kind: "stopped" };

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const browserTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  now: () => Date.now(),
};

export interface FeedSocketOptions {
  url: string;
  feedId: string;
  createSocket: (url: string) => WebSocketLike;
  onRecord: (record: ImageRecord) => void;
  /** Called on every successful open: the place to catch up from the feed API. */
  onOpen: () => void;
  onState: (state: ConnectionState) => void;
  timers?: Timers;
  backoff?: BackoffOptions;
  /** How often to ping an open socket. */
  pingIntervalMs?: number;
  /** A socket that answers nothing this long after a ping is treated as dead. */
  pongTimeoutMs?: number;
  /** A socket that does not open within this time is abandoned and retried. */
  connectTimeoutMs?: number;
  /** The backoff resets only after a connection has stayed open this long (no hot loop if the server drops at once). */
  stableAfterMs?: number;
  /** Resolves relative image URLs in pushed records. */
  pageUrl?: string;
}

export const pingIntervalMs = 4 * 60 * 1000;

/** The socket URL with ?feed= added (keeping whatever query the configured URL has). */
export function socketUrl(base: string, feedId: string): string {
  const url = new URL(base);
  url.searchParams.set("feed", feedId);
  return url.href;
}

export class FeedSocket {
  private socket: WebSocketLike | null = null;
  private attempt = 0;
  private state: ConnectionState = { kind: "stopped" };
  private retryTimer: unknown = null;
  private pingTimer: unknown = null;
  private pongTimer: unknown = null;
  private connectTimer: unknown = null;
  private stableTimer: unknown = null;
  private readonly timers: Timers;
  private readonly backoff: BackoffOptions;
  private readonly pingEvery: number;
  private readonly pongTimeout: number;
  private readonly connectTimeout: number;
  private readonly stableAfter: number;

  constructor(private readonly options: FeedSocketOptions) {
    this.timers = options.timers ?? browserTimers;
    this.backoff = options.backoff ?? defaultBackoff;
    this.pingEvery = options.pingIntervalMs ?? pingIntervalMs;
    this.pongTimeout = options.pongTimeoutMs ?? 30_000;
    this.connectTimeout = options.connectTimeoutMs ?? 15_000;
    this.stableAfter = options.stableAfterMs ?? 10_000;
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  /** Connects, or, when the browser already knows it is offline, waits for goOnline(). */
  start(offline = false): void {
    if (this.state.kind !== "stopped") return;
    this.attempt = 0;
    if (offline) this.setState({ kind: "offline" });
    else this.connect();
  }

  stop(): void {
    this.teardown();
    this.setState({ kind: "stopped" });
  }

  /** Skips the wait (the "Retry now" button). */
  retryNow(): void {
    if (this.state.kind === "waiting" || this.state.kind === "offline") this.connect();
  }

  /** The browser says the network is gone: stop trying until it is back. */
  goOffline(): void {
    if (this.state.kind === "stopped") return;
    this.teardown();
    this.setState({ kind: "offline" });
  }

  /** The network is back: connect at once, with a fresh backoff. */
  goOnline(): void {
    if (this.state.kind !== "offline" && this.state.kind !== "waiting") return;
    this.attempt = 0;
    this.connect();
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    this.options.onState(state);
  }

  private clear(timer: unknown): null {
    if (timer !== null) this.timers.clearTimeout(timer);
    return null;
  }

  private teardown(): void {
    this.retryTimer = this.clear(this.retryTimer);
    this.pingTimer = this.clear(this.pingTimer);
    this.pongTimer = this.clear(this.pongTimer);
    this.connectTimer = this.clear(this.connectTimer);
    this.stableTimer = this.clear(this.stableTimer);
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
      try {
        socket.close(1000, "client closing");
      } catch {
        // Closing a socket that never opened can throw in some browsers; it is gone either way.
      }
    }
  }

  private connect(): void {
    this.teardown();
    this.setState({ kind: "connecting", attempt: this.attempt });
    let socket: WebSocketLike;
    try {
      socket = this.options.createSocket(socketUrl(this.options.url, this.options.feedId));
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    this.connectTimer = this.timers.setTimeout(() => this.dropped(socket), this.connectTimeout);
    socket.onopen = () => this.opened(socket);
    socket.onmessage = (event) => this.received(socket, event);
    socket.onclose = () => this.dropped(socket);
    socket.onerror = () => this.dropped(socket);
  }

  private opened(socket: WebSocketLike): void {
    if (socket !== this.socket) return;
    this.connectTimer = this.clear(this.connectTimer);
    this.setState({ kind: "open" });
    this.stableTimer = this.timers.setTimeout(() => {
      this.stableTimer = null;
      this.attempt = 0;
    }, this.stableAfter);
    this.schedulePing();
    this.options.onOpen();
  }

  private schedulePing(): void {
    this.pingTimer = this.clear(this.pingTimer);
    this.pingTimer = this.timers.setTimeout(() => this.ping(), this.pingEvery);
  }

  private ping(): void {
    this.pingTimer = null;
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return;
    try {
      socket.send(JSON.stringify({ action: "ping" }));
    } catch {
      this.dropped(socket);
      return;
    }
    this.pongTimer = this.clear(this.pongTimer);
    this.pongTimer = this.timers.setTimeout(() => this.dropped(socket), this.pongTimeout);
    this.schedulePing();
  }

  private received(socket: WebSocketLike, event: MessageEvent): void {
    if (socket !== this.socket) return;
    // Any message proves the socket is alive.
    this.pongTimer = this.clear(this.pongTimer);
    if (typeof event.data !== "string") return;
    let message: unknown;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    if (typeof message !== "object" || message === null) return;
    const { type, image } = message as { type?: unknown; image?: unknown };
    if (type === "image") {
      const record = parseImageRecord(image, this.options.pageUrl);
      if (record) this.options.onRecord(record);
    }
  }

  private dropped(socket: WebSocketLike): void {
    if (socket !== this.socket) return;
    this.teardown();
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    const delay = backoffDelay(this.attempt, this.backoff);
    const attempt = this.attempt;
    this.attempt += 1;
    this.setState({ kind: "waiting", attempt, retryAt: this.timers.now() + delay });
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }
}
