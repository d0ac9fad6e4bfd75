  judge = function (a) {
    var items = ex.items, labels = {};
    ex.categories.forEach(function (c) { labels[c.id] = c.label; });
    if (a && typeof a === "object" && !Array.isArray(a)) { var o = a; a = items.map(function (_, i) { return has(o, String(i)) ? o[String(i)] : undefined; }); }
    if (!Array.isArray(a)) { return ask(say("ask_sort", { n: items.length })); }
    var missing = a.slice(0, items.length).filter(function (c) { return !has(labels, c); }).length + Math.max(0, items.length - a.length);
    if (a.length !== items.length || missing) { return ask(say("ask_sort", { n: Math.max(missing, 1) })); }
    var right = 0, details = items.map(function (it, i) {
      var ok = a[i] === it.category;
      if (ok) { right++; }
      return line(it.text, ok, say("sort_chosen", { chosen: labels[a[i]] }) + (ok ? "" : say("sort_right_is", { right: labels[it.category] })) + it.why);
    });
    var all = right === items.length;
    return fb(all, frac(right, items.length), all ? say("sort_all") : say("sort_some", { right: right, n: items.length }), details);
  };
  collect = function () { return qa("select[data-sk-punkt]").map(function (s) { return s.value; }); };
  restore = function (a) {
    var known = ex.categories.map(function (c) { return c.id; });
    qa("select[data-sk-punkt]").forEach(function (s, i) {
      var v = Array.isArray(a) ? a[i] : "";
      s.value = known.indexOf(v) >= 0 ? v : "";
    });
  };
