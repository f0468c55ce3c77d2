// The minimum-confidence slider's value, remembered across reloads where the browser lets the page keep it.

import type { KeyValueStore } from "./feed-id";
import { clampThreshold } from "./label-filter";

export const thresholdKey = "imagelabelslive.minConfidence";

/** localStorage, or null where reading it throws (storage blocked, some private modes). */
export function browserStorage(): KeyValueStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export class ThresholdSetting {
  private current: number;

  constructor(private readonly storage: KeyValueStore | null) {
    this.current = readThreshold(storage);
  }

  get value(): number {
    return this.current;
  }

  set(value: number): void {
    this.current = clampThreshold(value);
    try {
      this.storage?.setItem(thresholdKey, String(this.current));
    } catch {
      // Not remembered across reloads; the filter still works.
    }
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
