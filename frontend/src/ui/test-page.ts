// For unit tests: the page's skeleton as index.html has it, stamped into a fresh root in the document.

import pageHtml from "../../index.html?raw";
import { stampPage } from "./page";

export function pageTemplate(): HTMLTemplateElement {
  const template = new DOMParser().parseFromString(pageHtml, "text/html").getElementById("page-template");
  if (!(template instanceof HTMLTemplateElement)) throw new Error("index.html has no #page-template.");
  return template;
}

export function stampedPage(): HTMLElement {
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  stampPage(root, pageTemplate());
  return root;
}
