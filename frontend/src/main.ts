// Wires the pieces: config → feed id → history + socket → cards; uploads from picker and drop.

import "./styles.css";
import { ApiClient, ApiError, loadConfig, putBytes, type AppConfig } from "./api";
import { buildCards } from "./cards";
import { feedUrl, resolveFeedId, type KeyValueStore } from "./feed-id";
import { FeedRecords, isNewResult, type RecordChange } from "./feed-merge";
import { backoffDelay } from "./backoff";
import { describeResults } from "./announcements";
import { clampThreshold } from "./label-filter";
import type { ImageRecord } from "./records";
import { FeedSocket, type WebSocketLike } from "./socket";
import { validateFile } from "./upload-validation";
import { UploadQueue } from "./uploads";
import { copyText } from "./ui/clipboard";
import { CardGrid } from "./ui/grid";
import { Shell, type Notice } from "./ui/shell";
import { loadFeedLabels, subscribeToFeed } from "./subscriptions";
import { SubscribeForm } from "./ui/subscribe-form";
import { CardFocus, imageIdFromSearch } from "./ui/card-focus";

const thresholdKey = "imagelabelslive.minConfidence";

function browserStorage(): KeyValueStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function readThreshold(storage: KeyValueStore | null): number {
  try {
    const raw = storage?.getItem(thresholdKey);
    return raw === null || raw === undefined ? 0 : clampThreshold(Number(raw));
  } catch {
    return 0;
  }
}

class App {
  private readonly storage = browserStorage();
  private readonly feedId: string;
  private readonly records: FeedRecords;
  private readonly shell: Shell;
  private readonly grid: CardGrid;
  private threshold: number;
  private api: ApiClient | null = null;
  private uploads: UploadQueue | null = null;
  private socket: FeedSocket | null = null;
  private renderQueued = false;
  private historyLoaded = false;
  private historyRun = 0;
  private historyRetry: ReturnType<typeof setTimeout> | null = null;
  private historyFailures = 0;
  // A result email's link (?feed=…&image=…) opens on that image's card.
  private readonly cardFocus = new CardFocus(imageIdFromSearch(window.location.search));

  constructor(root: HTMLElement) {
    const resolved = resolveFeedId({
      search: window.location.search,
      storage: this.storage,
      fillRandom: (bytes) => crypto.getRandomValues(bytes),
    });
    this.feedId = resolved.feedId;
    // The URL always names the feed, so it can be shared as it is.
    window.history.replaceState(window.history.state, "", feedUrl(window.location.href, this.feedId));
    this.records = new FeedRecords(this.feedId);
    this.threshold = readThreshold(this.storage);
    this.shell = new Shell(
      root,
      {
        onFiles: (files) => void this.addFiles(files),
        onShare: () => void this.share(),
        onThreshold: (value) => this.setThreshold(value),
        onRetryNow: () => this.socket?.retryNow(),
      },
      this.threshold,
    );
    this.shell.setFeed(this.feedId);
    this.grid = new CardGrid(this.shell.grid, { cancel: (localId) => this.uploads?.cancel(localId) });
    this.render();
    if (resolved.rejectedFromUrl) {
      this.shell.showToast("That link's feed id was not valid, so this is your own feed.", "error");
    }
  }

  async start(): Promise<void> {
    let config: AppConfig;
    try {
      config = await loadConfig((input, init) => window.fetch(input, init), window.location.href);
    } catch (error) {
      const message = error instanceof ApiError ? error.message : "The app could not start.";
      this.shell.showBanner(`${message} Reload the page to try again.`);
      this.shell.setConnection({ kind: "stopped" }, Date.now());
      return;
    }
    this.shell.setMailbox(config.mailboxUrl);
    const fetchImpl = (input: string, init?: RequestInit) => window.fetch(input, init);
    this.shell.addHeaderAction(
      new SubscribeForm({
        subscribe: (request) => subscribeToFeed(fetchImpl, config.apiUrl, this.feedId, request),
        loadLabels: () => loadFeedLabels(fetchImpl, config.apiUrl, this.feedId),
      }).element,
    );
    const api = new ApiClient(config.apiUrl, (input, init) => window.fetch(input, init), window.location.href);
    this.api = api;
    this.uploads = new UploadQueue({
      feedId: this.feedId,
      createUpload: (request, signal) => api.createUpload(request, signal),
      put: (url, headers, body, onProgress) => putBytes(() => new XMLHttpRequest(), url, headers, body, onProgress),
      onChange: () => this.scheduleRender(),
    });
    this.socket = new FeedSocket({
      url: config.webSocketUrl,
      feedId: this.feedId,
      pageUrl: window.location.href,
      createSocket: (url) => new WebSocket(url) as WebSocketLike,
      onRecord: (record) => this.apply([record], true),
      onOpen: () => void this.loadHistory(),
      onState: (state) => this.shell.setConnection(state, Date.now()),
    });
    window.addEventListener("offline", () => this.socket?.goOffline());
    window.addEventListener("online", () => this.socket?.goOnline());
    // Background tabs have their timers slowed; coming back should not wait out a long backoff.
    document.addEventListener("visibilitychange", () => {
      if (!document.hidden && this.socket?.connectionState.kind === "waiting") this.socket.retryNow();
    });
    const offline = navigator.onLine === false;
    this.socket.start(offline);
    // History does not wait for the socket: the page shows the feed even while connecting.
    if (!offline) void this.loadHistory();
    // The countdown in the connection indicator, relative times and stale uploads move with the clock.
    let ticks = 0;
    setInterval(() => {
      ticks += 1;
      if (this.socket) this.shell.setConnection(this.socket.connectionState, Date.now());
      if (ticks % 30 === 0) this.scheduleRender();
    }, 1000);
  }

  /** Catch-up: on start and on every (re)connect; the merge drops what is already known. */
  private async loadHistory(): Promise<void> {
    if (!this.api) return;
    const run = ++this.historyRun;
    if (this.historyRetry) clearTimeout(this.historyRetry);
    this.historyRetry = null;
    try {
      const images = await this.api.listFeedImages(this.feedId, 50);
      // An older answer arriving after a newer one is harmless: the merge never moves backwards.
      this.apply(images, this.historyLoaded);
      this.historyLoaded = true;
      this.historyFailures = 0;
      this.shell.showBanner(null);
    } catch (error) {
      // Only the latest catch-up reports and retries.
      if (run !== this.historyRun) return;
      // Offline, the reconnect that follows the network's return catches up instead.
      if (navigator.onLine === false) return;
      const message = error instanceof ApiError ? error.message : "The feed's history could not be loaded.";
      this.shell.showBanner(`${message} Retrying…`);
      const delay = backoffDelay(this.historyFailures++);
      this.historyRetry = setTimeout(() => void this.loadHistory(), delay);
    }
  }

  private apply(records: ImageRecord[], announce: boolean): void {
    const changes: RecordChange[] = this.records.apply(records);
    if (changes.length === 0) return;
    if (announce) {
      const message = describeResults(
        changes.filter(isNewResult).map((change) => change.record),
        this.threshold,
      );
      if (message) this.shell.announce(message);
    }
    this.scheduleRender();
  }

  private async addFiles(files: File[]): Promise<void> {
    const uploads = this.uploads;
    if (!uploads) {
      this.shell.showToast("Still connecting to the server; try again in a moment.", "error");
      return;
    }
    const rejected: Notice[] = [];
    for (const file of files) {
      const result = await validateFile(file);
      if (!result.ok) {
        rejected.push({ fileName: file.name || "Unnamed file", message: result.message });
        continue;
      }
      uploads.add(file, file.name || "image", result.contentType, URL.createObjectURL(file));
    }
    if (rejected.length > 0) {
      this.shell.addNotices(rejected);
      this.shell.announce(
        rejected.length === 1
          ? `${rejected[0]?.fileName} was not uploaded: ${rejected[0]?.message}`
          : `${rejected.length} files were not uploaded; see the messages under the upload area.`,
      );
    }
  }

  private async share(): Promise<void> {
    const link = feedUrl(window.location.href, this.feedId);
    const copied = await copyText(link);
    if (copied) {
      this.shell.showToast("Link copied. Anyone with it can see this feed.");
    } else {
      this.shell.showToast("Copying was blocked; copy the link from the address bar.", "error");
    }
  }

  private setThreshold(value: number): void {
    this.threshold = clampThreshold(value);
    try {
      this.storage?.setItem(thresholdKey, String(this.threshold));
    } catch {
      // Not remembered across reloads; the filter still works.
    }
    this.scheduleRender();
  }

  private scheduleRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    // A timer, not requestAnimationFrame: background tabs must stay current too.
    setTimeout(() => {
      this.renderQueued = false;
      this.render();
    }, 0);
  }

  private render(): void {
    const cards = buildCards(this.records.list(), this.uploads?.uploads ?? []);
    this.grid.render(cards, this.threshold, Date.now());
    this.shell.setCount(cards.length);
    this.cardFocus.apply(this.shell.grid);
  }
}

const root = document.getElementById("app");
if (root) void new App(root).start();
