(function () {
  "use strict";
  // The SCO of a course package: finds the learning platform's SCORM API (1.2: window.API,
  // 2004: window.API_1484_11) in a parent frame or the opener, starts the session, shows the pages
  // in the frame, and keeps in the platform: where the learner is (lesson_location / location) and
  // the course test's state (suspend_data). The test page reports each finished attempt here
  // (window.somekursScorm.report): score, and passed or failed against the package's pass mark.
  // Its sentences come with the configuration (P.texts), in the package's written standard.
  var P = JSON.parse(document.getElementById("sk-pakke").textContent);
  var T = P.texts;
  var V12 = P.version === "1.2";
  var frame = document.getElementById("sk-innhold");
  var status = document.getElementById("sk-pakke-status");
  function find(win, name) {
    for (var i = 0; win && i < 12; i++) {
      try { if (win[name]) { return win[name]; } } catch (e) { /* another origin */ }
      if (!win.parent || win.parent === win) { break; }
      win = win.parent;
    }
    return null;
  }
  var name = V12 ? "API" : "API_1484_11";
  var api = find(window.parent !== window ? window.parent : null, name) || (window.opener ? find(window.opener, name) : null);
  var open = false, started = new Date();
  function call(fn12, fn04, a, b) {
    if (!api) { return ""; }
    try { return V12 ? api[fn12](a, b) : api[fn04](a, b); } catch (e) { return ""; }
  }
  function get(k12, k04) { return String(call("LMSGetValue", "GetValue", V12 ? k12 : k04) || ""); }
  function set(k12, k04, v) { return call("LMSSetValue", "SetValue", V12 ? k12 : k04, String(v)); }
  function commit() { return call("LMSCommit", "Commit", ""); }
  var LIMIT = V12 ? 4096 : 64000;  // characters of suspend_data the standard guarantees
  var state = { v: 1, loc: "", t: null, best: null };
  if (api) {
    open = String(call("LMSInitialize", "Initialize", "")) === "true";
    try {
      var kept = get("cmi.suspend_data", "cmi.suspend_data");
      if (kept) { var s = JSON.parse(kept); if (s && s.v === 1) { state = s; } }
    } catch (e) { /* begin afresh */ }
    var where = get("cmi.core.lesson_location", "cmi.location");
    if (where) { state.loc = where; }
    if (V12) {
      var ls = get("cmi.core.lesson_status");
      if (ls === "not attempted" || ls === "") { set("cmi.core.lesson_status", null, "incomplete"); }
    } else {
      var cs = get(null, "cmi.completion_status");
      if (cs === "unknown" || cs === "not attempted" || cs === "") { set(null, "cmi.completion_status", "incomplete"); }
    }
    commit();
    status.textContent = state.loc ? T.resumed : "";
  } else {
    status.textContent = T.no_platform;
  }
  function packed() {
    var text = JSON.stringify(state);
    if (text.length <= LIMIT || !state.t) { return text; }
    // Too long for the platform: keep the results and the items drawn, drop the answers in progress.
    var lean = JSON.parse(text);
    Object.keys(lean.t.open || {}).forEach(function (k) { lean.t.open[k].answers = {}; });
    text = JSON.stringify(lean);
    if (text.length <= LIMIT) { return text; }
    lean.t.results = (lean.t.results || []).filter(function (r) { return r && r.passed; }).slice(-3);
    return JSON.stringify(lean).slice(0, LIMIT);
  }
  function persist() {
    if (!open) { return; }
    set("cmi.suspend_data", "cmi.suspend_data", packed());
    if (state.loc) { set("cmi.core.lesson_location", "cmi.location", state.loc); }
    commit();
  }
  function relative(win) {
    try {
      var here = window.location.href.replace(/[^/]*([?#].*)?$/, "");
      var there = win.location.href.split("#")[0];
      return there.indexOf(here) === 0 ? there.slice(here.length) : "";
    } catch (e) { return ""; }
  }
  function mark(loc) {
    Array.prototype.forEach.call(document.querySelectorAll("nav a"), function (a) {
      if (a.getAttribute("href") === loc) { a.setAttribute("aria-current", "page"); } else { a.removeAttribute("aria-current"); }
    });
  }
  function report(result, rules) {
    if (!result || result.scope !== P.scope) { return; }
    var pct = result.total ? Math.round(100 * result.right / result.total) : 0;
    var best = state.best;
    if (!best || (result.passed && !best.passed) || (result.passed === best.passed && pct > best.pct)) {
      best = state.best = { pct: pct, passed: !!result.passed, date: result.date };
    }
    if (V12) {
      set("cmi.core.score.min", null, 0);
      set("cmi.core.score.max", null, 100);
      set("cmi.core.score.raw", null, best.pct);
      set("cmi.core.lesson_status", null, best.passed ? "passed" : "failed");
    } else {
      set(null, "cmi.score.min", 0);
      set(null, "cmi.score.max", 100);
      set(null, "cmi.score.raw", best.pct);
      set(null, "cmi.score.scaled", (best.pct / 100).toFixed(2));
      set(null, "cmi.success_status", best.passed ? "passed" : "failed");
      set(null, "cmi.completion_status", "completed");
    }
    persist();
    status.textContent = best.passed ? T.passed : T.sent;
  }
  function duration() {
    var s = Math.max(0, Math.round((new Date() - started) / 1000));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return V12 ? ("000" + h).slice(-4) + ":" + two(m) + ":" + two(r) : "PT" + h + "H" + m + "M" + r + "S";
  }
  function finish() {
    if (!open) { return; }
    var w = frame.contentWindow;
    try { if (w) { w.dispatchEvent(new Event("pagehide")); } } catch (e) { /* the page keeps its own state */ }
    persist();
    var done = state.best && state.best.passed;
    set("cmi.core.exit", "cmi.exit", done ? "" : "suspend");
    set("cmi.core.session_time", "cmi.session_time", duration());
    commit();
    call("LMSFinish", "Terminate", "");
    open = false;
  }
  window.somekursScorm = {
    version: P.version,
    loadTests: function () { return state.t; },
    saveTests: function (t) { state.t = t; persist(); },
    report: report,
    location: function () { var loc = relative(frame.contentWindow); if (loc) { state.loc = loc; persist(); } },
    finish: finish,
    connected: function () { return open; },
    state: function () { return state; }
  };
  frame.addEventListener("load", function () {
    var loc = relative(frame.contentWindow);
    if (loc && P.pages.indexOf(loc) >= 0) { state.loc = loc; mark(loc); persist(); }
  });
  frame.src = state.loc && P.pages.indexOf(state.loc) >= 0 ? state.loc : P.start;
  mark(state.loc || P.start);
  document.getElementById("sk-pakke-avslutt").addEventListener("click", function () {
    finish();
    status.textContent = T.saved;
  });
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
})();
