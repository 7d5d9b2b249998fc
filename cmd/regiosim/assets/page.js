// regiosim serve: the what-if page. Every change of a number or a switch
// asks the server for the results of the new settings and puts them in
// place, without reloading the page; the address keeps the settings, so a
// link shows the same view. Without JavaScript the form works as it is: a
// full page per change.
(function () {
  "use strict";
  var form = document.getElementById("controls");
  var results = document.getElementById("results");
  if (!form || !results || !window.fetch) { return; }
  var timer = null, seq = 0;
  function query() {
    var q = new URLSearchParams(new FormData(form));
    return q.toString();
  }
  function update() {
    var q = query(), mine = ++seq;
    fetch("/?" + q + "&partial=1", { headers: { "Accept": "text/html" } })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        if (mine !== seq) { return; } // a later change answered already
        results.innerHTML = html;
        history.replaceState(null, "", "/?" + q);
        var d = document.getElementById("download"), w = document.getElementById("workbook"), s = document.getElementById("save");
        if (d) { d.href = "/download/report.html?" + q; }
        if (w) { w.href = "/download/regiosim.xlsx?" + q; }
        if (s) { s.action = "/save?" + q; }
        document.body.dataset.updated = String(mine);
      });
  }
  function later() { clearTimeout(timer); timer = setTimeout(update, 60); }
  form.addEventListener("input", function (e) {
    var t = e.target;
    if (t.dataset && t.dataset.for) { // a slider moves its number
      document.getElementById(t.dataset.for).value = t.value;
    } else if (t.type === "number") {
      var r = document.getElementById("r-" + t.id.slice(2));
      if (r) { r.value = t.value; }
    }
    later();
  });
  form.addEventListener("change", later);
  form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
})();
