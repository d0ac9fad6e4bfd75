  var C = D.textcheck;
  function num(v) { return (Number.isInteger(v) ? String(v) : v.toFixed(1)).replace(".", ","); }
  function upper(w) { return w === w.toUpperCase() && w !== w.toLowerCase(); }
  // LIX as somekurs.prose.lix computes it: lines closed with a full stop, then textstat's
  // counts (words after punctuation is removed; sentences of three words or more).
  var W = "\\p{L}\\p{N}_", B = "(?:(?<=[" + W + "])(?![" + W + "])|(?<![" + W + "])(?=[" + W + "]))";
  function words(s, dropApostrophe) {
    if (!dropApostrophe) { s = s.replace(/'(?!(?:[tsd]|ve|ll|re))/g, ""); }
    s = s.replace(new RegExp("[^" + W + "\\s" + (dropApostrophe ? "" : "'") + "]", "gu"), "");
    return s.split(/\s+/).filter(Boolean);
  }
  function lix(t) {
    var s = t.split("\n").filter(function (l) { return l.length > 0; }).map(function (l) { return ".!?:".indexOf(l[l.length - 1]) >= 0 ? l : l + "."; }).join(" ");
    if (!new RegExp(D.word).test(s)) { return 0; }
    var n = words(s, false).length;
    if (!n) { return 0; }
    var long = words(s, true).filter(function (w) { return Array.from(w).length > 6; }).length;
    var parts = s.match(new RegExp(B + "[^.!?]+[.!?]*", "gu")) || [];
    var sentences = Math.max(1, parts.length - parts.filter(function (p) { return words(p, false).length <= 2; }).length);
    return Math.round((n / sentences + 100 * long / n) * 10) / 10;
  }
  function analyse(t, platform, alt, needsImage, lixMax) {
    t = clean(t);
    var limit = C.limits[platform] || C.limits.nettside, name = C.names[platform] || platform;
    var length = Array.from(t).length, L = lix(t), found = [], m;
    function add(code, level, vals) { found.push({ code: code, level: level, message: fill(C.messages[code], vals) }); }
    if (length > limit.chars) { add(limit.rule ? "lengde-regel" : "lengde-anbefalt", limit.rule ? "må" : "bør", { n: length, platform: name, limit: limit.chars, over: length - limit.chars }); }
    var target = (lixMax === null || lixMax === undefined) ? C.lixMax : lixMax;
    if (L > target && (t.match(new RegExp(D.word, "g")) || []).length >= C.lixMinWords) { add("lix", "må", { lix: num(L), max: num(target) }); }
    if (needsImage) {
      var a = clean(alt || "").split(/\s+/).filter(Boolean).join(" ");
      if (!a) { add("alt-mangler", "må", {}); }
      else if (Array.from(a).length < 15 || C.badAlt.indexOf(a.toLowerCase().replace(/^\.+|\.+$/g, "")) >= 0) { add("alt-kort", "må", { alt: a }); }
      else if (C.altStarts.some(function (st) { return a.toLowerCase().indexOf(st) === 0; })) { add("alt-bilde-av", "bør", {}); }
    }
    var emo = new RegExp(C.emoji, "gu"), wordish = new RegExp("^[" + C.letters + "0-9,]$"), count = 0, mid = null;
    while ((m = emo.exec(t)) !== null) {
      count++;
      var before = t.slice(0, m.index).replace(/[ \t]+$/, ""), after = t.slice(m.index + m[0].length).replace(/^[ \t]+/, "");
      if (mid === null && before && after && wordish.test(before[before.length - 1]) && wordish.test(after[0]) && after[0] !== ",") { mid = m[0]; }
    }
    if (mid !== null) { add("emoji-midt", "må", { emoji: mid }); }
    if (count > C.emojiMax) { add("emoji-mange", "bør", { n: count, max: C.emojiMax }); }
    var link = new RegExp(C.linkText, "i").exec(t);
    if (link) { add("lenketekst", "må", { text: link[0] }); }
    var tags = new RegExp("(^|[\\s(])#([" + C.letters + "0-9_]+)", "g"), letters = new RegExp("[" + C.letters + "]+", "g");
    while ((m = tags.exec(t)) !== null) {
      var l = (m[2].match(letters) || []).join("");
      if (l.length >= C.capsMin && upper(l)) { add("emneknagg-store", "bør", { tag: "#" + m[2] }); }
      else if (l.length >= C.tagMin && l === l.toLowerCase()) { add("emneknagg-camelcase", "bør", { tag: "#" + m[2] }); }
    }
    var shout = (t.replace(tags, " ").match(letters) || []).filter(function (w) { return w.length >= C.capsMin && upper(w); });
    shout = shout.filter(function (w, i) { return shout.indexOf(w) === i; });
    if (shout.length) { add("store-bokstaver", "bør", { words: shout.map(function (w) { return "«" + w + "»"; }).join(", ") }); }
    return { length: length, lix: L, limit: limit, findings: found, checks: 4 + (needsImage ? 1 : 0) };
  }
  // Content rules: a single word also matches its inflections («inntekt» finds «inntekten»);
  // a phrase matches as a whole; case is ignored (as somekurs.exercises.kinds.compare does).
  var TOKEN = /[0-9A-Za-zÆØÅæøåÉéÈèÜüÖöÄäÓóÁá§]+/g;
  function tokens(s) { return (s.match(TOKEN) || []).map(function (t) { return t.toLowerCase(); }); }
  function termFound(term, s) {
    term = term.trim().toLowerCase();
    if (!term) { return false; }
    var single = new RegExp("^[0-9A-Za-zÆØÅæøåÉéÈèÜüÖöÄäÓóÁá§]+$");
    if (term.indexOf(" ") >= 0 || !single.test(term)) { var needle = tokens(term).join(" "); return needle.length > 0 && tokens(s).join(" ").indexOf(needle) >= 0; }
    return tokens(s).some(function (t) { return t.indexOf(term) === 0; });
  }
  function passes(rule, s) {
    if (has(rule, "must_not")) { return !rule.must_not.some(function (t) { return termFound(t, s); }); }
    if (has(rule, "must_any")) { return rule.must_any.some(function (t) { return termFound(t, s); }); }
    return (rule.must_all || []).every(function (t) { return termFound(t, s); });
  }
  judge = function (a) {
    var alt = null, rubric = null;
    if (isObj(a)) { alt = has(a, "alt_text") ? a.alt_text : null; rubric = has(a, "rubric") ? a.rubric : null; a = has(a, "text") ? a.text : null; }
    var t = text(a);
    if (!t) { return ask(say("ask_compare")); }
    var min = ex.min_words || 15;
    if ((t.match(new RegExp(D.word, "g")) || []).length < min) { return ask(say("compare_short", { n: min })); }
    if (alt !== null && typeof alt !== "string") { alt = null; }
    if (typeof alt === "string" && Array.from(alt).length > D.maxText) { return ask(say("compare_alt_long")); }
    var details = [], failed = 0, extra = {};
    (ex.rules || []).forEach(function (r) {
      if (!passes(r, t)) { failed++; details.push(line(say("compare_rule_bad"), false, r.message, { hint: r.message, section: r.section || ex.section || "", source: r.source || "" })); }
    });
    if (ex.platform) {
      var rep = analyse(t, ex.platform, alt, !!ex.needs_image, ex.lix_max);
      rep.findings.forEach(function (f) {
        var must = f.level === "må";
        if (must) { failed++; }
        details.push(line(must ? say("compare_rule_bad") : say("compare_form"), must ? false : null, f.message, { hint: f.message }));
      });
      extra = { lix: rep.lix, length: rep.length, limit: rep.limit.chars, codes: rep.findings.map(function (f) { return f.code; }) };
    }
    var total = (ex.rules || []).length + (ex.platform ? 1 : 0), correct = failed === 0;
    var sum = correct ? say("compare_pass") : say("compare_fix", { n: failed });
    var ticked = isObj(rubric) ? rubric : {}, got = ex.rubric.filter(function (p) { return ticked[p.id] === true; }).length;
    if (got) { sum += " " + say("compare_rubric", { got: got, n: ex.rubric.length }); }
    extra.model = ex.model; extra.principle = ex.principle; extra.rubric_got = got; extra.checks_only = true;
    return fb(correct, correct ? 1 : frac(Math.max(total - failed, 0), Math.max(total, 1)), sum, details, extra);
  };
  var box = q(".sk-rubrikk");
  collect = function () {
    var alt = q("textarea[data-sk-alt]"), o = { text: q("textarea[data-sk-tekst]").value, rubric: {} };
    qa("input[data-sk-punkt]").forEach(function (i) { o.rubric[i.value] = i.checked; });
    if (alt) { o.alt_text = alt.value; }
    return o;
  };
  restore = function (a) {
    var o = isObj(a) ? a : {}, alt = q("textarea[data-sk-alt]");
    q("textarea[data-sk-tekst]").value = typeof o.text === "string" ? o.text : (typeof a === "string" ? a : (ex.draft || ""));
    if (alt) { alt.value = typeof o.alt_text === "string" ? o.alt_text : ""; }
    qa("input[data-sk-punkt]").forEach(function (i) { i.checked = isObj(o.rubric) && o.rubric[i.value] === true; });
  };
  extraView = function (f, out, full) {
    if (f.needsInput) { return; }
    box.hidden = false;
    if (!(f.correct || full)) {
      var b = el("button", say("show_model"), "sk-vis");
      b.type = "button";
      b.addEventListener("click", function () { shown = true; save(true); show(f, true); });
      out.appendChild(b);
      return;
    }
    var d = el("div", null, "sk-forslag");
    d.appendChild(el("p", say("model") + ":"));
    d.appendChild(el("p", ex.model, "sk-svar-tekst"));
    var p = el("p"); p.appendChild(el("strong", say("principle") + ": ")); p.appendChild(document.createTextNode(ex.principle)); d.appendChild(p);
    out.appendChild(d);
  };
  resetKind = function () { box.hidden = true; };
