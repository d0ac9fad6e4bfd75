(function () {
  "use strict";
  // Kursprøve in the static book and in a SCORM package: draws the items of an attempt, shows them
  // with the exercise engine's own controls (each item's HTML from html.exercise_html, its script
  // from common.js), hides «Sjekk svaret» and every item's feedback until the attempt is handed in,
  // then judges each answer with window.somekursOppgaver[id].judge and shows the result, the
  // feedback with the solution, the sections to read again, and the record (kursbevis).
  var root = document.getElementById("sk-prove");
  if (!root || root.getAttribute("data-sk-klar")) { return; }
  root.setAttribute("data-sk-klar", "ja");
  var C = JSON.parse(document.getElementById("sk-prove-data").textContent);
  function q(s) { return root.querySelector(s); }
  function qa(s, from) { return Array.prototype.slice.call((from || root).querySelectorAll(s)); }
  function el(tag, txt, cls) { var e = document.createElement(tag); if (txt) { e.textContent = txt; } if (cls) { e.className = cls; } return e; }
  function has(o, k) { return o !== null && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k); }
  function fill(t, o) { return t.replace(/\{(\w+)\}/g, function (m, n) { return has(o, n) ? String(o[n]) : m; }); }
  var idle = q(".sk-ikke-startet"); if (idle) { idle.parentNode.removeChild(idle); }

  // --- where the state is kept: the learning platform (SCORM, through the package's shell) or this browser
  var KEY = "somekurs-kursprove";
  function platform() {
    try { if (window.parent && window.parent !== window && window.parent.somekursScorm) { return window.parent.somekursScorm; } } catch (e) { /* another origin */ }
    return window.somekursScorm || null;
  }
  var lms = platform();
  function emptyState() { return { open: {}, results: [] }; }
  function readState() {
    var s = null;
    try { s = lms ? lms.loadTests() : JSON.parse(window.localStorage.getItem(KEY) || "null"); } catch (e) { s = null; }
    if (!s || typeof s !== "object" || typeof s.open !== "object" || !Array.isArray(s.results)) { s = emptyState(); }
    return s;
  }
  var state = readState();
  function writeState() {
    try { if (lms) { lms.saveTests(state); } else { window.localStorage.setItem(KEY, JSON.stringify(state)); } } catch (e) { /* storage off or full */ }
  }

  // --- drawing ------------------------------------------------------------------------------------
  function random(n) {
    if (window.crypto && window.crypto.getRandomValues) { var a = new Uint32Array(1); window.crypto.getRandomValues(a); return a[0] % n; }
    return Math.floor(Math.random() * n);
  }
  function sample(list, k) { var pool = list.slice(), out = []; while (out.length < k && pool.length) { out.push(pool.splice(random(pool.length), 1)[0]); } return out; }
  function hex(n) { var s = ""; for (var i = 0; i < n; i++) { s += random(16).toString(16); } return s; }
  function draw(rules) {
    var chosen = [];
    rules.themes.forEach(function (t) { chosen = chosen.concat(sample(C.byTheme[t] || [], rules.perTheme)); });
    return chosen;
  }

  // --- showing the items of an attempt --------------------------------------------------------------
  var current = null;  // {scope, attempt, items, answers}
  var list = q(".sk-prove-oppgaver");
  function forgetEngineAnswer(id) {
    try {
      var gone = [];
      for (var i = 0; i < window.localStorage.length; i++) { var k = window.localStorage.key(i); if (k && k.indexOf("somekurs-svar:" + id + ":") === 0) { gone.push(k); } }
      gone.forEach(function (k) { window.localStorage.removeItem(k); });
    } catch (e) { /* nothing kept */ }
  }
  function mount(id, n, total) {
    var item = C.items[id];
    var li = el("li", null, "sk-prove-oppgave");
    li.setAttribute("data-sk-prove-id", id);
    li.appendChild(el("p", fill(C.texts.itemHeading, { n: n, total: total, theme: C.titles[item.theme] }), "sk-prove-nummer"));
    var t = document.getElementById("sk-prove-t-" + id);
    li.appendChild(document.importNode(t.content, true));
    list.appendChild(li);
    forgetEngineAnswer(id);
    var s = document.createElement("script");
    s.textContent = C.scripts[item.kind].split("__SK_ID__").join(id);
    li.appendChild(s);  // runs the engine's script for this item (its judge, controls and shuffle)
    var form = li.querySelector("form");
    if (form) { form.setAttribute("aria-label", fill(C.texts.itemHeading, { n: n, total: total, theme: C.titles[item.theme] })); }
  }
  function engine(id) { return (window.somekursOppgaver || {})[id]; }
  function show(attempt) {
    current = attempt;
    list.textContent = "";
    q(".sk-prove-resultat").textContent = "";
    q(".sk-prove-svar").textContent = "";
    attempt.items.forEach(function (id, i) { mount(id, i + 1, attempt.items.length); });
    attempt.items.forEach(function (id) {
      var e = engine(id);
      if (e && e.restore && has(attempt.answers, id)) { try { e.restore(attempt.answers[id]); } catch (x) { /* answer again */ } }
    });
    q(".sk-prove-lever").hidden = false;
    q(".sk-prove-bekreft").hidden = true;
    q(".sk-prove-start").hidden = true;
    root.setAttribute("data-sk-prove-fase", "svarer");
    say(fill(C.texts.started, { n: attempt.items.length, scope: C.scopeTitles[attempt.scope] }));
  }
  function say(t) { q(".sk-prove-status").textContent = t; }
  function collectAll() {
    var out = {};
    current.items.forEach(function (id) { var e = engine(id); if (e) { try { out[id] = e.collect(); } catch (x) { /* not readable */ } } });
    return out;
  }
  var pending = null;
  function keep() {
    if (!current) { return; }
    if (pending) { clearTimeout(pending); }
    pending = setTimeout(function () { pending = null; if (current) { current.answers = collectAll(); state.open[current.scope] = current; writeState(); } }, 300);
  }
  // No item is checked before the attempt is handed in: Enter in a field would submit the item's form.
  root.addEventListener("submit", function (e) { e.preventDefault(); e.stopPropagation(); }, true);
  root.addEventListener("input", keep);
  root.addEventListener("change", keep);

  function start(scope) {
    var rules = C.rules[scope];
    var attempt = { scope: scope, attempt: hex(8), items: draw(rules), answers: {} };
    state.open[scope] = attempt;
    writeState();
    show(attempt);
    if (lms && lms.location) { lms.location(); }
    var first = list.querySelector("input, select, textarea");
    if (first) { first.focus(); }
  }

  // --- handing in ---------------------------------------------------------------------------------------
  function judged(id, a) {
    var e = engine(id);
    if (!e) { return { correct: null, needsInput: true, summary: C.texts.unanswered, details: [] }; }
    try { return e.judge(a); } catch (x) { return { correct: null, needsInput: true, summary: C.texts.unanswered, details: [] }; }
  }
  function finish(confirmed) {
    if (!current) { return; }
    var answers = collectAll();
    var missing = [];
    current.items.forEach(function (id, i) { if (judged(id, answers[id]).needsInput) { missing.push(i + 1); } });
    var box = q(".sk-prove-bekreft");
    if (missing.length && !confirmed) {
      box.hidden = false;
      box.querySelector("p").textContent = fill(C.texts.missing, { list: missing.join(", ") });
      box.querySelector("button").focus();
      return;
    }
    box.hidden = true;
    var rules = C.rules[current.scope], themes = {}, feedback = {}, revisit = {};
    current.items.forEach(function (id) {
      var item = C.items[id], f = judged(id, answers[id]);
      feedback[id] = f;
      var row = themes[item.theme] || (themes[item.theme] = { right: 0, total: 0, passed: false });
      row.total += 1;
      if (f.correct === true) { row.right += 1; }
      else { var r = revisit[item.theme] || (revisit[item.theme] = []); if (r.indexOf(item.section) < 0) { r.push(item.section); } }
    });
    var right = 0, total = 0, all = true;
    Object.keys(themes).forEach(function (t) {
      var row = themes[t];
      row.passed = row.right >= Math.min(rules.themePass, row.total);
      right += row.right; total += row.total; all = all && row.passed;
    });
    var result = { attempt: current.attempt, scope: current.scope, date: today(), right: right, total: total,
      passed: total > 0 && all && right >= Math.min(rules.totalPass, total), themes: themes };
    state.results.push(result);
    delete state.open[current.scope];
    current.answers = answers;
    writeState();
    if (lms && lms.report) { lms.report(result, C.rules[current.scope]); }
    qa(".sk-prove-oppgave form > fieldset").forEach(function (f) { f.disabled = true; });
    q(".sk-prove-lever").hidden = true;
    root.setAttribute("data-sk-prove-fase", "ferdig");
    showResult(result, revisit);
    showAnswers(feedback);
    q(".sk-prove-start").hidden = false;
    current = null;
    offerRecord();
  }
  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }
  function link(label, cls) {
    var s = C.sections[label];
    if (!s) { return document.createTextNode(label); }
    if (!s[0]) { return document.createTextNode(s[1]); }
    var a = el("a", s[1], cls); a.href = s[0]; return a;
  }
  function showResult(result, revisit) {
    var out = q(".sk-prove-resultat");
    out.textContent = "";
    out.appendChild(el("h2", C.texts.resultHeading));
    var p = el("p", null, "sk-dom " + (result.passed ? "sk-riktig" : "sk-feil"));
    p.appendChild(el("strong", (result.passed ? C.texts.passed : C.texts.notPassed) + ": "));
    p.appendChild(document.createTextNode(fill(C.texts.score, { right: result.right, total: result.total }) + " " + C.ruleTexts[result.scope]));
    out.appendChild(p);
    var table = el("table"), cap = el("caption", C.texts.perTheme), head = el("tr");
    table.appendChild(cap);
    [C.texts.theme, C.texts.right, C.texts.passedCol, C.texts.readAgain].forEach(function (h) { var th = el("th", h); th.scope = "col"; head.appendChild(th); });
    var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
    var tbody = el("tbody");
    Object.keys(result.themes).forEach(function (t) {
      var row = result.themes[t], tr = el("tr"), th = el("th", C.titles[t]);
      th.scope = "row"; tr.appendChild(th);
      tr.appendChild(el("td", fill(C.texts.of, { right: row.right, total: row.total })));
      tr.appendChild(el("td", row.passed ? C.texts.yes : C.texts.no));
      var td = el("td");
      (revisit[t] || []).forEach(function (label, i) { if (i) { td.appendChild(document.createTextNode(", ")); } td.appendChild(link(label)); });
      if (!(revisit[t] || []).length) { td.textContent = "–"; }
      tr.appendChild(td); tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    out.appendChild(table);
    out.focus();
  }
  function showAnswers(feedback) {
    var out = q(".sk-prove-svar");
    out.textContent = "";
    current.items.forEach(function (id, i) {
      var f = feedback[id], item = C.items[id], li = list.querySelector("[data-sk-prove-id='" + id + "']");
      var box = el("div", null, "sk-prove-forklaring");
      var verdict = f.needsInput ? C.texts.notAnswered : (f.correct ? C.texts.verdictRight : C.texts.verdictWrong);
      var p = el("p", null, "sk-dom sk-" + (f.needsInput ? "mangler" : (f.correct ? "riktig" : "feil")));
      p.appendChild(el("strong", fill(C.texts.itemVerdict, { n: i + 1, verdict: verdict }) + " "));
      p.appendChild(document.createTextNode(f.needsInput ? C.texts.unanswered : f.summary));
      box.appendChild(p);
      var D = itemData(id);
      if (f.details && f.details.length && !f.needsInput) {
        var ul = el("ul");
        f.details.forEach(function (d) {
          var row = el("li"), mark = d.ok === true ? C.texts.markRight : (d.ok === false ? C.texts.markWrong : "");
          row.appendChild(el("strong", mark + d.text));
          row.appendChild(document.createTextNode(" " + d.why));
          var where = d.section && D.links && D.links[d.section], src = d.source && D.sources && D.sources[d.source];
          if (where || src) {
            var span = el("span", null, "sk-peker");
            if (where) { span.appendChild(document.createTextNode(" " + C.texts.readMore + " ")); var a = el("a", where[1]); a.href = where[0]; span.appendChild(a); span.appendChild(document.createTextNode(".")); }
            if (src) {
              span.appendChild(document.createTextNode(" " + C.texts.source + " "));
              if (src[1]) { var b = el("a", src[0]); b.href = src[1]; span.appendChild(b); } else { span.appendChild(document.createTextNode(src[0])); }
              span.appendChild(document.createTextNode("."));
            }
            row.appendChild(span);
          }
          ul.appendChild(row);
        });
        box.appendChild(ul);
      }
      var more = el("p", null, "sk-peker");
      more.appendChild(document.createTextNode(C.texts.readSection + " "));
      more.appendChild(link(item.section));
      more.appendChild(document.createTextNode("."));
      box.appendChild(more);
      if (li) { li.appendChild(box); }
    });
    out.appendChild(el("p", C.texts.answersBelow));
  }
  function itemData(id) { try { return JSON.parse(document.getElementById("sk-" + id + "-data").textContent); } catch (e) { return {}; } }

  // --- the record (kursbevis): name as typed, the passed tests, a check value of their results ------------
  function canonical(v) {
    if (Array.isArray(v)) { return "[" + v.map(canonical).join(",") + "]"; }
    if (v !== null && typeof v === "object") { return "{" + Object.keys(v).sort().map(function (k) { return JSON.stringify(k) + ":" + canonical(v[k]); }).join(",") + "}"; }
    return JSON.stringify(v);
  }
  function int(v) { var n = parseInt(v, 10); return isFinite(n) ? n : 0; }
  function canonicalResult(r) {
    var themes = {};
    Object.keys(r.themes || {}).forEach(function (t) { var x = r.themes[t] || {}; themes[t] = { right: int(x.right), total: int(x.total), passed: !!x.passed }; });
    return { attempt: String(r.attempt || ""), scope: String(r.scope || ""), date: String(r.date || ""), right: int(r.right), total: int(r.total), passed: !!r.passed, themes: themes };
  }
  function recordResults() {
    var latest = {};
    state.results.forEach(function (r) { if (r && r.passed && (!latest[r.scope] || String(r.date) >= String(latest[r.scope].date))) { latest[r.scope] = r; } });
    return Object.keys(latest).map(function (k) { return latest[k]; });
  }
  function sha256(ascii) {
    function rr(x, n) { return (x >>> n) | (x << (32 - n)); }
    var K = [], H = [], p = 2, found = 0;
    function frac(x) { return ((x - Math.floor(x)) * 4294967296) | 0; }
    while (found < 64) {
      var prime = true;
      for (var f = 2; f * f <= p; f++) { if (p % f === 0) { prime = false; break; } }
      if (prime) { if (found < 8) { H[found] = frac(Math.pow(p, 1 / 2)); } K[found] = frac(Math.pow(p, 1 / 3)); found++; }
      p++;
    }
    var bytes = [];
    for (var i = 0; i < ascii.length; i++) { bytes.push(ascii.charCodeAt(i) & 0xff); }
    var bits = bytes.length * 8;
    bytes.push(0x80);
    while (bytes.length % 64 !== 56) { bytes.push(0); }
    for (var s = 7; s >= 0; s--) { bytes.push(s >= 4 ? 0 : (bits >>> (s * 8)) & 0xff); }
    for (var o = 0; o < bytes.length; o += 64) {
      var w = [];
      for (var j = 0; j < 64; j++) {
        if (j < 16) { w[j] = (bytes[o + 4 * j] << 24) | (bytes[o + 4 * j + 1] << 16) | (bytes[o + 4 * j + 2] << 8) | bytes[o + 4 * j + 3]; }
        else {
          var s0 = rr(w[j - 15], 7) ^ rr(w[j - 15], 18) ^ (w[j - 15] >>> 3), s1 = rr(w[j - 2], 17) ^ rr(w[j - 2], 19) ^ (w[j - 2] >>> 10);
          w[j] = (w[j - 16] + s0 + w[j - 7] + s1) | 0;
        }
      }
      var a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], g = H[5], h = H[6], k = H[7];
      for (var t = 0; t < 64; t++) {
        var t1 = (k + (rr(e, 6) ^ rr(e, 11) ^ rr(e, 25)) + ((e & g) ^ (~e & h)) + K[t] + w[t]) | 0;
        var t2 = ((rr(a, 2) ^ rr(a, 13) ^ rr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = h; h = g; g = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0;
      H[4] = (H[4] + e) | 0; H[5] = (H[5] + g) | 0; H[6] = (H[6] + h) | 0; H[7] = (H[7] + k) | 0;
    }
    return H.map(function (x) { return ("00000000" + (x >>> 0).toString(16)).slice(-8); }).join("");
  }
  function checkValue(results) {
    var rows = results.map(canonicalResult).sort(function (x, y) { return x.scope < y.scope ? -1 : (x.scope > y.scope ? 1 : (x.attempt < y.attempt ? -1 : (x.attempt > y.attempt ? 1 : 0))); });
    var d = sha256(canonical(rows)).slice(0, 12).toUpperCase();
    return d.slice(0, 4) + "-" + d.slice(4, 8) + "-" + d.slice(8, 12);
  }
  function longDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? parseInt(m[3], 10) + ". " + C.months[parseInt(m[2], 10) - 1] + " " + m[1] : String(iso || "");
  }
  function offerRecord() {
    var rec = q(".sk-kursbevis");
    rec.hidden = recordResults().length === 0;
  }
  function makeRecord() {
    var results = recordResults();
    var out = q(".sk-bevis");
    if (!results.length) { out.hidden = true; return; }
    var name = q(".sk-bevis-navn-felt").value.replace(/[\x00-\x1f\x7f]/g, "").trim().slice(0, 120);
    out.querySelector(".sk-bevis-navn").textContent = name || C.texts.noName;
    out.querySelector(".sk-bevis-laget").textContent = fill(C.texts.made, { date: longDate(today()) });
    var tbody = out.querySelector("tbody");
    tbody.textContent = "";
    results.slice().sort(function (x, y) { return (x.scope !== C.course) - (y.scope !== C.course) || (x.scope < y.scope ? -1 : 1); }).forEach(function (r) {
      var tr = el("tr"), th = el("th", C.scopeNames[r.scope] || r.scope);
      th.scope = "row"; tr.appendChild(th);
      tr.appendChild(el("td", fill(C.texts.of, { right: r.right, total: r.total })));
      tr.appendChild(el("td", longDate(r.date)));
      tbody.appendChild(tr);
    });
    out.querySelector(".sk-bevis-kontroll").textContent = checkValue(results);
    out.hidden = false;
    q(".sk-bevis-skriv").hidden = false;
    out.focus();
  }
  window.somekursKursprove = { checkValue: checkValue, canonical: canonical, state: function () { return state; }, start: start, finish: finish };

  // --- controls -----------------------------------------------------------------------------------------
  var select = q(".sk-prove-valg");
  function chosenScope() { return select ? select.value : C.scopes[0]; }
  q(".sk-prove-start-knapp").addEventListener("click", function () { start(chosenScope()); });
  q(".sk-prove-lever-knapp").addEventListener("click", function () { finish(false); });
  q(".sk-prove-lever-likevel").addEventListener("click", function () { finish(true); });
  q(".sk-prove-fortsett").addEventListener("click", function () { q(".sk-prove-bekreft").hidden = true; var first = list.querySelector("input, select, textarea"); if (first) { first.focus(); } });
  q(".sk-bevis-lag").addEventListener("click", makeRecord);
  q(".sk-bevis-skriv").addEventListener("click", function () { window.print(); });
  if (select) {
    select.addEventListener("change", function () {
      var open = state.open[chosenScope()];
      if (open && open.items && open.items.every(function (id) { return has(C.items, id); })) { show(open); say(C.texts.resumed); }
    });
  }
  window.addEventListener("pagehide", function () { if (pending) { clearTimeout(pending); pending = null; if (current) { current.answers = collectAll(); state.open[current.scope] = current; writeState(); } } });
  // An attempt left open (a reload, a closed tab, a new session in the learning platform) comes back.
  var resume = null;
  C.scopes.forEach(function (s) { var o = state.open[s]; if (!resume && o && Array.isArray(o.items) && o.items.every(function (id) { return has(C.items, id); })) { resume = o; } });
  if (resume) { if (select) { select.value = resume.scope; } show(resume); say(C.texts.resumed); }
  offerRecord();
})();
