  function leads(from, goal) {
    var seen = {}, todo = [from];
    while (todo.length) {
      var n = todo.pop();
      if (n === goal) { return true; }
      if (seen[n] || !has(ex.nodes, n)) { continue; }
      seen[n] = true;
      (ex.nodes[n].options || []).forEach(function (o) { todo.push(o.next); });
    }
    return false;
  }
  judge = function (a) {
    if (!Array.isArray(a) || !a.length) { return ask(say("ask_decision")); }
    var nodes = ex.nodes, node = ex.start, taken = [];
    for (var k = 0; k < a.length; k++) {
      var opts = nodes[node].options || [];
      if (!opts.length) { break; }
      var i = idx(a[k], opts.length);
      if (i === null && typeof a[k] === "string") { var labels = opts.map(function (o) { return o.label; }); i = labels.indexOf(a[k]) >= 0 ? labels.indexOf(a[k]) : null; }
      if (i === null) { return ask(say("ask_decision_option", { question: nodes[node].question })); }
      taken.push([node, i]);
      node = opts[i].next;
    }
    if (!has(nodes[node], "outcome")) { return ask(say("ask_decision_next", { question: nodes[node].question })); }
    var right = 0, details = taken.map(function (t) {
      var o = nodes[t[0]].options[t[1]], ok = leads(o.next, ex.expected);
      if (ok) { right++; }
      return line(say("decision_line", { question: nodes[t[0]].question, label: o.label }), ok, say(ok ? "decision_toward" : "decision_away"));
    });
    var correct = node === ex.expected, out = nodes[node], sum;
    details.push(line(say("outcome_line", { outcome: out.outcome }), correct, out.why || ""));
    if (correct) { sum = say("decision_right", { outcome: out.outcome }); }
    else {
      var goal = nodes[ex.expected];
      sum = say("decision_wrong", { reached: out.outcome, expected: goal.outcome });
      details.push(line(say("expected_line", { outcome: goal.outcome }), null, goal.why || ""));
    }
    return fb(correct, correct ? 1 : frac(right, taken.length), sum, details, { reached: node });
  };
  function path() {
    var name = ex.start, chosen = [], shown = {}, guard = 0;
    while (guard++ < 1000) {
      shown[name] = true;
      var box = q("[data-sk-node='" + D.nodeIds[name] + "']");
      var c = box ? box.querySelector("input:checked") : null;
      if (!c) { break; }
      var i = parseInt(c.value, 10);
      chosen.push(i);
      name = ex.nodes[name].options[i].next;
      if (has(ex.nodes[name], "outcome")) { break; }
    }
    qa("[data-sk-node]").forEach(function (b) { b.hidden = !shown[b.getAttribute("data-sk-navn")]; });
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
      var opts = ex.nodes[name].options || [], i = idx(a[k], opts.length);
      if (i === null && typeof a[k] === "string") { i = opts.map(function (o) { return o.label; }).indexOf(a[k]); i = i < 0 ? null : i; }
      var box = q("[data-sk-node='" + D.nodeIds[name] + "']");
      var radio = (i === null || !box) ? null : box.querySelector("input[value='" + i + "']");
      if (!radio) { break; }
      radio.checked = true;
      name = opts[i].next;
    }
    path();
  };
