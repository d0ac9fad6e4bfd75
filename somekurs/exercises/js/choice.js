  judge = function (a) {
    var opts = byId(ex.options), multiple = !!ex.multiple;
    if (a === null || a === undefined || a === "" || (Array.isArray(a) && a.length === 0)) { return ask(say(multiple ? "ask_choice_many" : "ask_choice_one")); }
    var raw = Array.isArray(a) ? a : [a];
    if (!raw.every(function (v) { return typeof v === "string" && has(opts, v); })) { return ask(say("ask_choice_known")); }
    var picked = raw.filter(function (v, i) { return raw.indexOf(v) === i; });
    if (!multiple && picked.length > 1) { return ask(say("ask_choice_single")); }
    if (multiple) {
      var right = 0, details = [];
      ex.options.forEach(function (o) {
        var ticked = picked.indexOf(o.id) >= 0, ok = ticked === o.correct, w = where(o);
        if (ok) { right++; }
        if (ticked && ok) { details.push(line(o.text, true, say("ticked_right") + o.feedback, w)); }
        else if (ticked) { var why = say("ticked_wrong") + o.feedback; details.push(line(o.text, false, why, { hint: why, section: w.section, source: w.source })); }
        else if (o.correct) { details.push(line(o.text, false, say("missed") + o.feedback, { section: w.section, source: w.source, solutionOnly: true })); }
      });
      var size = ex.options.length, all = right === size;
      return fb(all, frac(right, size), all ? say("choice_all_right") : say("choice_some_wrong", { wrong: size - right, size: size }), details);
    }
    var o = opts[picked[0]], w = where(o);
    return fb(!!o.correct, o.correct ? 1 : 0, say(o.correct ? "choice_right" : "choice_wrong"),
      [line(o.text, !!o.correct, o.feedback, { hint: o.feedback, section: w.section, source: w.source })]);
  };
  collect = function () {
    var v = qa("input[data-sk-valg]:checked").map(function (i) { return i.value; });
    return ex.multiple ? v : (v.length ? v[0] : null);
  };
  restore = function (a) {
    var picked = Array.isArray(a) ? a : [a];
    qa("input[data-sk-valg]").forEach(function (i) { i.checked = picked.indexOf(i.value) >= 0; });
  };
