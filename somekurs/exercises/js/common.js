(function () {
  "use strict";
  var ID = "__SK_ID__";
  var root = document.getElementById("sk-" + ID);
  if (!root || root.getAttribute("data-sk-klar")) { return; }
  root.setAttribute("data-sk-klar", "ja");
  var D = JSON.parse(document.getElementById("sk-" + ID + "-data").textContent);
  var ex = D.exercise, T = D.texts;
  function fill(t, o) { return t.replace(/\{(\w+)\}/g, function (m, n) { return o && Object.prototype.hasOwnProperty.call(o, n) ? String(o[n]) : m; }); }
  function say(k, o) { return fill(T[k], o); }
  function q(s) { return root.querySelector(s); }
  function qa(s) { return Array.prototype.slice.call(root.querySelectorAll(s)); }
  function frac(r, t) { return t ? Math.round(r / t * 1000) / 1000 : 0; }
  function fb(c, s, sum, det, extra) { return { correct: c, score: s, summary: sum, details: det || [], needsInput: false, extra: extra || {} }; }
  function ask(m) { return { correct: null, score: 0, summary: m, details: [], needsInput: true, extra: {} }; }
  function line(t, ok, why) { return { text: t, ok: ok, why: why }; }
  function idx(v, n) {
    if (typeof v === "string" && /^\s*\d{1,5}\s*$/.test(v)) { v = parseInt(v, 10); }
    return (typeof v === "number" && Math.floor(v) === v && v >= 0 && v < n) ? v : null;
  }
  function has(o, k) { return typeof k === "string" && Object.prototype.hasOwnProperty.call(o, k); }
  function clean(s) { return s.replace(/\r\n|[\r\u2028\u2029\x85]/g, "\n").replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]/g, ""); }
  function text(a) {
    if (a === null || a === undefined) { return ""; }
    if (typeof a !== "string") { throw ask(say("ask_text")); }
    if (Array.from(a).length > D.maxText) { throw ask(say("too_long", { max: D.maxText })); }
    return clean(a).trim();
  }
  function el(tag, txt, cls) { var e = document.createElement(tag); if (txt) { e.textContent = txt; } if (cls) { e.className = cls; } return e; }
  var judge, collect, restore = null, resetKind = function () {}, extraView = function () {};
  // The reader's answer is kept in this browser (localStorage), so a reload or a later visit
  // does not lose it. The key holds a fingerprint of the exercise: if the exercise changes
  // (options reordered, an item added), an old answer is not put back into the new form.
  var KEY = "somekurs-svar:" + ID + ":" + D.version;
  function keep(a) { try { window.localStorage.setItem(KEY, JSON.stringify(a)); } catch (e) { /* storage off or full: the answer is just not kept */ } }
  function forget() { try { window.localStorage.removeItem(KEY); } catch (e) { /* nothing kept */ } }
  function kept() { try { var s = window.localStorage.getItem(KEY); return s === null ? undefined : JSON.parse(s); } catch (e) { return undefined; } }
  /*KIND*/
  function verdict(f) { return f.needsInput ? "Ikke sjekket" : (f.correct === null ? "Lagret" : (f.correct ? "Riktig" : "Ikke riktig")); }
  function show(f) {
    var out = q(".sk-tilbakemelding");
    out.textContent = "";
    var p = el("p", null, "sk-dom sk-" + (f.needsInput ? "mangler" : (f.correct === null ? "lagret" : (f.correct ? "riktig" : "feil"))));
    p.appendChild(el("strong", verdict(f) + ": "));
    p.appendChild(document.createTextNode(f.summary));
    out.appendChild(p);
    if (f.details.length) {
      var ul = el("ul");
      f.details.forEach(function (d) {
        var li = el("li");
        var mark = d.ok === true ? "Riktig – " : (d.ok === false ? "Ikke riktig – " : "");
        li.appendChild(el("strong", mark + d.text));
        li.appendChild(document.createTextNode(" " + d.why));
        ul.appendChild(li);
      });
      out.appendChild(ul);
    }
    extraView(f, out);
    var more = q(".sk-les-mer");
    if (more && !f.needsInput) { more.hidden = false; }
  }
  // judge() throws ask(...) for input it cannot read; every caller gets that as feedback.
  function judged(a) { try { return judge(a); } catch (e) { return (e && e.needsInput) ? e : ask(say("unreadable")); } }
  function check() {
    var f, a;
    try { a = collect(); f = judged(a); } catch (e) { f = ask(say("unreadable")); }
    show(f);
    if (!f.needsInput) { keep(a); }
  }
  function bringBack() {
    var a = kept();
    if (a === undefined || !restore) { return; }
    try { restore(a); } catch (e) { forget(); return; }
    var f;
    try { f = judged(collect()); } catch (e) { return; }
    if (f.needsInput) { return; }
    var out = q(".sk-tilbakemelding");
    out.removeAttribute("aria-live");  // filled while the page loads: no announcement for every exercise
    show(f);
    out.insertBefore(el("p", "Svaret ditt fra sist er hentet fram. Det er lagret bare i denne nettleseren. «Nullstill oppgaven» sletter det.", "sk-hentet"), out.firstChild);
    out.setAttribute("aria-live", "polite");
  }
  function reset() {
    forget();
    var form = q("form");
    if (form) { form.reset(); }
    resetKind();
    q(".sk-tilbakemelding").textContent = "";
    var more = q(".sk-les-mer");
    if (more) { more.hidden = true; }
  }
  q("form").addEventListener("submit", function (e) { e.preventDefault(); check(); });
  q("[data-sk='sjekk']").addEventListener("click", check);
  q("[data-sk='nullstill']").addEventListener("click", reset);
  window.somekursOppgaver = window.somekursOppgaver || {};
  window.somekursOppgaver[ID] = {
    judge: judged,
    collect: collect, check: check, restore: restore
  };
  bringBack();
})();
