  judge = function (a) {
    var labels = {};
    ex.categories.forEach(function (c) { labels[c.id] = c.label; });
    if (!isObj(a)) { return ask(say("ask_sort", { n: ex.items.length })); }
    var missing = ex.items.filter(function (it) { var v = a[it.id]; return !(typeof v === "string" && has(labels, v)); }).length;
    if (missing) { return ask(say("ask_sort", { n: missing })); }
    var right = 0, details = ex.items.map(function (it) {
      var c = a[it.id], ok = c === it.category || (it.also || []).indexOf(c) >= 0, w = where(it), said = say("sort_chosen", { chosen: labels[c] });
      if (ok) {
        right++;
        var also = [it.category].concat(it.also || []).filter(function (x) { return x !== c; }).sort();
        return line(it.text, true, said + (also.length ? say("sort_also", { also: labels[also[0]] }) : "") + it.why, w);
      }
      return line(it.text, false, said + say("sort_right_is", { right: labels[it.category] }) + it.why,
        { hint: said + say("not_right_try"), section: w.section, source: w.source });
    });
    var all = right === ex.items.length;
    return fb(all, frac(right, ex.items.length), all ? say("sort_all") : say("sort_some", { right: right, n: ex.items.length }), details);
  };
  collect = function () { var o = {}; qa("select[data-sk-punkt]").forEach(function (s) { o[s.getAttribute("data-sk-punkt")] = s.value || null; }); return o; };
  restore = function (a) {
    var known = ex.categories.map(function (c) { return c.id; });
    qa("select[data-sk-punkt]").forEach(function (s) {
      var v = isObj(a) ? a[s.getAttribute("data-sk-punkt")] : "";
      s.value = known.indexOf(v) >= 0 ? v : "";
    });
  };
