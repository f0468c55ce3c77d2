// The feed's socket in a browser tab: it follows the network (offline/online) and the tab coming back into view, and
// starts without a doomed attempt when the browser already knows it is offline.

import { FeedSocket, type FeedSocketOptions, type WebSocketLike } from "./socket";

export interface LiveConnection {
  socket: FeedSocket;
  /** The browser was offline at the start: the socket waits for the network, and so should the history. */
  startedOffline: boolean;
}

export function openLiveConnection(options: Omit<FeedSocketOptions, "createSocket">): LiveConnection {
  const socket = new FeedSocket({ ...options, createSocket: (url) => new WebSocket(url) as WebSocketLike });
  window.addEventListener("offline", () => socket.goOffline());
  window.addEventListener("online", () => socket.goOnline());
  // Background tabs have their timers slowed; coming back should not wait out a long backoff.
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden && socket.connectionState.kind === "waiting") socket.retryNow();
  });
  const startedOffline = navigator.onLine === false;
  socket.start(startedOffline);
  return { socket, startedOffline };
}
