  var ACT = D.actions;
  function chosen(a, id) { var v = isObj(a) ? a[id] : null; return Array.isArray(v) ? v.filter(function (x) { return typeof x === "string" && has(ACT, x); }) : []; }
  function offered() { return ex.actions && ex.actions.length ? ex.actions : D.actionOrder; }
  function ordered(list) { return offered().filter(function (x) { return list.indexOf(x) >= 0; }); }
  judge = function (a) {
    if (!isObj(a)) { return ask(say("ask_inbox")); }
    var missing = ex.items.filter(function (it) { return !chosen(a, it.id).length; }).length;
    if (missing) { return ask(say("inbox_missing", { n: missing })); }
    var right = 0, log = [], details = ex.items.map(function (it) {
      var c = chosen(a, it.id), mustNot = it.must_not || [];
      var ok = it.must.every(function (x) { return c.indexOf(x) >= 0; }) && !c.some(function (x) { return mustNot.indexOf(x) >= 0; });
      if (ok) { right++; }
      var cons = it.consequences || {};
      var happened = ordered(c).map(function (x) { return has(cons, x) ? cons[x] : ACT[x][1]; });
      log.push({ item: it.id, consequences: happened, ok: ok });
      var did = say("inbox_did", { actions: ordered(c).map(function (x) { return ACT[x][0].toLowerCase(); }).join(", ") });
      var why = did + happened.join(" ") + " ";
      if (!ok) {
        var lacking = it.must.filter(function (x) { return c.indexOf(x) < 0; }).map(function (x) { return ACT[x][0].toLowerCase(); });
        var wrong = mustNot.filter(function (x) { return c.indexOf(x) >= 0; }).map(function (x) { return ACT[x][0].toLowerCase(); });
        why += (lacking.length ? say("inbox_needed", { actions: lacking.join(", ") }) : "") + (wrong.length ? say("inbox_not", { actions: wrong.join(", ") }) : "");
      }
      var head = say("heading", { time: it.time, channel: D.channels[it.channel], author: it.author, text: Array.from(it.text).slice(0, 80).join("") });
      return line(head, ok, why + it.why, { hint: did + happened.join(" ") + " " + say("not_right_try"), section: it.section || ex.section || "", source: it.source || "" });
    });
    var all = right === ex.items.length;
    return fb(all, frac(right, ex.items.length), all ? say("inbox_all") : say("inbox_some", { right: right, n: ex.items.length }), details, { log: log });
  };
  collect = function () {
    var o = {};
    ex.items.forEach(function (it) { o[it.id] = qa("input[data-sk-melding='" + it.id + "']:checked").map(function (i) { return i.value; }); });
    return o;
  };
  restore = function (a) {
    ex.items.forEach(function (it) {
      var c = chosen(a, it.id);
      qa("input[data-sk-melding='" + it.id + "']").forEach(function (i) { i.checked = c.indexOf(i.value) >= 0; });
    });
  };
