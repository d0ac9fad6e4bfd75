  judge = function (a) {
    if (!isObj(a) || ex.checks.some(function (c) { return typeof a[c.id] !== "boolean"; })) { return ask(say("ask_check")); }
    var right = 0, details = ex.checks.map(function (c) {
      var ok = a[c.id] === c.met, w = where(c);
      if (ok) { right++; }
      var told = say("check_said", { said: say(a[c.id] ? "met" : "not_met") });
      return line(c.text, ok, say("check_fact", { fact: say(c.met ? "met" : "not_met") }) + c.why,
        { hint: told + say("not_right_try"), section: w.section, source: w.source });
    });
    var all = right === ex.checks.length;
    return fb(all, frac(right, ex.checks.length), all ? say("check_all") : say("check_some", { right: right, n: ex.checks.length }), details);
  };
  collect = function () {
    var o = {};
    ex.checks.forEach(function (c) {
      var r = q("input[name='sk-" + ID + "-punkt-" + c.id + "']:checked");
      o[c.id] = r ? r.value === "ja" : null;
    });
    return o;
  };
  restore = function (a) {
    ex.checks.forEach(function (c) {
      var v = isObj(a) ? a[c.id] : null;
      qa("input[name='sk-" + ID + "-punkt-" + c.id + "']").forEach(function (r) {
        r.checked = (v === true && r.value === "ja") || (v === false && r.value === "nei");
      });
    });
  };
