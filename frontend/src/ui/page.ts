// The page's skeleton lives in index.html as #page-template; this stamps it into the root and finds its parts.

import { icon, iconPaths } from "./dom";

type IconName = keyof typeof iconPaths;

function isIconName(name: string): name is IconName {
  return Object.hasOwn(iconPaths, name);
}

export function stampPage(root: HTMLElement, template: HTMLTemplateElement): void {
  const page = template.content.cloneNode(true);
  dropIndentation(page);
  // The icons' path data stays in one place (dom.ts); the template only names them.
  for (const placeholder of [...(page as ParentNode).querySelectorAll<HTMLElement>("[data-icon]")]) {
    const name = placeholder.dataset.icon ?? "";
    if (!isIconName(name)) throw new Error(`The page template names an unknown icon: "${name}".`);
    placeholder.replaceWith(icon(name));
  }
  root.replaceChildren(page);
}

/** The template's indentation is not content: between inline elements it would show as spaces, and :empty would fail. */
function dropIndentation(node: Node): void {
  for (const child of [...node.childNodes]) {
    if (child.nodeType === Node.TEXT_NODE && (child.textContent ?? "").trim() === "") child.remove();
    else if (child.nodeType === Node.COMMENT_NODE) child.remove();
    else dropIndentation(child);
  }
}

/** One element of the stamped page; a missing one is a broken template, so it fails at once rather than later. */
export function pagePart<T extends Element>(root: ParentNode, selector: string, kind: abstract new () => T): T {
  const element = root.querySelector(selector);
  if (!(element instanceof kind)) throw new Error(`The page has no ${kind.name} at ${selector}.`);
  return element;
}
