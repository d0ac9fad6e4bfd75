  judge = function (a) {
    var events = ex.events;
    if (!Array.isArray(a)) { return ask(say("ask_timeline")); }
    var ids = a.map(function (v) { return idx(v, events.length); });
    var unique = ids.filter(function (v, i) { return ids.indexOf(v) === i; });
    if (ids.length !== events.length || ids.indexOf(null) >= 0 || unique.length !== events.length) { return ask(say("ask_timeline")); }
    var right = 0, details = ids.map(function (e, pos) {
      var ok = e === pos;
      if (ok) { right++; }
      return line((pos + 1) + ". " + events[e].text, ok, (ok ? say("timeline_right_place") : say("timeline_should_be", { n: e + 1 })) + say("timeline_when", { when: events[e].when }));
    });
    var all = right === events.length;
    return fb(all, frac(right, events.length), all ? say("timeline_all") : say("timeline_some", { right: right, n: events.length }), details,
      { right_order: events.map(function (e) { return e.when + ": " + e.text; }) });
  };
  var list = q("ol.sk-tidslinje"), status = q(".sk-status");
  collect = function () { return qa("ol.sk-tidslinje > li").map(function (li) { return parseInt(li.getAttribute("data-sk-hendelse"), 10); }); };
  function renumber() {
    var items = qa("ol.sk-tidslinje > li");
    items.forEach(function (li, i) {
      li.querySelector("[data-sk-flytt='opp']").disabled = i === 0;
      li.querySelector("[data-sk-flytt='ned']").disabled = i === items.length - 1;
    });
  }
  list.addEventListener("click", function (e) {
    var b = e.target.closest ? e.target.closest("button[data-sk-flytt]") : null;
    if (!b) { return; }
    var li = b.closest("li"), up = b.getAttribute("data-sk-flytt") === "opp";
    var other = up ? li.previousElementSibling : li.nextElementSibling;
    if (!other) { return; }
    list.insertBefore(up ? li : other, up ? other : li);
    renumber();
    var items = qa("ol.sk-tidslinje > li"), pos = items.indexOf(li) + 1;
    var same = li.querySelector("[data-sk-flytt='" + (up ? "opp" : "ned") + "']");
    (same.disabled ? li.querySelector("[data-sk-flytt='" + (up ? "ned" : "opp") + "']") : same).focus();
    status.textContent = "«" + li.querySelector(".sk-tekst").textContent + "» er nå nummer " + pos + " av " + items.length + ".";
  });
  extraView = function (f, out) {
    if (f.needsInput || f.correct) { return; }
    out.appendChild(el("p", "Riktig rekkefølge:"));
    var ol = el("ol");
    f.extra.right_order.forEach(function (t) { ol.appendChild(el("li", t)); });
    out.appendChild(ol);
  };
  resetKind = function () {
    D.initialOrder.forEach(function (i) { list.appendChild(q("li[data-sk-hendelse='" + i + "']")); });
    status.textContent = "";
    renumber();
  };
  renumber();
  restore = function (a) {
    var n = ex.events.length, order = Array.isArray(a) ? a.map(function (v) { return idx(v, n); }) : [];
    var valid = order.length === n && order.every(function (v, i) { return v !== null && order.indexOf(v) === i; });
    (valid ? order : D.initialOrder).forEach(function (i) { list.appendChild(q("li[data-sk-hendelse='" + i + "']")); });
    renumber();
  };
