// The chosen label filter lives in the page's URL (?feed=…&label=Dog&label=Person), so a filtered view can be shared.

export const maxLabels = 10;

export function labelsFromUrl(href: string): string[] {
  const labels = new URL(href).searchParams.getAll("label").map((label) => label.trim()).filter((label) => label.length > 0 && label.length <= 100);
  return [...new Set(labels)].slice(0, maxLabels);
}

export function urlWithLabels(href: string, labels: readonly string[]): string {
  const url = new URL(href);
  url.searchParams.delete("label");
  for (const label of labels) url.searchParams.append("label", label);
  return url.href;
}

/** Case-insensitive, as the API compares names. */
export function carriesAll(labelNames: readonly string[], chosen: readonly string[]): boolean {
  const carried = new Set(labelNames.map((name) => name.toUpperCase()));
  return chosen.every((label) => carried.has(label.toUpperCase()));
}

export function toggleLabel(chosen: readonly string[], label: string): string[] {
  const upper = label.toUpperCase();
  return chosen.some((item) => item.toUpperCase() === upper)
    ? chosen.filter((item) => item.toUpperCase() !== upper)
    : [...chosen, label].slice(0, maxLabels);
}
