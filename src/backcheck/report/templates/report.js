// Severity filter. Reads everything from the DOM; writes only classes, `hidden` and a count.
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter-sev]"));
  var only = document.getElementById("filter-only-issues");
  function each(sel, fn) { Array.prototype.forEach.call(document.querySelectorAll(sel), fn); }
  function apply() {
    var show = {};
    boxes.forEach(function (b) { show[b.getAttribute("data-filter-sev")] = b.checked; });
    var visible = function (sev) { return show[sev] !== false; };
    var shown = 0;
    each(".issue[data-sev]", function (el) {
      var on = visible(el.getAttribute("data-sev"));
      el.hidden = !on;
      if (on) { shown += 1; }
    });
    each("mark[data-sevs]", function (m) {
      m.classList.toggle("off", !m.getAttribute("data-sevs").split(" ").some(visible));
    });
    each(".row", function (r) {
      r.hidden = only.checked && r.querySelectorAll(".issue:not([hidden])").length === 0;
    });
    document.getElementById("shown-count").textContent = String(shown);
  }
  boxes.concat([only]).forEach(function (b) { b.addEventListener("change", apply); });
  apply();
}());
