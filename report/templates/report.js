// Sort and filter the file table. The page reads fine without this: the
// table is already in score order.
(function () {
  "use strict";
  var table = document.getElementById("file-table");
  if (!table || !table.tBodies.length) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var controls = document.querySelector(".controls");
  var filter = document.getElementById("filter");
  var only = document.getElementById("only-action");
  var shown = document.getElementById("shown");
  controls.hidden = false;

  function apply() {
    var q = filter.value.trim().toLowerCase();
    var n = 0;
    rows.forEach(function (r) {
      var ok = (!q || r.textContent.toLowerCase().indexOf(q) >= 0) &&
        (!only.checked || r.getAttribute("data-action") === "1");
      r.hidden = !ok;
      if (ok) { n++; }
    });
    shown.textContent = shown.getAttribute("data-label") + ": " + n + " / " + rows.length;
  }

  function sortBy(th) {
    var key = th.getAttribute("data-key");
    var num = th.getAttribute("data-type") === "num";
    var dir = th.getAttribute("aria-sort") === "descending" ? 1 : -1;
    if (!th.hasAttribute("aria-sort")) { dir = num ? -1 : 1; }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var x = a.getAttribute("data-" + key), y = b.getAttribute("data-" + key);
      var d = num ? Number(x) - Number(y) : x.localeCompare(y, "ja");
      return d * dir;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    if (!th.hasAttribute("data-key")) { return; }
    th.tabIndex = 0;
    th.addEventListener("click", function () { sortBy(th); });
    th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sortBy(th); } });
  });
  filter.addEventListener("input", apply);
  only.addEventListener("change", apply);
  apply();
})();
