// Wires the pieces: config → feed id → history + socket → cards; uploads from picker and drop. Each job lives in its
// own module; App only builds them and connects their ends.

import "./styles.css";
import { ApiClient, ApiError, loadConfig, putBytes, type AppConfig } from "./api";
import { feedUrl, resolveFeedId } from "./feed-id";
import { FeedRecords, isNewResult, type RecordChange } from "./feed-merge";
import { describeResults } from "./announcements";
import type { ImageRecord } from "./records";
import type { FeedSocket } from "./socket";
import { UploadQueue } from "./uploads";
import { copyText } from "./ui/clipboard";
import { CardGrid } from "./ui/grid";
import { Shell } from "./ui/shell";
import { FeedApi } from "./feed-api";
import { sha256Base64 } from "./sha256";
import { DownloadMenu, LoadMore } from "./ui/feed-tools";
import { loadFeedLabels, subscribeToFeed } from "./subscriptions";
import { SubscribeForm } from "./ui/subscribe-form";
import { browserStorage, ThresholdSetting } from "./threshold-setting";
import { HistorySync } from "./history-sync";
import { FeedLabelFilter } from "./feed-label-filter";
import { ImageActions } from "./image-actions";
import { takeFiles } from "./upload-intake";
import { FeedView } from "./feed-view";
import { openLiveConnection } from "./live-connection";

class App {
  private readonly feedId: string;
  private readonly records: FeedRecords;
  private readonly shell: Shell;
  private readonly threshold = new ThresholdSetting(browserStorage());
  private readonly loadMoreBox = new LoadMore(() => void this.history?.loadMore());
  private readonly labelFilter = new FeedLabelFilter((labels) => this.chooseLabels(labels));
  private readonly actions: ImageActions;
  private readonly view: FeedView;
  private uploads: UploadQueue | null = null;
  private socket: FeedSocket | null = null;
  private history: HistorySync | null = null;

  constructor(root: HTMLElement, template: HTMLTemplateElement) {
    const resolved = resolveFeedId({
      search: window.location.search,
      storage: browserStorage(),
      fillRandom: (bytes) => crypto.getRandomValues(bytes),
    });
    this.feedId = resolved.feedId;
    // The URL always names the feed, so it can be shared as it is.
    window.history.replaceState(window.history.state, "", feedUrl(window.location.href, this.feedId));
    this.records = new FeedRecords(this.feedId);
    this.shell = new Shell(
      root,
      template,
      {
        onFiles: (files) => void takeFiles(files, this.uploads, this.shell),
        onShare: () => void this.share(),
        onThreshold: (value) => {
          this.threshold.set(value);
          this.view.schedule();
        },
        onRetryNow: () => this.socket?.retryNow(),
      },
      this.threshold.value,
    );
    this.shell.setFeed(this.feedId);
    this.actions = new ImageActions(this.shell.grid, this.shell.toast, () => this.view.schedule());
    const grid = new CardGrid(this.shell.grid, {
      cancel: (localId) => this.uploads?.cancel(localId),
      copyJson: (record) => void this.actions.copyJson(record),
      remove: (record) => this.actions.remove(record),
    });
    this.view = new FeedView(grid, {
      records: () => this.records.list().filter((record) => !this.actions.isBeingDeleted(record.imageId) && this.labelFilter.shows(record)),
      uploads: () => (this.uploads?.uploads ?? []).filter((upload) => !this.actions.isDuplicateUpload(upload.localId)),
      threshold: () => this.threshold.value,
      drawn: (count) => this.shell.setCount(count),
    });
    // The feed tools sit around the grid; the shell stays as it is.
    this.shell.grid.before(this.labelFilter.bar.element);
    this.shell.grid.after(this.loadMoreBox.element);
    document.body.append(this.actions.actionToast.element);
    this.loadMoreBox.setState(false, false);
    this.view.draw();
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
    const api = new ApiClient(config.apiUrl, fetchImpl, window.location.href);
    const feedApi = new FeedApi(config.apiUrl, this.feedId, fetchImpl, window.location.href);
    this.labelFilter.connect(() => feedApi.labels());
    this.history = new HistorySync(
      feedApi,
      this.labelFilter.chosen,
      { loadMore: this.loadMoreBox, banner: this.shell.banner, toast: this.shell.toast },
      (records, announce) => this.apply(records, announce),
      () => this.labelFilter.refreshCounts(),
    );
    this.actions.connect((imageId) => feedApi.deleteImage(imageId));
    // The Download menu sits in the label bar, at the end of its row.
    this.labelFilter.bar.element.append(new DownloadMenu(feedApi.exportUrl("csv"), feedApi.exportUrl("json")).element);
    this.labelFilter.refreshCounts();
    this.uploads = new UploadQueue({
      feedId: this.feedId,
      createUpload: (request, signal) => api.createUpload(request, signal),
      put: (url, headers, body, onProgress) => putBytes(() => new XMLHttpRequest(), url, headers, body, onProgress),
      onChange: () => this.view.schedule(),
      checksum: (file) => sha256Base64(file),
      onDuplicate: (upload, existing) => this.actions.showDuplicate(upload.localId, upload.fileName, existing),
    });
    const live = openLiveConnection({
      url: config.webSocketUrl,
      feedId: this.feedId,
      pageUrl: window.location.href,
      onRecord: (record) => {
        this.history?.note([record]);
        this.apply([record], true);
      },
      onOpen: () => void this.history?.catchUp(),
      onState: (state) => this.shell.connection.show(state, Date.now()),
    });
    this.socket = live.socket;
    // History does not wait for the socket: the page shows the feed even while connecting.
    if (!live.startedOffline) void this.history.catchUp();
    // The countdown in the connection indicator, relative times and stale uploads move with the clock.
    let ticks = 0;
    setInterval(() => {
      ticks += 1;
      if (this.socket) this.shell.connection.show(this.socket.connectionState, Date.now());
      if (ticks % 30 === 0) this.view.schedule();
    }, 1000);
  }

  private apply(records: ImageRecord[], announce: boolean): void {
    const changes: RecordChange[] = this.records.apply(records);
    if (changes.length === 0) return;
    // Counts move when a result arrives or an image goes.
    for (const change of changes) this.labelFilter.countChanged(change.record);
    if (announce) {
      const message = describeResults(
        changes.filter(isNewResult).map((change) => change.record),
        this.threshold.value,
      );
      if (message) this.shell.announcer.say(message);
    }
    this.view.schedule();
  }

  private chooseLabels(labels: readonly string[]): void {
    this.loadMoreBox.setState(false, true);
    const history = this.history;
    if (!history) return;
    history.setLabels(labels);
    this.view.schedule();
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
}

const root = document.getElementById("app");
const template = document.getElementById("page-template");
if (root && template instanceof HTMLTemplateElement) void new App(root, template).start();
