// Severity filter, and the waive command an editor copies. Reads everything from the DOM;
// writes only classes, `hidden`, counts and the command's text.
(function () {
  "use strict";
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-filter-sev]"));
  var only = document.getElementById("filter-only-issues");
  var showWaived = document.getElementById("filter-waived");
  function each(sel, fn) { Array.prototype.forEach.call(document.querySelectorAll(sel), fn); }
  function apply() {
    var show = {};
    boxes.forEach(function (b) { show[b.getAttribute("data-filter-sev")] = b.checked; });
    var visible = function (sev) { return show[sev] !== false; };
    var shown = 0;
    each(".issue[data-sev]", function (el) {
      var on = visible(el.getAttribute("data-sev")) &&
        (!el.hasAttribute("data-waived") || !showWaived || showWaived.checked);
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
  var filters = boxes.concat([only]);
  if (showWaived) { filters.push(showWaived); }
  filters.forEach(function (b) { b.addEventListener("change", apply); });
  apply();

  // Waive: the editor ticks issues and gives a reason; the page builds the command that
  // records them (`backcheck waive REPORT FINGERPRINT... --reason TEXT`) for a terminal.
  var bar = document.getElementById("waive-bar");
  var reason = document.getElementById("waive-reason");
  var command = document.getElementById("waive-command");
  var copied = document.getElementById("waive-copied");
  function quote(s) { return "'" + s.replace(/'/g, "'\\''") + "'"; }
  function reportPath() {
    var path = decodeURIComponent(location.pathname);
    if (location.protocol !== "file:") { return path.split("/").pop() || "report.html"; }
    return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path;   // a Windows path: /C:/...
  }
  function build() {
    var picked = [];
    each("input.waive:checked", function (b) {
      if (picked.indexOf(b.value) < 0) { picked.push(b.value); }
    });
    bar.hidden = picked.length === 0;
    document.getElementById("waive-count").textContent = String(picked.length);
    var cmd = "backcheck waive " + quote(reportPath()) + " " + picked.join(" ");
    if (reason.value.trim()) { cmd += " --reason " + quote(reason.value.trim()); }
    command.textContent = cmd;
    copied.hidden = true;
    return cmd;
  }
  function copyFallback() {
    var range = document.createRange();
    range.selectNodeContents(command);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    try { document.execCommand("copy"); } catch (e) { /* selected: Ctrl-C copies it */ }
  }
  each("input.waive", function (b) { b.addEventListener("change", build); });
  reason.addEventListener("input", build);
  document.getElementById("waive-copy").addEventListener("click", function () {
    var cmd = build();
    var done = function () { copied.hidden = false; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(cmd).then(done, function () { copyFallback(); done(); });
    } else {
      copyFallback();
      done();
    }
  });
}());
