  function goals() { return Array.isArray(ex.expected) ? ex.expected : [ex.expected]; }
  function leads(from, targets) {
    var seen = {}, todo = [from];
    while (todo.length) {
      var n = todo.pop();
      if (targets.indexOf(n) >= 0) { return true; }
      if (seen[n] || !has(ex.nodes, n)) { continue; }
      seen[n] = true;
      (ex.nodes[n].options || []).forEach(function (o) { todo.push(o.next); });
    }
    return false;
  }
  function optionOf(node, id) { return (ex.nodes[node].options || []).filter(function (o) { return o.id === id; })[0] || null; }
  judge = function (a) {
    if (!Array.isArray(a) || !a.length) { return ask(say("ask_decision")); }
    var nodes = ex.nodes, node = ex.start, taken = [];
    for (var k = 0; k < a.length; k++) {
      if (!(nodes[node].options || []).length) { break; }
      var o = typeof a[k] === "string" ? optionOf(node, a[k]) : null;
      if (!o) { return ask(say("ask_decision_option", { question: nodes[node].question })); }
      taken.push([node, o]);
      node = o.next;
    }
    if (!has(nodes[node], "outcome")) { return ask(say("ask_decision_next", { question: nodes[node].question })); }
    var g = goals(), right = 0, details = taken.map(function (t) {
      var o = t[1], ok = leads(o.next, g);
      if (ok) { right++; }
      return line(say("decision_line", { question: nodes[t[0]].question, label: o.label }), ok, o.why,
        { hint: say("not_right_try"), section: o.section || nodes[t[0]].section || ex.section || "", source: o.source || "" });
    });
    var correct = g.indexOf(node) >= 0, out = nodes[node], sum;
    details.push(line(say("outcome_line", { outcome: out.outcome }), correct, out.why || "",
      { hint: out.why || "", section: out.section || ex.section || "", source: out.source || "" }));
    if (correct) { sum = say("decision_right", { outcome: out.outcome }); }
    else {
      var goal = nodes[g[0]];
      sum = say("decision_wrong_hint", { reached: out.outcome });
      details.push(line(say("expected_line", { outcome: goal.outcome }), null, goal.why || "", { solutionOnly: true }));
    }
    return fb(correct, correct ? 1 : frac(right, taken.length), sum, details, { reached: node });
  };
  function path() {
    var name = ex.start, chosen = [], shownNodes = {}, guard = 0;
    while (guard++ < 1000) {
      shownNodes[name] = true;
      var box = q("[data-sk-node='" + D.nodeIds[name] + "']");
      var c = box ? box.querySelector("input:checked") : null;
      if (!c) { break; }
      var o = optionOf(name, c.value);
      if (!o) { break; }
      chosen.push(o.id);
      name = o.next;
      if (has(ex.nodes[name], "outcome")) { break; }
    }
    qa("[data-sk-node]").forEach(function (b) { b.hidden = !shownNodes[b.getAttribute("data-sk-navn")]; });
    return chosen;
  }
  collect = function () { return path(); };
  root.addEventListener("change", function (e) { if (e.target && e.target.closest && e.target.closest("[data-sk-node]")) { path(); } });
  resetKind = function () { qa("[data-sk-node]").forEach(function (b) { b.hidden = b.getAttribute("data-sk-navn") !== ex.start; }); };
  restore = function (a) {
    qa("[data-sk-node] input").forEach(function (i) { i.checked = false; });
    var name = ex.start;
    for (var k = 0; Array.isArray(a) && k < a.length; k++) {
      if (!has(ex.nodes, name) || has(ex.nodes[name], "outcome")) { break; }
      var o = typeof a[k] === "string" ? optionOf(name, a[k]) : null;
      var box = q("[data-sk-node='" + D.nodeIds[name] + "']");
      var radio = (!o || !box) ? null : box.querySelector("input[value='" + o.id + "']");
      if (!radio) { break; }
      radio.checked = true;
      name = o.next;
    }
    path();
  };
