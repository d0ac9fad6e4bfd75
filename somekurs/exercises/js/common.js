(function () {
  "use strict";
  var ID = "__SK_ID__";
  var root = document.getElementById("sk-" + ID);
  if (!root || root.getAttribute("data-sk-klar")) { return; }
  // A saved workbook reopened in JupyterLab: the live exercise is the widget (answers in the
  // progress file), so this static copy stays a note that says how to start it.
  if (root.closest && root.closest(".jp-OutputArea, .jp-Cell")) { return; }
  root.setAttribute("data-sk-klar", "ja");
  var idle = root.querySelector(".sk-ikke-startet");
  if (idle) { idle.parentNode.removeChild(idle); }
  var D = JSON.parse(document.getElementById("sk-" + ID + "-data").textContent);
  var ex = D.exercise, T = D.texts;
  function fill(t, o) { return t.replace(/\{(\w+)\}/g, function (m, n) { return o && Object.prototype.hasOwnProperty.call(o, n) ? String(o[n]) : m; }); }
  function say(k, o) { return fill(T[k], o); }
  function q(s) { return root.querySelector(s); }
  function qa(s) { return Array.prototype.slice.call(root.querySelectorAll(s)); }
  function frac(r, t) { return t ? Math.round(r / t * 1000) / 1000 : 0; }
  function fb(c, s, sum, det, extra) { return { correct: c, score: s, summary: sum, details: det || [], needsInput: false, extra: extra || {} }; }
  function ask(m) { return { correct: null, score: 0, summary: m, details: [], needsInput: true, extra: {} }; }
  // One line of feedback; o may give hint (shown before the solution), section, source, solutionOnly.
  function line(t, ok, why, o) {
    o = o || {};
    return { text: t, ok: ok, why: why, hint: o.hint || "", section: o.section || "", source: o.source || "", solutionOnly: !!o.solutionOnly };
  }
  function has(o, k) { return o !== null && typeof o === "object" && typeof k === "string" && Object.prototype.hasOwnProperty.call(o, k); }
  function isObj(a) { return a !== null && typeof a === "object" && !Array.isArray(a); }
  function byId(list) { var m = {}; list.forEach(function (x) { m[x.id] = x; }); return m; }
  function where(x) { return { section: (x && x.section) || ex.section || "", source: (x && x.source) || "" }; }
  function clean(s) { return s.replace(/\r\n|[\r\u2028\u2029\x85]/g, "\n").replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]/g, "").replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ""); }
  function text(a) {
    if (a === null || a === undefined) { return ""; }
    if (typeof a !== "string") { throw ask(say("ask_text")); }
    if (Array.from(a).length > D.maxText) { throw ask(say("too_long", { max: D.maxText })); }
    return clean(a).trim();
  }
  function el(tag, txt, cls) { var e = document.createElement(tag); if (txt) { e.textContent = txt; } if (cls) { e.className = cls; } return e; }
  var judge, collect, restore = null, resetKind = function () {}, extraView = function () {};
  // The reader's answer is kept in this browser (localStorage), so a reload or a later visit does
  // not lose it, as typed (a draft) or as checked. The key holds a fingerprint of the exercise: if
  // the exercise changes, an old answer is not put back into the new form.
  var KEY = "somekurs-svar:" + ID + ":" + D.version;
  function store(state) { try { window.localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* storage off or full */ } }
  function forget() { try { window.localStorage.removeItem(KEY); } catch (e) { /* nothing kept */ } }
  function kept() {
    try {
      var s = window.localStorage.getItem(KEY);
      var v = s === null ? undefined : JSON.parse(s);
      return isObj(v) && has(v, "a") ? v : undefined;
    } catch (e) { return undefined; }
  }
  // Each reader sees the options in an order of their own, the same on every visit: a seed kept
  // in this browser, hashed with the exercise id and the list's name (FNV-1a).
  function seed() {
    var s = null;
    try { s = window.localStorage.getItem("somekurs-seed"); } catch (e) { s = null; }
    if (!s || !/^[0-9a-f]{8,32}$/.test(s)) {
      s = ""; for (var i = 0; i < 16; i++) { s += Math.floor(Math.random() * 16).toString(16); }
      try { window.localStorage.setItem("somekurs-seed", s); } catch (e) { /* no storage: a fresh order each visit */ }
    }
    return s;
  }
  function hash(s) { var h = 0x811c9dc5; for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; } return h; }
  function shuffleLists() {
    var s = seed();
    qa("[data-sk-stokk]").forEach(function (box) {
      var name = box.getAttribute("data-sk-stokk");
      var kids = Array.prototype.slice.call(box.children).filter(function (c) { return c.hasAttribute("data-sk-id"); });
      kids.sort(function (x, y) { return hash(s + "|" + ID + "|" + name + "|" + x.getAttribute("data-sk-id")) - hash(s + "|" + ID + "|" + name + "|" + y.getAttribute("data-sk-id")); });
      var file = D.order[name] || [];  // only where the file order is the answer (a timeline) is it ruled out
      if (kids.length > 1 && kids.every(function (c, i) { return c.getAttribute("data-sk-id") === file[i]; })) { kids.push(kids.shift()); }
      kids.forEach(function (c) { box.appendChild(c); });
    });
  }
  /*KIND*/
  function verdict(f) { return say(f.needsInput ? "verdict_unchecked" : (f.correct === null ? "verdict_saved" : (!f.correct ? "verdict_wrong" : (f.extra && f.extra.checks_only ? "verdict_passed" : "verdict_right")))); }
  function hasSolution(f) { return f.correct === false && f.details.some(function (d) { return d.ok === false || d.solutionOnly; }); }
  function pointer(d, li) {
    var link = d.section && D.links[d.section], src = d.source && D.sources[d.source];
    if (!link && !src) { return; }
    var p = el("span", null, "sk-peker");
    if (link) {
      p.appendChild(document.createTextNode(" " + say("read_more") + " "));
      var a = el("a", link[1]); a.href = link[0]; p.appendChild(a); p.appendChild(document.createTextNode("."));
    }
    if (src) {
      p.appendChild(document.createTextNode(" " + say("source") + " "));
      if (src[1]) { var s = el("a", src[0]); s.href = src[1]; p.appendChild(s); } else { p.appendChild(document.createTextNode(src[0])); }
      p.appendChild(document.createTextNode("."));
    }
    li.appendChild(p);
  }
  var shown = false;  // has the reader asked for the solution?
  function show(f, reveal) {
    var out = q(".sk-tilbakemelding");
    out.textContent = "";
    var p = el("p", null, "sk-dom sk-" + (f.needsInput ? "mangler" : (f.correct === null ? "lagret" : (f.correct ? "riktig" : "feil"))));
    p.appendChild(el("strong", verdict(f) + ": "));
    p.appendChild(document.createTextNode(f.summary));
    out.appendChild(p);
    var full = reveal || f.correct !== false;
    var items = f.details.filter(function (d) { return full || !d.solutionOnly; });
    if (items.length) {
      var ul = el("ul");
      items.forEach(function (d) {
        var li = el("li");
        var mark = d.ok === true ? say("mark_right") : (d.ok === false ? say("mark_wrong") : "");
        li.appendChild(el("strong", mark + d.text));
        li.appendChild(document.createTextNode(" " + (full || d.ok !== false ? d.why : (d.hint || say("not_right_try")))));
        pointer(d, li);
        ul.appendChild(li);
      });
      out.appendChild(ul);
    }
    extraView(f, out, full);
    if (!full && hasSolution(f)) {
      var b = el("button", say("show_solution"), "sk-vis");
      b.type = "button";
      b.addEventListener("click", function () { shown = true; save(true); show(f, true); });
      out.appendChild(b);
    }
    var more = q(".sk-les-mer");
    if (more && !f.needsInput) { more.hidden = false; }
  }
  // judge() throws ask(...) for input it cannot read; every caller gets that as feedback.
  function judged(a) { try { return judge(a); } catch (e) { return (e && e.needsInput) ? e : ask(say("unreadable")); } }
  function save(checked) { var a; try { a = collect(); } catch (e) { return; } store({ a: a, checked: !!checked, shown: shown }); }
  function check() {
    if (pending) { clearTimeout(pending); pending = null; }  // the checked answer, not a draft, is what is kept
    var f, a;
    try { a = collect(); f = judged(a); } catch (e) { f = ask(say("unreadable")); }
    shown = f.correct === true ? shown : false;
    show(f, shown);
    if (!f.needsInput) { store({ a: a, checked: true, shown: shown }); }
  }
  function bringBack() {
    var state = kept();
    if (state === undefined || !restore) { return; }
    try { restore(state.a); } catch (e) { forget(); return; }
    if (!state.checked) { note(say("draft_back_browser")); return; }
    var f;
    try { f = judged(collect()); } catch (e) { return; }
    if (f.needsInput) { return; }
    shown = state.shown === true;
    var out = q(".sk-tilbakemelding");
    out.removeAttribute("aria-live");  // filled while the page loads: no announcement for every exercise
    show(f, shown);
    out.insertBefore(el("p", say("answer_back_browser"), "sk-hentet"), out.firstChild);
    out.setAttribute("aria-live", "polite");
  }
  function note(t) { var out = q(".sk-tilbakemelding"); out.textContent = ""; out.appendChild(el("p", t, "sk-hentet")); }
  function reset() {
    forget();
    shown = false;
    var form = q("form");
    if (form) { form.reset(); }
    resetKind();
    q(".sk-tilbakemelding").textContent = "";
    var more = q(".sk-les-mer");
    if (more) { more.hidden = true; }
    confirmBox(false);
  }
  function confirmBox(open) {
    var box = q(".sk-bekreft");
    box.hidden = !open;
    if (open) { box.querySelector("[data-sk='ja-nullstill']").focus(); } else { q("[data-sk='nullstill']").focus(); }
  }
  var pending = null;  // typed text is kept as it is typed (a little after the last key)
  function draft() { if (pending) { clearTimeout(pending); } pending = setTimeout(function () { pending = null; save(false); }, 400); }
  q("form").addEventListener("submit", function (e) { e.preventDefault(); check(); });
  q("form").addEventListener("input", draft);
  q("form").addEventListener("change", draft);
  q("[data-sk='sjekk']").addEventListener("click", check);
  q("[data-sk='nullstill']").addEventListener("click", function () { confirmBox(true); });
  q("[data-sk='ja-nullstill']").addEventListener("click", reset);
  q("[data-sk='avbryt']").addEventListener("click", function () { confirmBox(false); });
  window.addEventListener("pagehide", function () { if (pending) { clearTimeout(pending); pending = null; save(false); } });
  window.somekursOppgaver = window.somekursOppgaver || {};
  window.somekursOppgaver[ID] = { judge: judged, collect: collect, check: check, restore: restore };
  shuffleLists();
  bringBack();
})();
