// Phones: tables in a .table-wrap are shown as stacked rows (fabriek.css), each cell labelled with its
// column's heading, which this script copies into data-label. A table marked .wide keeps its columns and
// scrolls inside its wrapper; the wrapper then gets the keyboard focus and a name, so it can be scrolled
// without a mouse. Runs on page load and on every part htmx swaps in.
(function () {
  "use strict";

  function headings(table) {
    var row = table.querySelector("thead tr:last-child");
    var labels = [];
    if (!row) return labels;
    Array.prototype.forEach.call(row.children, function (cell) {
      for (var n = 0; n < (cell.colSpan || 1); n++) labels.push(cell.textContent.trim());
    });
    return labels;
  }

  function prepare(root) {
    var wraps = root.querySelectorAll ? root.querySelectorAll(".table-wrap") : [];
    Array.prototype.forEach.call(wraps, function (wrap) {
      var table = wrap.querySelector("table");
      if (!table) return;
      if (table.classList.contains("wide")) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        var caption = table.querySelector("caption");
        var heading = wrap.closest("section") && wrap.closest("section").querySelector("h2, h3");
        var name = (caption || heading || document.querySelector("h1"));
        if (name && !wrap.hasAttribute("aria-label")) wrap.setAttribute("aria-label", name.textContent.trim());
        return;
      }
      var labels = headings(table);
      Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.children, function (cell) {
          // a cell across several columns (an empty list's message) belongs to none of them: no label
          var label = (cell.colSpan || 1) > 1 ? "" : labels[column];
          if (label && cell.tagName === "TD" && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", label);
          column += cell.colSpan || 1;
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { prepare(document); });
  document.addEventListener("htmx:load", function (event) { prepare(event.target.parentNode || document); });
})();
