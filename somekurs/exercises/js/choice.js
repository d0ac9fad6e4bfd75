  judge = function (a) {
    var opts = ex.options, size = opts.length, multiple = !!ex.multiple;
    if (a === null || a === undefined || (Array.isArray(a) && a.length === 0)) { return ask(say(multiple ? "ask_choice_many" : "ask_choice_one")); }
    var raw = Array.isArray(a) ? a : [a], picked = [];
    for (var k = 0; k < raw.length; k++) {
      var v = idx(raw[k], size);
      if (v === null) { return ask(say("ask_choice_known")); }
      if (picked.indexOf(v) < 0) { picked.push(v); }
    }
    if (!multiple && picked.length > 1) { return ask(say("ask_choice_single")); }
    var details = [];
    if (multiple) {
      var right = 0;
      opts.forEach(function (o, i) {
        var ticked = picked.indexOf(i) >= 0, ok = ticked === o.correct;
        if (ok) { right++; }
        if (ticked || o.correct) { details.push(line(o.text, ok, (ticked ? "" : say("not_ticked")) + o.feedback)); }
      });
      var all = right === size;
      return fb(all, frac(right, size), all ? say("choice_all_right") : say("choice_some_wrong", { wrong: size - right, size: size }), details);
    }
    var o = opts[picked[0]];
    return fb(!!o.correct, o.correct ? 1 : 0, say(o.correct ? "choice_right" : "choice_wrong"), [line(o.text, !!o.correct, o.feedback)]);
  };
  collect = function () {
    var v = qa("input[data-sk-valg]:checked").map(function (i) { return parseInt(i.value, 10); });
    return ex.multiple ? v : (v.length ? v[0] : null);
  };
  restore = function (a) {
    var picked = (Array.isArray(a) ? a : [a]).map(function (v) { return idx(v, ex.options.length); });
    qa("input[data-sk-valg]").forEach(function (i) { i.checked = picked.indexOf(parseInt(i.value, 10)) >= 0; });
  };
