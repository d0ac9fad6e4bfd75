(function () {
  "use strict";
  // «Vår plan» in the static book: one document's form (somekurs/plan/static.py writes the HTML and
  // the data). What the reader writes is kept in this browser only (localStorage), as it is typed.
  // The checks, the carrying of exercise answers and the Markdown are the same as the Python ones
  // (checks.py, carry.py, document.py, export_md.py); a browser test compares them.
  var ID = "__SK_PLAN__";
  var P = "sk-plan-" + ID;
  var root = document.getElementById(P);
  if (!root || root.getAttribute("data-sk-klar")) { return; }
  // A saved notebook reopened in JupyterLab: the live form is the widget, not this copy.
  if (root.closest && root.closest(".jp-OutputArea, .jp-Cell")) { return; }
  root.setAttribute("data-sk-klar", "ja");
  var D = JSON.parse(document.getElementById(P + "-data").textContent);
  var idle = root.querySelector(".sk-ikke-startet");
  if (idle) { idle.parentNode.removeChild(idle); }
  var form = root.querySelector(".sk-plan-skjema");
  form.hidden = false;
  function q(s) { return root.querySelector(s); }
  function qa(s) { return Array.prototype.slice.call(root.querySelectorAll(s)); }
  // One of the page's sentences (data/texts, section plan, in the page's standard), {placeholders} filled.
  function T(key, values) {
    return String(D.texts[key]).replace(/\{(\w+)\}/g, function (m, k) { return values && has(values, k) ? String(values[k]) : m; });
  }
  function el(tag, txt, cls) { var e = document.createElement(tag); if (txt) { e.textContent = txt; } if (cls) { e.className = cls; } return e; }
  function has(o, k) { return o !== null && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k); }
  function isObj(a) { return a !== null && typeof a === "object" && !Array.isArray(a); }
  function words(s) { return String(s).split(/\s+/).filter(function (w) { return w; }).join(" "); }
  function cleanText(s) { return String(s).replace(/\r\n|[\r\u2028\u2029\x85]/g, "\n").replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]/g, "").slice(0, 20000); }

  // --- storage ---------------------------------------------------------------------------------
  function read(key) { try { var s = window.localStorage.getItem(key); return s === null ? undefined : JSON.parse(s); } catch (e) { return undefined; } }
  function write(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; }
  }
  function stored(doc) {
    var s = read(D.prefix + doc);
    return isObj(s) && isObj(s.fields) ? s : { v: 1, fields: {} };
  }
  var state = stored(ID);
  function save() {
    if (!write(D.storage, state)) { say(T("not_stored"), true); }
  }

  // --- values: the same shapes as model.clean_value --------------------------------------------
  var RISK = ["risiko", "sannsynlighet", "konsekvens", "tiltak"];
  function scale(v) { if (typeof v === "number" && v >= 1 && v <= 5 && Math.floor(v) === v) { return v; } if (typeof v === "string" && /^\s*[1-5]\s*$/.test(v)) { return parseInt(v, 10); } return null; }
  function clean(f, v) {
    var k = f.kind;
    if (k === "short" || k === "long") { if (typeof v !== "string") { return null; } v = cleanText(v); return k === "short" ? words(v) : v; }
    if (!Array.isArray(v)) { return null; }
    if (k === "list") { return v.every(function (x) { return typeof x === "string"; }) ? v.slice(0, 200).map(cleanText) : null; }
    if (k === "choice") {
      var known = f.options.map(function (o) { return o.id; });
      var picked = v.filter(function (x) { return known.indexOf(x) >= 0; });
      return f.multiple ? picked : picked.slice(0, 1);
    }
    var names = f.columns.map(function (c) { return c.id; }), rows = [];
    for (var i = 0; i < v.length && i < 200; i++) {
      if (!isObj(v[i])) { return null; }
      var row = {};
      names.forEach(function (n) {
        var cell = v[i][n];
        if (k === "risk" && (n === "sannsynlighet" || n === "konsekvens")) { row[n] = scale(cell); }
        else { row[n] = cleanText(typeof cell === "string" ? cell : (cell === null || cell === undefined ? "" : String(cell))); }
      });
      rows.push(row);
    }
    return rows;
  }
  function rowFilled(row) { return Object.keys(row).some(function (n) { var v = row[n]; return (typeof v === "string" && v.trim()) || typeof v === "number"; }); }
  function isEmpty(f, v) {
    if (v === null || v === undefined) { return true; }
    if (typeof v === "string") { return !v.trim(); }
    if (f.kind === "list" || f.kind === "choice") { return !v.some(function (x) { return typeof x === "string" && x.trim(); }); }
    return !v.some(rowFilled);
  }
  function items(f, v) {
    if (isEmpty(f, v)) { return []; }
    if (f.kind === "short" || f.kind === "long") { return [v]; }
    if (f.kind === "list" || f.kind === "choice") { return v.filter(function (x) { return x.trim(); }); }
    return v.filter(rowFilled);
  }
  function optionLabel(f, id) { var o = (f.options || []).filter(function (x) { return x.id === id; })[0]; return o ? o.label : id; }
  function asText(f, v) {
    if (isEmpty(f, v)) { return ""; }
    if (f.kind === "short" || f.kind === "long") { return String(v); }
    if (f.kind === "list") { return items(f, v).join("\n"); }
    if (f.kind === "choice") { return items(f, v).map(function (x) { return optionLabel(f, x); }).join("\n"); }
    return items(f, v).map(function (row) { return Object.keys(row).map(function (n) { return row[n]; }).filter(function (x) { return x !== null && x !== ""; }).join(" "); }).join("\n");
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  // --- carried answers (carry.py) --------------------------------------------------------------
  function answerOf(spec) {
    var kept = read("somekurs-svar:" + spec.exercise + ":" + spec.version);
    return isObj(kept) && has(kept, "a") ? kept.a : undefined;
  }
  function convert(f, spec, a) {
    var v = null;
    if (spec.mode === "text") {
      var t = isObj(a) ? a.text : a;
      if (typeof t !== "string" || !t.trim() || t.trim() === spec.draft.trim()) { return null; }
      v = f.kind === "list" ? t.split("\n").map(function (x) { return x.trim(); }).filter(function (x) { return x; }) : t.trim();
    } else if (spec.mode === "chosen") {
      var picked = Array.isArray(a) ? a : [a];
      var texts = spec.options.filter(function (o) { return picked.indexOf(o[0]) >= 0; }).map(function (o) { return o[1]; });
      v = f.kind === "list" ? texts : texts.join("\n");
    } else if (spec.mode === "sorted" && isObj(a)) {
      if (f.kind === "list") {
        v = spec.items.filter(function (i) { return a[i[0]] === spec.category; }).map(function (i) { return i[1]; });
      } else {
        v = spec.items.filter(function (i) { return typeof a[i[0]] === "string" && has(spec.categories, a[i[0]]); }).map(function (i) {
          var row = {}; row[spec.columns[0]] = i[1]; row[spec.columns[1]] = spec.categories[a[i[0]]]; return row;
        });
      }
    } else if (spec.mode === "risk" && isObj(a)) {
      var rows = spec.risks.map(function (r) {
        var pair = Array.isArray(a[r[0]]) && a[r[0]].length === 2 ? a[r[0]] : [];
        var l = scale(pair[0]), c = scale(pair[1]);
        var ok = l !== null && c !== null;
        return { risiko: r[1], sannsynlighet: ok ? l : null, konsekvens: ok ? c : null, tiltak: "" };
      });
      v = rows.some(function (r) { return r.sannsynlighet; }) ? rows : null;
    }
    if (v === null) { return null; }
    var c2 = clean(f, v);
    return c2 === null || isEmpty(f, c2) ? null : c2;
  }
  function carried(f, spec) {
    if (!spec) { return null; }
    if (spec.source === "exercise") {
      var a = answerOf(spec);
      var v = a === undefined ? null : convert(f, spec, a);
      return v === null ? null : { value: v, note: T("from_exercise", { title: spec.title }) };
    }
    var other = stored(spec.document), entry = other.fields[spec.field], value = null;
    if (isObj(entry) && has(entry, "value")) { value = clean(spec.target, entry.value); }
    else { var inner = carried(spec.target, spec.inner); value = inner ? inner.value : null; }
    if (value === null || isEmpty(f, value)) { return null; }
    return { value: value, note: T("from_plan", { title: spec.title }) };
  }
  function shown(fid) {
    var f = D.fields[fid], c = carried(f, D.carry[fid]), entry = state.fields[fid];
    if (isObj(entry) && has(entry, "value")) { return { value: clean(f, entry.value), own: true, carried: c }; }
    return { value: c ? c.value : null, own: false, carried: c };
  }

  // --- the controls ----------------------------------------------------------------------------
  function box(fid) { return q("[data-sk-felt='" + fid + "']"); }
  function riskLevel(l, c) { var s = l * c; return s >= 15 ? ["sk-hoy", D.risk.levels.high] : (s >= 6 ? ["sk-middels", D.risk.levels.middle] : ["sk-lav", D.risk.levels.low]); }
  function levelWord(row) { if (!row.sannsynlighet || !row.konsekvens) { return T("not_rated"); } return riskLevel(row.sannsynlighet, row.konsekvens)[1] + " (" + row.sannsynlighet * row.konsekvens + ")"; }
  function addRow(fid, row, focus) {
    var f = D.fields[fid], body = q("table[data-sk-tabell='" + fid + "'] tbody"), n = body.children.length + 1;
    var tr = el("tr");
    if (f.kind === "risk") { tr.appendChild(el("th", "R" + n)).setAttribute("scope", "row"); }
    f.columns.forEach(function (c) {
      var td = el("td"), input;
      if (f.kind === "risk" && (c.id === "sannsynlighet" || c.id === "konsekvens")) {
        input = el("select");
        var words0 = c.id === "sannsynlighet" ? D.risk.likelihood : D.risk.consequence;
        input.appendChild(el("option", T("choose"))).value = "";
        for (var k = 1; k <= 5; k++) { var o = el("option", k + " – " + words0[k]); o.value = String(k); input.appendChild(o); }
        input.value = row && row[c.id] ? String(row[c.id]) : "";
      } else {
        input = el(c.id === "risiko" || c.id === "tiltak" ? "textarea" : "input");
        if (input.tagName === "INPUT") { input.type = "text"; } else { input.rows = 2; }
        input.value = row && typeof row[c.id] === "string" ? row[c.id] : "";
      }
      input.setAttribute("data-sk-kolonne", c.id);
      input.setAttribute("aria-label", T("cell_label", { column: c.label, n: n }));
      td.appendChild(input);
      tr.appendChild(td);
      if (f.kind === "risk" && c.id === "konsekvens") { tr.appendChild(el("td", "", "sk-niva")); }
    });
    var td = el("td"), b = el("button", T("remove_row_n", { n: n }));
    b.type = "button";
    b.addEventListener("click", function () { tr.parentNode.removeChild(tr); renumber(fid); changed(fid); q("[data-sk-ny-rad='" + fid + "']").focus(); });
    td.appendChild(b); tr.appendChild(td);
    body.appendChild(tr);
    if (focus) { tr.querySelector("input, textarea, select").focus(); }
  }
  function renumber(fid) {
    var f = D.fields[fid];
    qa("table[data-sk-tabell='" + fid + "'] tbody tr").forEach(function (tr, i) {
      var n = i + 1;
      if (f.kind === "risk") { tr.querySelector("th").textContent = "R" + n; }
      tr.querySelectorAll("[data-sk-kolonne]").forEach(function (input) {
        var c = f.columns.filter(function (x) { return x.id === input.getAttribute("data-sk-kolonne"); })[0];
        input.setAttribute("aria-label", T("cell_label", { column: c.label, n: n }));
      });
      tr.querySelector("button").textContent = T("remove_row_n", { n: n });
    });
  }
  function collect(fid) {
    var f = D.fields[fid], b = box(fid);
    if (f.kind === "short" || f.kind === "long") { return b.querySelector("[data-sk-verdi]").value; }
    if (f.kind === "list") { return b.querySelector("[data-sk-verdi]").value.split("\n"); }
    if (f.kind === "choice") { return Array.prototype.slice.call(b.querySelectorAll("input[data-sk-valg]:checked")).map(function (i) { return i.value; }); }
    return Array.prototype.slice.call(b.querySelectorAll("tbody tr")).map(function (tr) {
      var row = {};
      tr.querySelectorAll("[data-sk-kolonne]").forEach(function (input) { row[input.getAttribute("data-sk-kolonne")] = input.value; });
      return clean(f, [row])[0];
    });
  }
  function fill(fid, v) {
    var f = D.fields[fid], b = box(fid);
    if (f.kind === "short" || f.kind === "long") { b.querySelector("[data-sk-verdi]").value = v === null ? "" : v; }
    else if (f.kind === "list") { b.querySelector("[data-sk-verdi]").value = v === null ? "" : v.join("\n"); }
    else if (f.kind === "choice") { b.querySelectorAll("input[data-sk-valg]").forEach(function (i) { i.checked = v !== null && v.indexOf(i.value) >= 0; }); }
    else {
      b.querySelector("tbody").textContent = "";
      (v && v.length ? v : [null]).forEach(function (row) { addRow(fid, row, false); });
    }
    if (f.kind === "risk") { matrix(fid); }
  }
  function matrix(fid) {
    var rows = collect(fid), marks = {};
    qa("table[data-sk-tabell='" + fid + "'] tbody tr").forEach(function (tr, i) {
      var row = rows[i], cell = tr.querySelector(".sk-niva");
      if (cell) { cell.textContent = levelWord(row); }
      if (row.sannsynlighet && row.konsekvens) { var k = row.sannsynlighet + "-" + row.konsekvens; (marks[k] = marks[k] || []).push("R" + (i + 1)); }
    });
    box(fid).querySelectorAll("[data-sk-celle]").forEach(function (td) { td.querySelector(".sk-merke").textContent = (marks[td.getAttribute("data-sk-celle")] || []).join(", "); });
  }
  function note(fid) {
    var s = shown(fid), out = q("[data-sk-hentet='" + fid + "']");
    out.textContent = "";
    if (!s.carried) { out.hidden = true; return; }
    if (!s.own) {
      out.appendChild(el("p", s.carried.note + " Du kan endre det. Da blir teksten din, og den blir ikke byttet ut."));
    } else if (!same(s.carried.value, s.value)) {
      out.appendChild(el("p", T("differs")));
      var b = el("button", T("refresh"));
      b.type = "button";
      b.addEventListener("click", function () {
        delete state.fields[fid]; save(); fill(fid, shown(fid).value); note(fid);
        var first = box(fid).querySelector("[data-sk-verdi], input, select, textarea"); if (first) { first.focus(); }
      });
      out.appendChild(b);
    } else { out.hidden = true; return; }
    out.hidden = false;
  }
  var pending = {}, timer = null;
  function changed(fid) {
    pending[fid] = true;
    if (D.fields[fid].kind === "risk") { matrix(fid); }
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(flush, 400);
  }
  function flush() {
    if (timer) { clearTimeout(timer); timer = null; }
    var stamp = new Date().toISOString().replace(/\.\d+Z$/, "+00:00");
    Object.keys(pending).forEach(function (fid) { state.fields[fid] = { value: clean(D.fields[fid], collect(fid)), saved_at: stamp }; });
    var any = Object.keys(pending).length;
    var was = pending; pending = {};
    if (any) { state = mergeSaved(was); save(); Object.keys(was).forEach(note); }
  }
  function mergeSaved(was) {
    // Another tab may have saved other fields: keep them, put ours on top.
    var now = stored(ID);
    Object.keys(was).forEach(function (fid) { now.fields[fid] = state.fields[fid]; });
    return now;
  }
  Object.keys(D.fields).forEach(function (fid) {
    var f = D.fields[fid], b = box(fid);
    fill(fid, shown(fid).value);
    note(fid);
    b.addEventListener("input", function () { changed(fid); });
    b.addEventListener("change", function () { changed(fid); });
    if (f.kind === "table" || f.kind === "risk") {
      q("[data-sk-ny-rad='" + fid + "']").addEventListener("click", function () { addRow(fid, null, true); renumber(fid); changed(fid); });
    }
  });
  var agency = q("[data-sk-virksomhet]");
  agency.value = typeof read(D.agency) === "string" ? read(D.agency) : "";
  agency.addEventListener("input", function () { write(D.agency, words(cleanText(agency.value)).slice(0, 120)); });
  window.addEventListener("pagehide", flush);

  // --- checks (checks.py) ----------------------------------------------------------------------
  var TOKEN = /[0-9A-Za-zÆØÅæøåÉéÈèÜüÖöÄäÓóÁá§]+/g;
  function tokens(s) { return (String(s).match(TOKEN) || []).map(function (t) { return t.toLowerCase(); }); }
  function termFound(term, s) {
    term = term.trim().toLowerCase();
    if (!term) { return false; }
    if (term.indexOf(" ") >= 0 || !/^[0-9A-Za-zÆØÅæøåÉéÈèÜüÖöÄäÓóÁá§]+$/.test(term)) { var needle = tokens(term).join(" "); return needle.length > 0 && tokens(s).join(" ").indexOf(needle) >= 0; }
    return tokens(s).some(function (t) { return t.indexOf(term) === 0; });
  }
  function rowName(f, row) { var t = String(row[f.columns[0].id] || "").trim(); return t ? (Array.from(t).length > 60 ? Array.from(t).slice(0, 60).join("") + "…" : t) : T("no_name"); }
  function values() { var v = {}; Object.keys(D.fields).forEach(function (fid) { v[fid] = shown(fid).value; }); return v; }
  function runChecks(v) {
    var found = [], order = {};
    D.parts.forEach(function (p) { p.fields.forEach(function (fid) { order[fid] = Object.keys(order).length; }); });
    D.parts.forEach(function (p) {
      p.fields.forEach(function (fid) {
        var f = D.fields[fid];
        if (f.required && isEmpty(f, v[fid])) { found.push({ check: "utfylt-" + fid, message: T("empty_field", { what: words(f.what) }), field: fid, section: f.section }); }
        if (f.kind === "risk") {
          items(f, v[fid]).forEach(function (row) {
            if (!(row.sannsynlighet && row.konsekvens)) { found.push({ check: "vurdert-" + fid, message: T("risk_unrated", { name: rowName(f, row) }), field: fid, section: f.section }); }
          });
        }
      });
    });
    D.checks.forEach(function (c) {
      var targets = c.fields.filter(function (n) { return has(D.fields, n); }).map(function (n) { return D.fields[n]; });
      if (!targets.length) { return; }
      var empty = targets.every(function (t) { return isEmpty(t, v[t.id]); });
      if (empty && targets.every(function (t) { return t.required; })) { return; }
      var first = targets[0].id;
      if (c.test === "must_any" || c.test === "must_not") {
        var text = targets.map(function (t) { return asText(t, v[t.id]); }).join("\n");
        var hits = c.terms.filter(function (t) { return termFound(t, text); });
        if ((c.test === "must_any" && !hits.length) || (c.test === "must_not" && hits.length)) { found.push({ check: c.id, message: c.advice.replace("{rad}", ""), field: first, section: c.section }); }
      } else if (c.test === "min_items") {
        var count = targets.reduce(function (n, t) { return n + items(t, v[t.id]).length; }, 0);
        if (count < c.min) { found.push({ check: c.id, message: c.advice, field: first, section: c.section }); }
      } else {
        targets.forEach(function (t) {
          items(t, v[t.id]).forEach(function (row) {
            var missing;
            if (c.test === "every_row") { var cell = row[c.column]; missing = cell === null || cell === undefined || (typeof cell === "string" && !cell.trim()); }
            else { missing = (row.sannsynlighet || 0) * (row.konsekvens || 0) >= c.min_score && !String(row.tiltak || "").trim(); }
            if (missing) { found.push({ check: c.id, message: c.advice.replace("{rad}", rowName(t, row)), field: t.id, section: c.section }); }
          });
        });
      }
    });
    return found.map(function (f, i) { f.n = i; return f; }).sort(function (a, b) { return (order[a.field] - order[b.field]) || (a.n - b.n); });
  }
  function advice(s) { return s.split(/\s+/).join(" ").trim(); }
  function showChecks() {
    flush();
    var found = runChecks(values()), out = q(".sk-plan-resultat");
    out.textContent = "";
    var n = found.length;
    out.appendChild(el("p", n ? T("summary_some", { n: n, title: D.title }) : T("summary_ready", { title: D.title }), "sk-dom"));
    if (n) {
      var ul = el("ul");
      found.forEach(function (f) {
        var li = el("li"), a = el("a", D.fields[f.field].label);
        a.href = "#" + P + "-" + f.field;
        li.appendChild(a); li.appendChild(document.createTextNode(": " + advice(f.message)));
        var link = D.links[f.section];
        if (link) { li.appendChild(document.createTextNode(" Les mer: ")); var s = el("a", link[1]); s.href = link[0]; li.appendChild(s); li.appendChild(document.createTextNode(".")); }
        ul.appendChild(li);
      });
      out.appendChild(ul);
    }
    return found;
  }

  // --- the document (document.py) and its Markdown (export_md.py) -------------------------------
  function today() { var d = new Date(); return d.getDate() + ". " + D.months[d.getMonth()] + " " + d.getFullYear(); }
  function fieldBlocks(f, v) {
    if (isEmpty(f, v)) { return [{ kind: "empty", text: T("empty") }]; }
    if (f.kind === "short" || f.kind === "long") { return [{ kind: "para", text: String(v).trim() }]; }
    if (f.kind === "list") { return [{ kind: "list", items: items(f, v).map(function (x) { return x.trim(); }) }]; }
    if (f.kind === "choice") { return [{ kind: "list", items: items(f, v).map(function (x) { return optionLabel(f, x); }) }]; }
    if (f.kind === "table") {
      return [{ kind: "table", header: f.columns.map(function (c) { return c.label; }), rows: items(f, v).map(function (row) { return f.columns.map(function (c) { return words(row[c.id] === null || row[c.id] === undefined ? "" : row[c.id]); }); }) }];
    }
    var rows = items(f, v);
    var table = rows.map(function (row, i) {
      return ["R" + (i + 1), words(row.risiko || ""), String(row.sannsynlighet || "–"), String(row.konsekvens || "–"), levelWord(row), words(row.tiltak || "")];
    });
    var placed = {};
    rows.forEach(function (row, i) { if (row.sannsynlighet && row.konsekvens) { var k = row.sannsynlighet + "-" + row.konsekvens; (placed[k] = placed[k] || []).push("R" + (i + 1)); } });
    var header = [T("matrix_corner")], body = [];
    for (var l = 1; l <= 5; l++) { header.push(l + " " + D.risk.likelihood[l]); }
    for (var c = 5; c >= 1; c--) {
      var cells = [c + " " + D.risk.consequence[c]];
      for (var l2 = 1; l2 <= 5; l2++) { var w = riskLevel(l2, c)[1], names = placed[l2 + "-" + c] || []; cells.push(names.length ? w + ": " + names.join(", ") : w); }
      body.push(cells);
    }
    return [
      { kind: "table", header: [T("head_number"), T("head_risk"), T("head_likelihood"), T("head_consequence"), T("head_level"), T("head_measure")], rows: table },
      { kind: "table", header: header, rows: body, caption: T("matrix_caption") }
    ];
  }
  function orphan(v) {
    if (typeof v === "string") { return v.trim() ? { kind: "para", text: v } : { kind: "empty", text: T("empty") }; }
    var lines = [];
    (Array.isArray(v) ? v : [v]).forEach(function (x) {
      if (isObj(x)) { lines.push(Object.keys(x).map(function (k) { return x[k]; }).filter(function (y) { return y !== null && y !== ""; }).map(String).join(" – ")); }
      else if (x !== null && x !== "" && x !== undefined) { lines.push(String(x)); }
    });
    lines = lines.filter(function (x) { return x.trim(); });
    return lines.length ? { kind: "list", items: lines } : { kind: "empty", text: T("empty") };
  }
  function build() {
    flush();
    var name = typeof read(D.agency) === "string" ? read(D.agency) : "";
    var blocks = [{ kind: "title", text: name ? D.title + " – " + name : D.title }, { kind: "para", text: D.summary },
      { kind: "note", text: T("draft_note", { course: D.course, date: today(), use: D.use }) }];
    D.parts.forEach(function (p) {
      blocks.push({ kind: "h1", text: p.title });
      p.fields.forEach(function (fid) {
        var f = D.fields[fid], s = shown(fid);
        blocks.push({ kind: "h2", text: f.label });
        blocks = blocks.concat(fieldBlocks(f, s.value));
        if (!s.own && s.carried) { blocks.push({ kind: "note", text: T("carried_note", { note: s.carried.note }) }); }
      });
    });
    var others = Object.keys(state.fields).filter(function (k) { return !has(D.fields, k); }).sort();
    if (others.length) {
      blocks.push({ kind: "h1", text: T("other_title") }, { kind: "para", text: T("other_intro") });
      others.forEach(function (k) { blocks.push({ kind: "h2", text: k }, orphan(isObj(state.fields[k]) ? state.fields[k].value : null)); });
    }
    return { title: blocks[0].text, blocks: blocks, sources: D.sources };
  }
  function md(text) {
    return String(text).replace(/\r\n/g, "\n").replace(/\r/g, "\n").split("\n").map(function (line) {
      line = line.trim().replace(/([\\`*_\[\]{}<>|&~])/g, "\\$1");
      return line.replace(/^(\s*)([#+=-]|\d+[.)])/, function (m, s, mark) { return s + mark.slice(0, -1) + "\\" + mark.slice(-1); });
    }).join("\n");
  }
  function cell(t) { return md(words(t)) || " "; }
  function blockMd(b) {
    if (b.kind === "title") { return "# " + md(b.text); }
    if (b.kind === "h1") { return "## " + md(b.text); }
    if (b.kind === "h2") { return "### " + md(b.text); }
    if (b.kind === "note" || b.kind === "empty") { return "*" + md(b.text) + "*"; }
    if (b.kind === "list") { return b.items.map(function (x) { return "- " + md(x); }).join("\n"); }
    if (b.kind === "table") {
      var lines = [];
      if (b.caption) { lines.push("**" + md(b.caption) + "**", ""); }
      lines.push("| " + b.header.map(cell).join(" | ") + " |");
      lines.push("|" + b.header.map(function () { return "---"; }).join("|") + "|");
      b.rows.forEach(function (r) { lines.push("| " + r.map(cell).join(" | ") + " |"); });
      return lines.join("\n");
    }
    return b.text.trim().split(/\n\s*\n/).filter(function (p) { return p.trim(); }).map(md).join("\n\n");
  }
  function sourceMd(line) {
    var at = line.lastIndexOf(" "), url = line.slice(at + 1);
    if (at > 0 && /^https?:\/\//.test(url) && !/[\s<>]/.test(url)) { return md(line.slice(0, at)) + " <" + url + ">"; }
    return md(line);
  }
  function markdown(doc) {
    var parts = doc.blocks.map(blockMd);
    if (doc.sources.length) { parts.push("## " + md(T("sources")), doc.sources.map(function (s) { return "- " + sourceMd(s); }).join("\n")); }
    return parts.join("\n\n").replace(/\s+$/, "") + "\n";
  }
  function download() {
    showChecks();
    var text = markdown(build());
    var url = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
    var a = el("a"); a.href = url; a.download = ID + ".md"; a.hidden = true;
    document.body.appendChild(a); a.click(); document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    say(T("downloaded", { file: ID + ".md" }), false, true);
  }
  function say(text, alert, keep) {
    var out = q(".sk-plan-resultat");
    if (!keep) { out.textContent = ""; }
    var p = el("p", text); if (alert) { p.setAttribute("role", "alert"); }
    out.appendChild(p);
  }

  // --- print: the document alone (the browser's own print command gives the same) ---------------
  var printed = null;
  function printView() {
    var doc = build(), wrap = el("div", null, "sk-plan-utskrift");
    wrap.setAttribute("lang", D.lang);
    var style = el("style"); style.textContent = q("style").textContent; wrap.appendChild(style);
    doc.blocks.forEach(function (b) {
      if (b.kind === "title") { wrap.appendChild(el("h1", b.text)); }
      else if (b.kind === "h1") { wrap.appendChild(el("h2", b.text)); }
      else if (b.kind === "h2") { wrap.appendChild(el("h3", b.text)); }
      else if (b.kind === "note" || b.kind === "empty") { wrap.appendChild(el("p", b.text, "sk-notat")); }
      else if (b.kind === "list") { var ul = el("ul"); b.items.forEach(function (x) { ul.appendChild(el("li", x)); }); wrap.appendChild(ul); }
      else if (b.kind === "table") {
        var t = el("table");
        if (b.caption) { t.appendChild(el("caption", b.caption)); }
        var tr = el("tr"); b.header.forEach(function (h) { var th = el("th", h); th.setAttribute("scope", "col"); tr.appendChild(th); });
        var thead = el("thead"); thead.appendChild(tr); t.appendChild(thead);
        var tb = el("tbody"); b.rows.forEach(function (r) { var row = el("tr"); r.forEach(function (c) { row.appendChild(el("td", c)); }); tb.appendChild(row); }); t.appendChild(tb);
        wrap.appendChild(t);
      } else { b.text.trim().split(/\n\s*\n/).forEach(function (p) { if (p.trim()) { wrap.appendChild(el("p", p.trim())); } }); }
    });
    wrap.appendChild(el("h2", T("sources")));
    var ol = el("ol"); doc.sources.forEach(function (s) { ol.appendChild(el("li", s)); }); wrap.appendChild(ol);
    return wrap;
  }
  function beforePrint() {
    if (printed) { return; }
    printed = printView();
    document.body.appendChild(printed);
    document.documentElement.classList.add("sk-skriver-plan");
  }
  function afterPrint() {
    document.documentElement.classList.remove("sk-skriver-plan");
    if (printed && printed.parentNode) { printed.parentNode.removeChild(printed); }
    printed = null;
  }
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);

  // --- buttons ---------------------------------------------------------------------------------
  function confirmBox(open) { var b = q(".sk-bekreft"); b.hidden = !open; (open ? b.querySelector("[data-sk='ja-slett']") : q("[data-sk='slett']")).focus(); }
  q("[data-sk='sjekk']").addEventListener("click", showChecks);
  q("[data-sk='last-ned']").addEventListener("click", download);
  q("[data-sk='skriv-ut']").addEventListener("click", function () { showChecks(); beforePrint(); window.print(); });
  q("[data-sk='slett']").addEventListener("click", function () { confirmBox(true); });
  q("[data-sk='avbryt']").addEventListener("click", function () { confirmBox(false); });
  q("[data-sk='ja-slett']").addEventListener("click", function () {
    pending = {}; if (timer) { clearTimeout(timer); timer = null; }
    state = { v: 1, fields: {} };
    try { window.localStorage.removeItem(D.storage); } catch (e) { /* nothing kept */ }
    Object.keys(D.fields).forEach(function (fid) { fill(fid, shown(fid).value); note(fid); });
    confirmBox(false);
    say(T("deleted", { title: D.title }));
  });
  window.somekursPlan = window.somekursPlan || {};
  window.somekursPlan[ID] = { build: build, markdown: function () { return markdown(build()); }, checks: function () { flush(); return runChecks(values()); }, flush: flush };
})();
