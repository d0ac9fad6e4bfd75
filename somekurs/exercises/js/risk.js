  function rating(p) {
    if (!Array.isArray(p) || p.length !== 2) { return null; }
    var l = p[0], c = p[1];
    function ok(v) { return typeof v === "number" && Math.floor(v) === v && v >= 1 && v <= 5; }
    return ok(l) && ok(c) ? [l, c] : null;
  }
  judge = function (a) {
    if (!isObj(a)) { return ask(say("ask_risk")); }
    var rated = {};
    for (var k = 0; k < ex.risks.length; k++) {
      var r0 = rating(a[ex.risks[k].id]);
      if (!r0) { return ask(say("ask_risk")); }
      rated[ex.risks[k].id] = r0;
    }
    var right = 0, details = ex.risks.map(function (r) {
      var l = rated[r.id][0], c = rated[r.id][1], ok = Math.abs(l - r.likelihood) <= D.tolerance && Math.abs(c - r.consequence) <= D.tolerance, w = where(r);
      if (ok) { right++; }
      var said = say("risk_said", { l: l, c: c });
      return line(r.text, ok, said + say("risk_ours", { kl: r.likelihood, kc: r.consequence }) + say(ok ? "risk_near" : "risk_far") + r.why,
        { hint: said + say("not_right_try"), section: w.section, source: w.source });
    });
    var all = right === ex.risks.length;
    return fb(all, frac(right, ex.risks.length), all ? say("risk_all") : say("risk_some", { right: right, n: ex.risks.length }), details, { rated: rated });
  };
  collect = function () {
    var o = {};
    ex.risks.forEach(function (r) {
      var l = q("select[data-sk-risiko='" + r.id + "-s']").value, c = q("select[data-sk-risiko='" + r.id + "-k']").value;
      o[r.id] = [l ? parseInt(l, 10) : null, c ? parseInt(c, 10) : null];
    });
    return o;
  };
  function clearMatrix() { qa("td[data-sk-celle] .sk-merke").forEach(function (m) { m.textContent = ""; }); }
  extraView = function (f) {
    clearMatrix();
    if (f.needsInput) { return; }
    ex.risks.forEach(function (r, i) {
      var p = f.extra.rated[r.id];
      var mine = q("td[data-sk-celle='" + p[0] + "-" + p[1] + "'] .sk-merke");
      var ours = q("td[data-sk-celle='" + r.likelihood + "-" + r.consequence + "'] .sk-merke");
      mine.textContent += say("marker_yours_js", { n: i + 1 });
      ours.textContent += say("marker_ours_js", { n: i + 1 });
    });
  };
  resetKind = clearMatrix;
  restore = function (a) {
    ex.risks.forEach(function (r) {
      var pair = isObj(a) && Array.isArray(a[r.id]) ? a[r.id] : [];
      ["s", "k"].forEach(function (axis, j) {
        var v = pair[j], s = q("select[data-sk-risiko='" + r.id + "-" + axis + "']");
        s.value = (typeof v === "number" && v >= 1 && v <= 5 && Math.floor(v) === v) ? String(v) : "";
      });
    });
  };
