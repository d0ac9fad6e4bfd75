  judge = function (a) {
    var t = text(a);
    if (!t) { return ask(say("ask_dilemma")); }
    return fb(null, 1, say("dilemma_saved"), [line(say("suggestion"), null, ex.suggestion), line(say("principle"), null, ex.principle)]);
  };
  collect = function () { return q("textarea").value; };
  extraView = function (f, out) {
    if (f.needsInput) { return; }
    out.appendChild(el("p", "Ditt svar:"));
    out.appendChild(el("p", q("textarea").value, "sk-svar-tekst"));
  };
  restore = function (a) { q("textarea").value = typeof a === "string" ? a : ""; };
