import { describe, expect, it } from "vitest";
import type { KeyValueStore } from "./feed-id";
import { thresholdKey, ThresholdSetting } from "./threshold-setting";

function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { values: Map<string, string> } {
  const values = new Map(Object.entries(initial));
  return { values, getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) };
}

describe("ThresholdSetting", () => {
  it("new_NothingStored_StartsAtZero", () => {
    expect(new ThresholdSetting(memoryStore()).value).toBe(0);
    expect(new ThresholdSetting(null).value).toBe(0);
  });

  it("new_StoredValue_ReadBackClamped", () => {
    expect(new ThresholdSetting(memoryStore({ [thresholdKey]: "40" })).value).toBe(40);
    expect(new ThresholdSetting(memoryStore({ [thresholdKey]: "400" })).value).toBe(100);
  });

  it("set_Value_ClampedAndRemembered", () => {
    const store = memoryStore();
    const setting = new ThresholdSetting(store);
    setting.set(-5);
    expect(setting.value).toBe(0);
    setting.set(65);
    expect(store.values.get(thresholdKey)).toBe("65");
  });

  it("set_StorageThrows_ValueStillChanges", () => {
    const setting = new ThresholdSetting({
      getItem: () => {
        throw new Error("blocked");
      },
      setItem: () => {
        throw new Error("blocked");
      },
    });
    expect(setting.value).toBe(0);
    setting.set(30);
    expect(setting.value).toBe(30);
  });
});
