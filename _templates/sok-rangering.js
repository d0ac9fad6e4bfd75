/* Search ranking and snippets for the course book (Sphinx html_search_scorer; Sphinx puts this
 * file into language_data.js, which only search.html loads).
 *
 * 1. Ranking: a reader who searches for «innsyn» wants the chapter «Innsyn og offentlighet»,
 *    not the answer key. Pages whose own title holds a search word come first, the guidance
 *    chapters before other pages, a glossary entry after them, and the instructors' pages (the
 *    answer key above all) last.
 * 2. Snippets: Sphinx takes a result's text from the page's [role=main], which here also holds
 *    the header buttons, the print-only table of contents and «På denne siden». Take it from
 *    the article itself, without buttons, hidden code and toggles.
 */

var Scorer = {
  score: (result) => {
    const [docname, title, , , score] = result;
    const query = new URLSearchParams(window.location.search).get("q") || "";
    const words = query.toLowerCase().split(/\s+/).filter((w) => w.length > 1);
    const pageTitle = String(title || "").split(" > ")[0].toLowerCase();
    let adjusted = score;
    if (words.some((w) => pageTitle.includes(w))) adjusted += 20;
    // A glossary term matches as an index entry (score 100): show it, but after the chapter.
    if (docname === "book/ordliste") adjusted = Math.min(adjusted, 20);
    if (docname.startsWith("book/instruktor/")) adjusted -= 40;
    else if (/^book\/(?!hendelser$|ordliste$|referanser$|endringslogg$|tilgjengelighet$)/.test(docname)) adjusted += 10;
    return adjusted;
  },
  // Sphinx's defaults (searchtools.js uses these only when no Scorer is defined).
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};

if (typeof Search !== "undefined") {
  const sphinxHtmlToText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const doc = new DOMParser().parseFromString(htmlString, "text/html");
    const article = doc.querySelector("article.bd-article");
    if (!article) return sphinxHtmlToText(htmlString, anchor);
    const noise = ".headerlink, script, style, button, summary, noscript, .cell_input, .bok-sjekkliste-merknad";
    article.querySelectorAll(noise).forEach((el) => el.remove());
    if (anchor) {
      const part = article.querySelector(anchor);
      if (part) return part.textContent;
    }
    return article.textContent;
  };
}
