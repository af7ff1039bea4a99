/* Search page (plugins/search): starts the Pagefind UI. A first-party file
   because the Content-Security-Policy allows no inline script; the
   Vietnamese texts come from data-* attributes of the search box.

   /tim-kiem/?q=... runs the search for q (links to a search work), and the
   query typed is kept in the address (replaceState: no history entry per
   key). Each result shows its date, type and unit: the article pages mark
   them with data-pagefind-meta (date, type, unit), shown here under
   Vietnamese labels, in that order. */
(function () {
  "use strict";
  var LABELS = [["date", "Ngày đăng"], ["type", "Loại"], ["unit", "Đơn vị"]];

  // Pagefind reads a search twin per article, named after the page's folder
  // (plugins/search/twins.py): /a/b/slug.index.html is the page /a/b/slug/.
  var TWIN = /\.index\.html(?=#|$)/;

  function pageUrl(url) {
    return typeof url === "string" ? url.replace(TWIN, "/") : url;
  }

  function labelled(result) {
    result.url = pageUrl(result.url);
    (result.sub_results || []).forEach(function (sub) { sub.url = pageUrl(sub.url); });
    var meta = result.meta || {};
    var out = { title: meta.title };
    if (meta.image) { out.image = meta.image; out.image_alt = meta.image_alt; }
    LABELS.forEach(function (pair) {
      if (meta[pair[0]]) { out[pair[1]] = meta[pair[0]]; }
    });
    result.meta = out;
    return result;
  }

  function keepInAddress(term) {
    if (!window.history || !window.history.replaceState) { return; }
    var url = new URL(window.location.href);
    if (term) { url.searchParams.set("q", term); } else { url.searchParams.delete("q"); }
    window.history.replaceState(null, "", url.pathname + url.search + url.hash);
  }

  function start() {
    var box = document.getElementById("tim-kiem");
    if (!box || typeof window.PagefindUI !== "function") { return; }
    // A large site's index comes in shards (one per year of articles): the
    // other shards' bundles are merged into this one's results.
    var merge = (box.getAttribute("data-merge") || "").split(" ").filter(Boolean).map(function (path) {
      return { bundlePath: path };
    });
    var ui = new window.PagefindUI({
      element: "#tim-kiem",
      mergeIndex: merge,
      showSubResults: true,
      showImages: false,
      processResult: labelled,
      translations: {
        placeholder: box.getAttribute("data-placeholder") || "",
        zero_results: box.getAttribute("data-zero-results") || ""
      }
    });
    box.addEventListener("input", function (event) {
      if (event.target && event.target.matches("input[type=text], input[type=search]")) {
        keepInAddress(event.target.value.trim());
      }
    });
    var term = (new URLSearchParams(window.location.search).get("q") || "").trim();
    if (term) { ui.triggerSearch(term); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
