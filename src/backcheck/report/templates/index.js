// The batch index: sort by any column, filter by verdict, issue type, minimum score and text.
// Reads everything from the DOM; writes only the rows' order, `hidden`, aria-sort and a count.
(function () {
  "use strict";
  var table = document.getElementById("index");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var verdicts = Array.prototype.slice.call(document.querySelectorAll("input[data-filter-verdict]"));
  var type = document.getElementById("filter-type");
  var minScore = document.getElementById("filter-score");
  var text = document.getElementById("filter-text");

  function filter() {
    var show = {};
    verdicts.forEach(function (b) { show[b.getAttribute("data-filter-verdict")] = b.checked; });
    var t = type.value;
    var min = parseFloat(minScore.value);
    var needle = text.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (r) {
      var score = parseFloat(r.getAttribute("data-score"));
      var on = show[r.getAttribute("data-verdict")] !== false &&
        (!t || r.getAttribute("data-types").split(" ").indexOf(t) >= 0) &&
        (isNaN(min) || (!isNaN(score) && score >= min)) &&
        (!needle || r.textContent.toLowerCase().indexOf(needle) >= 0);
      r.hidden = !on;
      if (on) { shown += 1; }
    });
    document.getElementById("shown-count").textContent = String(shown);
  }

  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  heads.forEach(function (th, col) {
    var button = th.querySelector("button[data-sort]");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var numeric = button.getAttribute("data-sort") === "num";
      // numbers: largest first on the first click; text: A to Z
      var dir = th.getAttribute("aria-sort") === (numeric ? "descending" : "ascending")
        ? (numeric ? "ascending" : "descending") : (numeric ? "descending" : "ascending");
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir);
      var sign = dir === "ascending" ? 1 : -1;
      var value = function (r) {
        var cell = r.cells[col];
        var v = cell ? cell.getAttribute("data-value") || "" : "";
        return numeric ? parseFloat(v) : v.toLowerCase();
      };
      rows.sort(function (a, b) {
        var x = value(a), y = value(b);
        if (numeric) {
          x = isNaN(x) ? -Infinity : x;
          y = isNaN(y) ? -Infinity : y;
        }
        return x < y ? -sign : x > y ? sign : 0;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });

  verdicts.forEach(function (b) { b.addEventListener("change", filter); });
  type.addEventListener("change", filter);
  minScore.addEventListener("input", filter);
  text.addEventListener("input", filter);
  filter();
}());
