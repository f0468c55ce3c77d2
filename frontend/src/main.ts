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
import { Shell } from "./ui/shell";
import type { Notice } from "./ui/notices";
import { FeedApi, type FeedLabels } from "./feed-api";
import { HistoryLoader } from "./history-loader";
import { PendingDeletes } from "./delete-undo";
import { carriesAll, labelsFromUrl, toggleLabel, urlWithLabels } from "./label-query";
import { sha256Base64 } from "./sha256";
import { LabelBar } from "./ui/label-bar";
import { DownloadMenu, LoadMore } from "./ui/feed-tools";
import { ActionToast } from "./ui/action-toast";
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
  private feedApi: FeedApi | null = null;
  private history: HistoryLoader | null = null;
  private chosenLabels: string[] = labelsFromUrl(window.location.href);
  private labelCounts: FeedLabels = { labels: [], images: 0 };
  private labelsTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly labelBar = new LabelBar((label) => this.toggleLabel(label));
  private readonly loadMoreBox = new LoadMore(() => void this.loadMore());
  private readonly actionToast = new ActionToast();
  private deletes: PendingDeletes | null = null;
  private readonly duplicateUploads = new Set<string>();
  // A result email's link (?feed=…&image=…) opens on that image's card.
  private readonly cardFocus = new CardFocus(imageIdFromSearch(window.location.search));

  constructor(root: HTMLElement, template: HTMLTemplateElement) {
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
      template,
      {
        onFiles: (files) => void this.addFiles(files),
        onShare: () => void this.share(),
        onThreshold: (value) => this.setThreshold(value),
        onRetryNow: () => this.socket?.retryNow(),
      },
      this.threshold,
    );
    this.shell.setFeed(this.feedId);
    this.grid = new CardGrid(this.shell.grid, {
      cancel: (localId) => this.uploads?.cancel(localId),
      copyJson: (record) => void this.copyJson(record),
      remove: (record) => this.remove(record),
    });
    // The feed tools sit around the grid; the shell stays as it is.
    this.shell.grid.before(this.labelBar.element);
    this.shell.grid.after(this.loadMoreBox.element);
    document.body.append(this.actionToast.element);
    this.loadMoreBox.setState(false, false);
    this.render();
    if (resolved.rejectedFromUrl) {
      this.shell.toast.show("That link's feed id was not valid, so this is your own feed.", "error");
    }
  }

  async start(): Promise<void> {
    let config: AppConfig;
    try {
      config = await loadConfig((input, init) => window.fetch(input, init), window.location.href);
    } catch (error) {
      const message = error instanceof ApiError ? error.message : "The app could not start.";
      this.shell.banner.show(`${message} Reload the page to try again.`);
      this.shell.connection.show({ kind: "stopped" }, Date.now());
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
    const feedApi = new FeedApi(config.apiUrl, this.feedId, (input, init) => window.fetch(input, init), window.location.href);
    this.feedApi = feedApi;
    this.history = new HistoryLoader(feedApi, (records) => this.apply(records, this.historyLoaded), this.chosenLabels);
    this.deletes = new PendingDeletes((imageId) => feedApi.deleteImage(imageId), () => this.scheduleRender());
    this.shell.grid.previousElementSibling?.append(new DownloadMenu(feedApi.exportUrl("csv"), feedApi.exportUrl("json")).element);
    this.refreshLabels();
    this.uploads = new UploadQueue({
      feedId: this.feedId,
      createUpload: (request, signal) => api.createUpload(request, signal),
      put: (url, headers, body, onProgress) => putBytes(() => new XMLHttpRequest(), url, headers, body, onProgress),
      onChange: () => this.scheduleRender(),
      checksum: (file) => sha256Base64(file),
      onDuplicate: (upload, existing) => this.showDuplicate(upload.localId, upload.fileName, existing),
    });
    this.socket = new FeedSocket({
      url: config.webSocketUrl,
      feedId: this.feedId,
      pageUrl: window.location.href,
      createSocket: (url) => new WebSocket(url) as WebSocketLike,
      onRecord: (record) => {
        this.history?.note([record]);
        this.apply([record], true);
      },
      onOpen: () => void this.loadHistory(),
      onState: (state) => this.shell.connection.show(state, Date.now()),
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
      if (this.socket) this.shell.connection.show(this.socket.connectionState, Date.now());
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
      // The first time, the newest page; after that, every change since the newest one seen, page by page.
      // An older answer arriving after a newer one is harmless: the merge never moves backwards.
      await this.history?.catchUp();
      this.refreshLabels();
      this.historyLoaded = true;
      this.loadMoreBox.setState(this.history?.done ?? false, false);
      this.historyFailures = 0;
      this.shell.banner.show(null);
    } catch (error) {
      // Only the latest catch-up reports and retries.
      if (run !== this.historyRun) return;
      // Offline, the reconnect that follows the network's return catches up instead.
      if (navigator.onLine === false) return;
      const message = error instanceof ApiError ? error.message : "The feed's history could not be loaded.";
      this.shell.banner.show(`${message} Retrying…`);
      const delay = backoffDelay(this.historyFailures++);
      this.historyRetry = setTimeout(() => void this.loadHistory(), delay);
    }
  }

  private apply(records: ImageRecord[], announce: boolean): void {
    const changes: RecordChange[] = this.records.apply(records);
    if (changes.length === 0) return;
    // Counts move when a result arrives or an image goes.
    if (changes.some((change) => change.record.status === "labeled" || change.record.status === "deleted")) this.refreshLabels();
    if (announce) {
      const message = describeResults(
        changes.filter(isNewResult).map((change) => change.record),
        this.threshold,
      );
      if (message) this.shell.announcer.say(message);
    }
    this.scheduleRender();
  }

  private async addFiles(files: File[]): Promise<void> {
    const uploads = this.uploads;
    if (!uploads) {
      this.shell.toast.show("Still connecting to the server; try again in a moment.", "error");
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
      this.shell.fileNotices.add(rejected);
      this.shell.announcer.say(
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
      this.shell.toast.show("Link copied. Anyone with it can see this feed.");
    } else {
      this.shell.toast.show("Copying was blocked; copy the link from the address bar.", "error");
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

  private async loadMore(): Promise<void> {
    const history = this.history;
    if (!history || history.done || history.busy) return;
    this.loadMoreBox.setState(false, true);
    try {
      await history.loadMore();
    } catch (error) {
      this.shell.toast.show(error instanceof ApiError ? error.message : "More images could not be loaded.", "error");
    }
    this.loadMoreBox.setState(history.done, false);
  }

  /** Counts come from the server (the whole feed, not just the pages loaded); a burst of changes asks once. */
  private refreshLabels(): void {
    if (this.labelsTimer || !this.feedApi) return;
    const feedApi = this.feedApi;
    this.labelsTimer = setTimeout(() => {
      this.labelsTimer = null;
      feedApi
        .labels()
        .then((counts) => {
          this.labelCounts = counts;
          this.labelBar.render(counts, this.chosenLabels);
        })
        .catch(() => {
          // The bar keeps its last counts; the next change asks again.
        });
    }, 300);
  }

  private toggleLabel(label: string): void {
    this.chosenLabels = toggleLabel(this.chosenLabels, label);
    window.history.replaceState(window.history.state, "", urlWithLabels(window.location.href, this.chosenLabels));
    this.labelBar.render(this.labelCounts, this.chosenLabels);
    this.loadMoreBox.setState(false, true);
    const history = this.history;
    if (!history) return;
    history
      .setLabels(this.chosenLabels)
      .catch((error: unknown) => this.shell.toast.show(error instanceof ApiError ? error.message : "The filter could not be applied.", "error"))
      .finally(() => this.loadMoreBox.setState(history.done, false));
    this.scheduleRender();
  }

  private async copyJson(record: ImageRecord): Promise<void> {
    const copied = await copyText(JSON.stringify(record, null, 2));
    this.shell.toast.show(copied ? `Copied the JSON of ${record.fileName}.` : "Copying was blocked by the browser.", copied ? "ok" : "error");
  }

  private remove(record: ImageRecord): void {
    const deletes = this.deletes;
    if (!deletes) return;
    deletes.schedule(record.imageId, (error) =>
      this.shell.toast.show(error instanceof ApiError ? error.message : `${record.fileName} could not be deleted.`, "error"),
    );
    this.actionToast.show(`Deleting ${record.fileName}…`, "Undo", () => deletes.undo(record.imageId), 5000);
  }

  private showDuplicate(localId: string, fileName: string, existingImageId: string): void {
    this.duplicateUploads.add(localId);
    this.scheduleRender();
    const reveal = (): void => {
      const card = this.shell.grid.querySelector<HTMLElement>(`[data-image-id="${CSS.escape(existingImageId)}"]`);
      if (!card) return;
      card.scrollIntoView({ block: "center", behavior: "smooth" });
      card.focus({ preventScroll: true });
      card.classList.add("card-flash");
      setTimeout(() => card.classList.remove("card-flash"), 2000);
    };
    this.actionToast.show(`${fileName}: Already in this feed.`, "Show it", reveal, 8000);
    setTimeout(reveal, 50);
  }

  private visibleRecords(): readonly ImageRecord[] {
    const all = this.records.list();
    const chosen = this.chosenLabels;
    return all.filter(
      (record) =>
        !this.deletes?.has(record.imageId) &&
        (chosen.length === 0 || (record.status === "labeled" && carriesAll(record.labels.map((label) => label.name), chosen))),
    );
  }

  private render(): void {
    const uploads = (this.uploads?.uploads ?? []).filter((upload) => !this.duplicateUploads.has(upload.localId));
    const cards = buildCards(this.visibleRecords(), uploads);
    this.grid.render(cards, this.threshold, Date.now());
    this.shell.setCount(cards.length);
    this.cardFocus.apply(this.shell.grid);
  }
}

const root = document.getElementById("app");
const template = document.getElementById("page-template");
if (root && template instanceof HTMLTemplateElement) void new App(root, template).start();
