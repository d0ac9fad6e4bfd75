  judge = function (a) {
    var events = ex.events, place = {}, by = byId(events);
    events.forEach(function (e, i) { place[e.id] = i; });
    if (!Array.isArray(a) || a.length !== events.length || !a.every(function (v) { return typeof v === "string" && has(place, v); }) ||
        a.filter(function (v, i) { return a.indexOf(v) === i; }).length !== events.length) { return ask(say("ask_timeline")); }
    var right = 0, details = a.map(function (id, pos) {
      var ok = place[id] === pos, e = by[id];
      if (ok) { right++; }
      var why = (ok ? say("timeline_right_place") : say("timeline_should_be", { n: place[id] + 1 })) + say("timeline_when", { when: e.when }) + (e.why ? " " + e.why : "");
      return line((pos + 1) + ". " + e.text, ok, why, { hint: say("timeline_not_here"), section: ex.section || "", source: e.source || "" });
    });
    var all = right === events.length;
    return fb(all, frac(right, events.length), all ? say("timeline_all") : say("timeline_some", { right: right, n: events.length }), details,
      { right_order: events.map(function (e) { return e.when + ": " + e.text; }) });
  };
  var list = q("ol.sk-tidslinje"), status = q(".sk-status");
  collect = function () { return qa("ol.sk-tidslinje > li").map(function (li) { return li.getAttribute("data-sk-id"); }); };
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
    draft();
    var items = qa("ol.sk-tidslinje > li"), pos = items.indexOf(li) + 1;
    var same = li.querySelector("[data-sk-flytt='" + (up ? "opp" : "ned") + "']");
    (same.disabled ? li.querySelector("[data-sk-flytt='" + (up ? "ned" : "opp") + "']") : same).focus();
    status.textContent = say("moved", { text: li.querySelector(".sk-tekst").textContent, pos: pos, n: items.length });
  });
  extraView = function (f, out, full) {
    if (f.needsInput || f.correct || !full) { return; }
    out.appendChild(el("p", say("right_order")));
    var ol = el("ol");
    f.extra.right_order.forEach(function (t) { ol.appendChild(el("li", t)); });
    out.appendChild(ol);
  };
  resetKind = function () { shuffleLists(); status.textContent = ""; renumber(); };
  restore = function (a) {
    var ids = ex.events.map(function (e) { return e.id; });
    var valid = Array.isArray(a) && a.length === ids.length && a.every(function (v, i) { return ids.indexOf(v) >= 0 && a.indexOf(v) === i; });
    if (valid) { a.forEach(function (id) { list.appendChild(q("li[data-sk-id='" + id + "']")); }); }
    renumber();
  };
  setTimeout(renumber, 0);
