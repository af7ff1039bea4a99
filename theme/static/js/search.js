/* Search page (plugins/search): starts the Pagefind UI. A first-party file
   because the Content-Security-Policy allows no inline script; the
   Vietnamese texts come from data-* attributes of the search box. */
(function () {
  "use strict";
  function start() {
    var box = document.getElementById("tim-kiem");
    if (!box || typeof window.PagefindUI !== "function") { return; }
    new window.PagefindUI({
      element: "#tim-kiem",
      showSubResults: true,
      showImages: false,
      translations: {
        placeholder: box.getAttribute("data-placeholder") || "",
        zero_results: box.getAttribute("data-zero-results") || ""
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
