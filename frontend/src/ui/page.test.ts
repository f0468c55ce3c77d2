// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { pagePart, stampPage } from "./page";

function template(html: string): HTMLTemplateElement {
  const element = document.createElement("template");
  element.innerHTML = html;
  return element;
}

describe("stampPage", () => {
  it("stamp_IndentedMarkup_NoWhitespaceNodesAndIconsDrawn", () => {
    const root = document.createElement("div");
    stampPage(root, template('\n  <p class="a">\n    <span>One</span>\n    <span data-icon="x"></span>\n  </p>\n  <!-- note -->\n'));
    expect(root.innerHTML).not.toContain("note");
    expect(root.querySelector(".a")?.childNodes).toHaveLength(2);
    expect(root.querySelector(".a svg.icon")?.getAttribute("aria-hidden")).toBe("true");
  });

  it("stamp_UnknownIcon_Throws", () => {
    expect(() => stampPage(document.createElement("div"), template('<span data-icon="nope"></span>'))).toThrow(/unknown icon/);
  });

  it("pagePart_MissingOrWrongKind_Throws", () => {
    const root = document.createElement("div");
    stampPage(root, template('<div data-testid="x"></div>'));
    expect(pagePart(root, '[data-testid="x"]', HTMLDivElement).tagName).toBe("DIV");
    expect(() => pagePart(root, '[data-testid="x"]', HTMLInputElement)).toThrow(/HTMLInputElement/);
    expect(() => pagePart(root, '[data-testid="y"]', HTMLElement)).toThrow(/no HTMLElement/);
  });
});
