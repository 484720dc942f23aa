// The search page: Pagefind's UI over the static index, in parts (data-bundle-path, then the
// folders of data-merge, merged into it: src/render/search-parts.ts).
// `?q=words` runs a search at once; `?tag=Name` (repeatable) sets the tag filter.
/* global PagefindUI */
window.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("search");
  if (!root || typeof PagefindUI === "undefined") return;
  const ui = new PagefindUI({
    element: "#search",
    bundlePath: root.dataset.bundlePath,
    mergeIndex: (root.dataset.merge || "").split(" ").filter(Boolean).map((bundlePath) => ({ bundlePath })),
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
