  // The story is played step by step: a choice shows its consequence and opens the next step.
  function choiceOf(step, id) { return (ex.steps[step].choices || []).filter(function (c) { return c.id === id; })[0] || null; }
  var memo = {};
  function best(node) {
    if (has(ex.endings, node)) { return 0; }
    if (!has(memo, node)) { memo[node] = Math.max.apply(null, ex.steps[node].choices.map(function (c) { return c.points + best(c.next); })); }
    return memo[node];
  }
  judge = function (a) {
    if (!Array.isArray(a) || !a.length) { return ask(say("ask_scenario")); }
    var node = ex.start, taken = [];
    for (var k = 0; k < a.length; k++) {
      if (has(ex.endings, node)) { break; }
      var c = typeof a[k] === "string" ? choiceOf(node, a[k]) : null;
      if (!c) { return ask(say("ask_scenario")); }
      taken.push([node, c]);
      node = c.next;
    }
    if (!has(ex.endings, node)) { return ask(say("scenario_unfinished", { step: Array.from(ex.steps[node].text).slice(0, 60).join("") })); }
    var got = 0, details = taken.map(function (t, n) {
      var c = t[1], choices = ex.steps[t[0]].choices;
      got += c.points;
      var top = choices[0];
      choices.forEach(function (x) { var v = x.points + best(x.next), tv = top.points + best(top.next); if (v > tv || (v === tv && x.points > top.points)) { top = x; } });
      var why = say({ 2: "scenario_good", 1: "scenario_ok", 0: "scenario_poor" }[c.points]) + c.why;
      if (top.id !== c.id && c.points < 2) { why += " " + say("scenario_better", { better: top.text, why: top.why }); }
      return line(say("scenario_step", { n: n + 1, choice: c.text }), c.points === 2, why, { hint: why, section: c.section || ex.section || "", source: c.source || "" });
    });
    var b = best(ex.start), end = ex.endings[node];
    return fb(end.rating === "good" && got === b, b ? Math.round(got / b * 1000) / 1000 : 0, say("scenario_done", { ending: end.title, got: got, best: b }), details,
      { ending: node, got: got, best: b });
  };
  var path = [];
  function play() {
    qa("[data-sk-steg]").forEach(function (f) { f.hidden = true; f.querySelector(".sk-folge").hidden = true; });
    qa("[data-sk-slutt]").forEach(function (f) { f.hidden = true; });
    var node = ex.start, last = null;
    for (var k = 0; k <= path.length; k++) {
      var box = has(ex.endings, node) ? q("[data-sk-slutt='" + node + "']") : q("[data-sk-steg='" + node + "']");
      if (!box) { break; }
      box.hidden = false;
      var f = box.querySelector(".sk-folge");
      if (last) { f.textContent = say("consequence_js", { consequence: last.consequence }); f.hidden = false; }
      if (has(ex.endings, node) || k === path.length) { break; }
      var c = choiceOf(node, path[k]);
      if (!c) { path = path.slice(0, k); break; }
      box.querySelectorAll("input").forEach(function (i) { i.checked = i.value === c.id; i.disabled = true; });
      last = c;
      node = c.next;
    }
  }
  root.addEventListener("change", function (e) {
    var box = e.target && e.target.closest ? e.target.closest("[data-sk-steg]") : null;
    if (!box || e.target.disabled) { return; }
    path.push(e.target.value);
    play();
    var next = qa("[data-sk-steg]:not([hidden]), [data-sk-slutt]:not([hidden])").pop();
    if (next) { var first = next.querySelector("input:not([disabled])"); if (first) { first.focus(); } }
  });
  collect = function () { return path.slice(); };
  restore = function (a) { path = Array.isArray(a) ? a.filter(function (v) { return typeof v === "string"; }) : []; resetInputs(); play(); };
  function resetInputs() { qa("[data-sk-steg] input").forEach(function (i) { i.checked = false; i.disabled = false; }); }
  resetKind = function () { path = []; resetInputs(); play(); };
  extraView = function (f, out) {
    if (f.needsInput) { return; }
    var end = ex.endings[f.extra.ending];
    var p = el("p", null, "sk-slutt");
    p.appendChild(el("strong", say({ good: "rating_good", mixed: "rating_mixed", bad: "rating_bad" }[end.rating]) + ": " + end.title + "."));
    p.appendChild(document.createTextNode(" " + end.text));
    out.appendChild(p);
  };
  play();
