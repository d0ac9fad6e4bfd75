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
      else if (/^(bilde av|bildet viser)/.test(a.toLowerCase())) { add("alt-bilde-av", "bør", {}); }
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
  judge = function (a) {
    var alt = null;
    if (a && typeof a === "object" && !Array.isArray(a)) { alt = has(a, "alt_text") ? a.alt_text : null; a = has(a, "text") ? a.text : null; }
    var t = text(a);
    if (!t) { return ask(C.messages["tom"]); }
    if (alt !== null && typeof alt !== "string") { alt = null; }
    if (typeof alt === "string" && Array.from(alt).length > D.maxText) { return ask(say("alt_too_long")); }
    var r = analyse(t, ex.platform, alt, !!ex.needs_image, ex.lix_max);
    var must = r.findings.filter(function (f) { return f.level === "må"; });
    var failed = must.map(function (f) { return f.code; }).filter(function (c, i, all) { return all.indexOf(c) === i; }).length;
    var ok = must.length === 0;
    var facts = say("text_facts", { length: r.length, kind: say(r.limit.rule ? "rule" : "advice"), limit: r.limit.chars, lix: num(r.lix) });
    var sum = ok ? say("text_ok") + facts + (r.findings.length ? say("see_advice") : "") : say("text_fix", { n: must.length }) + facts;
    var details = r.findings.map(function (f) { return line(say(f.level === "må" ? "must" : "should"), null, f.message); });
    return fb(ok, r.checks ? Math.round(Math.max(0, r.checks - failed) / r.checks * 1000) / 1000 : 0, sum, details,
      { lix: r.lix, length: r.length, limit: r.limit.chars, rule: r.limit.rule, codes: r.findings.map(function (f) { return f.code; }) });
  };
  collect = function () {
    var alt = q("textarea[data-sk-alt]");
    return { text: q("textarea[data-sk-utkast]").value, alt_text: alt ? alt.value : null };
  };
  restore = function (a) {
    var o = a && typeof a === "object" ? a : {}, alt = q("textarea[data-sk-alt]");
    q("textarea[data-sk-utkast]").value = typeof o.text === "string" ? o.text : (typeof a === "string" ? a : "");
    if (alt) { alt.value = typeof o.alt_text === "string" ? o.alt_text : ""; }
  };
