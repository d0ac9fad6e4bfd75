  judge = function (a) {
    var checks = ex.checks;
    if (!Array.isArray(a) || a.length !== checks.length || a.some(function (v) { return typeof v !== "boolean"; })) { return ask(say("ask_check")); }
    var right = 0, details = checks.map(function (c, i) {
      var ok = a[i] === c.met;
      if (ok) { right++; }
      return line(c.text, ok, say("check_fact", { fact: say(c.met ? "met" : "not_met") }) + c.why);
    });
    var all = right === checks.length;
    return fb(all, frac(right, checks.length), all ? say("check_all") : say("check_some", { right: right, n: checks.length }), details);
  };
  collect = function () {
    return ex.checks.map(function (_, i) {
      var c = q("input[name='sk-" + ID + "-punkt-" + i + "']:checked");
      return c ? c.value === "ja" : null;
    });
  };
  restore = function (a) {
    ex.checks.forEach(function (_, i) {
      var v = Array.isArray(a) ? a[i] : null;
      qa("input[name='sk-" + ID + "-punkt-" + i + "']").forEach(function (r) {
        r.checked = (v === true && r.value === "ja") || (v === false && r.value === "nei");
      });
    });
  };
