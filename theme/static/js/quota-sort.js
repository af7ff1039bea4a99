/* Quota board: sort the unit table by status (most urgent first) and back to the
   unit tree. First-party, no framework, no inline script (Content-Security-Policy).
   Without JavaScript the table stays in tree order. */
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    var tables = document.querySelectorAll("table[data-sortable]");
    tables.forEach(function (table) {
      var header = table.querySelector("th[data-sort-key]");
      var body = table.tBodies[0];
      if (!header || !body) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = header.textContent;
      button.title = "Sắp xếp theo trạng thái: đơn vị cần chú ý nhất lên đầu; bấm lần nữa để trở lại thứ tự đơn vị";
      header.textContent = "";
      header.appendChild(button);
      var sorted = false;
      button.addEventListener("click", function () {
        var rows = Array.prototype.slice.call(body.rows);
        sorted = !sorted;
        rows.sort(function (a, b) {
          if (sorted) {
            var d = Number(a.dataset.severity) - Number(b.dataset.severity);
            if (d !== 0) { return d; }
          }
          return Number(a.dataset.order) - Number(b.dataset.order);
        });
        rows.forEach(function (row) { body.appendChild(row); });
        header.setAttribute("aria-sort", sorted ? "ascending" : "none");
        table.classList.toggle("is-sorted", sorted);
      });
    });
  });
})();
