  judge = function (a) {
    var risks = ex.risks;
    if (!Array.isArray(a) || a.length !== risks.length) { return ask(say("ask_risk")); }
    var rated = [];
    for (var k = 0; k < a.length; k++) {
      var p = a[k];
      if (!Array.isArray(p) || p.length !== 2) { return ask(say("ask_risk")); }
      var l = idx(p[0], 6), c = idx(p[1], 6);
      if (l === null || c === null || l < 1 || c < 1) { return ask(say("ask_risk")); }
      rated.push([l, c]);
    }
    var right = 0, details = risks.map(function (r, i) {
      var l = rated[i][0], c = rated[i][1], ok = Math.abs(l - r.likelihood) <= D.tolerance && Math.abs(c - r.consequence) <= D.tolerance;
      if (ok) { right++; }
      return line(r.text, ok, say("risk_line", { l: l, c: c, kl: r.likelihood, kc: r.consequence }) + say(ok ? "risk_near" : "risk_far") + r.why);
    });
    var all = right === risks.length;
    return fb(all, frac(right, risks.length), all ? say("risk_all") : say("risk_some", { right: right, n: risks.length }), details, { rated: rated });
  };
  collect = function () {
    return ex.risks.map(function (_, i) {
      var l = q("select[data-sk-risiko='" + i + "-s']").value, c = q("select[data-sk-risiko='" + i + "-k']").value;
      return [l ? parseInt(l, 10) : null, c ? parseInt(c, 10) : null];
    });
  };
  function clearMatrix() { qa("td[data-sk-celle] .sk-merke").forEach(function (m) { m.textContent = ""; }); }
  extraView = function (f) {
    clearMatrix();
    if (f.needsInput) { return; }
    f.extra.rated.forEach(function (p, i) {
      var mine = q("td[data-sk-celle='" + p[0] + "-" + p[1] + "'] .sk-merke");
      var ours = q("td[data-sk-celle='" + ex.risks[i].likelihood + "-" + ex.risks[i].consequence + "'] .sk-merke");
      mine.textContent += " R" + (i + 1) + " (du)";
      ours.textContent += " R" + (i + 1) + " (vår)";
    });
  };
  resetKind = clearMatrix;
  restore = function (a) {
    ex.risks.forEach(function (_, i) {
      var pair = Array.isArray(a) && Array.isArray(a[i]) ? a[i] : [];
      ["s", "k"].forEach(function (axis, j) {
        var v = pair[j], s = q("select[data-sk-risiko='" + i + "-" + axis + "']");
        s.value = (typeof v === "number" && v >= 1 && v <= 5 && Math.floor(v) === v) ? String(v) : "";
      });
    });
  };
