// The search page: Pagefind's UI over the static index, in parts: the folders listed in
// data-parts (a JSON array, written with the index: src/render/search-parts.ts), the first
// one searched and the others merged into it. `?q=words` runs a search at once; `?tag=Name`
// (repeatable) sets the tag filter.
/* global PagefindUI */

/** The parts' bundle URLs; the one at data-bundle-path when the list cannot be read. */
async function bundlePaths(root) {
  const base = root.dataset.baseUrl || "/";
  try {
    const response = await fetch(root.dataset.parts);
    const folders = response.ok ? await response.json() : [];
    const valid = Array.isArray(folders) ? folders.filter((f) => typeof f === "string" && /^pagefind(-[\w-]+)?$/.test(f)) : [];
    if (valid.length) return valid.map((folder) => `${base}${folder}/`);
  } catch {
    // No list (an index made before lists existed): the one bundle.
  }
  return [root.dataset.bundlePath];
}

window.addEventListener("DOMContentLoaded", async () => {
  const root = document.getElementById("search");
  if (!root) return;
  if (typeof PagefindUI === "undefined") {
    // Pagefind's UI did not load: no index here (npm start's preview, or no build with search yet).
    document.getElementById("search-unavailable")?.removeAttribute("hidden");
    return;
  }
  const [first, ...merged] = await bundlePaths(root);
  const ui = new PagefindUI({
    element: "#search",
    bundlePath: first,
    mergeIndex: merged.map((bundlePath) => ({ bundlePath })),
    baseUrl: root.dataset.baseUrl,
    showImages: false,
    showSubResults: false,
    autofocus: true,
  });
  // Pagefind's box has only a placeholder and a title; readers (and axe) need a visible label.
  const input = root.querySelector(".pagefind-ui__search-input");
  if (input) {
    input.id = "search-input";
    const label = document.createElement("label");
    label.htmlFor = "search-input";
    label.className = "search__label";
    label.textContent = root.dataset.label || "Search";
    root.prepend(label);
  }
  const params = new URLSearchParams(window.location.search);
  const tags = params.getAll("tag").filter(Boolean);
  if (tags.length) ui.triggerFilters({ tag: tags });
  const q = params.get("q");
  if (q) ui.triggerSearch(q);
  // Keep the address in step with the query, so a search can be shared or reloaded.
  root.addEventListener("input", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "text") return;
    const url = new URL(window.location.href);
    if (input.value) url.searchParams.set("q", input.value);
    else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
  });
});
