import { describe, expect, it } from "vitest";
import { describeRejections } from "./upload-intake";

describe("describeRejections", () => {
  it("none_SaysNothing", () => {
    expect(describeRejections([])).toBeNull();
  });

  it("one_NamesFileAndReason", () => {
    expect(describeRejections([{ fileName: "a.gif", message: "Only JPEG and PNG images can be labeled." }])).toBe(
      "a.gif was not uploaded: Only JPEG and PNG images can be labeled.",
    );
  });

  it("several_CountsAndPointsAtTheList", () => {
    const notice = { fileName: "a.gif", message: "No." };
    expect(describeRejections([notice, notice, notice])).toBe("3 files were not uploaded; see the messages under the upload area.");
  });
});
