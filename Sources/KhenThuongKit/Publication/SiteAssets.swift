import KhenThuongCore
import KhenThuongDefinitions
import KhenThuongStore

/// The site's style sheet and its one script (search), as shipped files.
enum SiteAssets {
    static let css = """
    :root { --ink: #1a1a1a; --muted: #555; --line: #c8c8c8; --accent: #8b0000; --band: #f4f1ea; }
    * { box-sizing: border-box; }
    body { font-family: "Noto Serif", "Times New Roman", Times, serif; color: var(--ink); margin: 0; line-height: 1.45; }
    header.site { background: var(--accent); color: #fff; padding: 0.8rem 1.5rem; }
    header.site a { color: #fff; text-decoration: none; font-weight: bold; }
    header.site p { margin: 0.2rem 0 0; font-size: 0.9rem; }
    nav { background: var(--band); padding: 0.5rem 1.5rem; border-bottom: 1px solid var(--line); }
    nav a { margin-right: 1.2rem; color: var(--accent); }
    main { padding: 1rem 1.5rem 2rem; max-width: 75rem; }
    h1 { font-size: 1.5rem; margin: 0.5rem 0 1rem; }
    h2 { font-size: 1.2rem; margin-top: 1.5rem; }
    table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.95rem; }
    caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
    th, td { border: 1px solid var(--line); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
    thead th { background: var(--band); }
    tbody th { font-weight: normal; }
    .num { text-align: right; white-space: nowrap; }
    tr.revoked td, tr.revoked th { color: var(--muted); }
    tr.revoked .award { text-decoration: line-through; }
    .badge { display: inline-block; border: 1px solid var(--accent); color: var(--accent); padding: 0 0.35rem; font-size: 0.8rem; font-weight: bold; text-decoration: none; }
    .verify-list { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
    .verify-list li { display: flex; flex-direction: column; align-items: center; max-width: 12rem; text-align: center; }
    .doc-head { display: flex; justify-content: space-between; text-align: center; margin-bottom: 1rem; }
    .doc-head div { flex: 1; }
    .meta { color: var(--muted); font-size: 0.9rem; }
    dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
    dl.fields dt { font-weight: bold; }
    dl.fields dd { margin: 0; }
    form.search input { font-size: 1.1rem; padding: 0.3rem 0.5rem; width: min(30rem, 100%); }
    form.search button { font-size: 1.1rem; padding: 0.3rem 0.8rem; }
    ul.results li { margin: 0.3rem 0; }
    footer { border-top: 1px solid var(--line); padding: 0.6rem 1.5rem; color: var(--muted); font-size: 0.8rem; word-break: break-all; }
    @page { size: A4; margin: 15mm 12mm; }
    @media print {
      body { font-size: 11pt; }
      header.site { background: none; color: #000; padding: 0; border-bottom: 2px solid #000; }
      header.site a { color: #000; }
      nav, form.search, .no-print { display: none; }
      main { padding: 0; max-width: none; }
      a { color: inherit; text-decoration: none; }
      table { font-size: 9.5pt; }
      thead { display: table-header-group; }
      tr { break-inside: avoid; }
      .badge { border-color: #000; color: #000; }
      footer { padding: 0.3rem 0; }
    }
    """

    /// Folds a query the way `Text.searchKey` folds names, then lists every index entry whose
    /// key holds every word of the query. Reads `?q=` on load so a link can carry a search.
    static let searchJS = """
    (function () {
      "use strict";
      function fold(s) {
        return s.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").replace(/[đĐ]/g, "d")
          .toLowerCase().replace(/\\s+/g, " ").trim();
      }
      var index = window.KHENTHUONG_SEARCH || [];
      var input = document.getElementById("q");
      var list = document.getElementById("results");
      var status = document.getElementById("status");
      var labels = JSON.parse(document.getElementById("labels").textContent);
      function run() {
        var words = fold(input.value).split(" ").filter(function (w) { return w.length > 0; });
        list.textContent = "";
        if (words.length === 0) { status.textContent = labels.empty; return; }
        var hits = index.filter(function (e) {
          return words.every(function (w) { return e.k.indexOf(w) >= 0; });
        });
        hits.forEach(function (e) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = e.u;
          a.textContent = e.n;
          li.appendChild(a);
          li.appendChild(document.createTextNode(" — " + e.d));
          if (e.r) {
            var b = document.createElement("span");
            b.className = "badge";
            b.textContent = labels.revoked;
            li.appendChild(document.createTextNode(" "));
            li.appendChild(b);
          }
          list.appendChild(li);
        });
        status.textContent = hits.length + " " + labels.found;
      }
      var q = new URLSearchParams(window.location.search).get("q");
      if (q) { input.value = q; }
      input.addEventListener("input", run);
      document.getElementById("search-form").addEventListener("submit", function (ev) {
        ev.preventDefault();
        try { history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); } catch (e) { /* file:// may refuse */ }
        run();
      });
      run();
    })();
    """
}
