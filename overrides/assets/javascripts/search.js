/* The search page: a search box over Pagefind's index, which was built with the site in
 * chunks. Only Pagefind's small search library is loaded (no interface bundle), and a
 * query downloads the chunks for its words and the fragments of the results it shows.
 * The query lives in the address (?q=…), so a search can be shared.
 */
(function () {
  "use strict";

  var form = document.getElementById("tl-search");
  if (!form) return;
  var input = form.elements.q;
  var status = document.getElementById("tl-search-status");
  var list = document.getElementById("tl-search-results");
  /* The index is at the site's root, two folders above this script: found from the script's
   * own address, never from the page, whose text a contributor writes. */
  var bundle = new URL("../../pagefind/", document.currentScript.src).href;
  var SHOWN = 5; /* results shown for a query; each loads one small fragment */
  var pagefind = null;
  var latest = 0;

  function load() {
    if (!pagefind) {
      pagefind = import(bundle + "pagefind.js").then(function (module) {
        /* Long pages (a timeline period) hold most events: length must not push them down. */
        return module.options({ ranking: { pageLength: 0 } }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function item(url, title, excerpt, nested) {
    var li = document.createElement("li");
    li.className = nested ? "tl-search-sub" : "tl-search-result";
    var link = document.createElement("a");
    link.href = url;
    link.textContent = title;
    li.appendChild(link);
    var text = document.createElement("p");
    text.innerHTML = excerpt; /* Pagefind's excerpt: the page's own text, escaped, with <mark> */
    li.appendChild(text);
    return li;
  }

  function show(query, results, total) {
    list.textContent = "";
    results.forEach(function (result) {
      var li = item(result.url, result.meta.title || result.url, result.excerpt, false);
      var subs = (result.sub_results || []).filter(function (s) { return s.url !== result.url; });
      if (subs.length) {
        var nested = document.createElement("ul");
        subs.slice(0, 4).forEach(function (s) { nested.appendChild(item(s.url, s.title, s.excerpt, true)); });
        li.appendChild(nested);
      }
      list.appendChild(li);
    });
    status.textContent = total === 0
      ? "No results for " + query + "."
      : total + " result" + (total === 1 ? "" : "s") + " for " + query +
        (total > results.length ? "; the first " + results.length + " are shown." : ".");
  }

  function search() {
    var query = input.value.trim();
    var params = new URLSearchParams(window.location.search);
    if (query) params.set("q", query); else params.delete("q");
    var address = window.location.pathname + (params.toString() ? "?" + params : "");
    window.history.replaceState(null, "", address);
    if (!query) {
      list.textContent = "";
      status.textContent = "";
      return;
    }
    var ticket = ++latest;
    load()
      .then(function (module) { return module.debouncedSearch(query, {}, 150); })
      .then(function (found) {
        if (!found || ticket !== latest) return; /* a newer query replaced this one */
        return Promise.all(found.results.slice(0, SHOWN).map(function (r) { return r.data(); }))
          .then(function (results) { if (ticket === latest) show(query, results, found.results.length); });
      })
      .catch(function () { status.textContent = "Search could not be loaded."; });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); search(); });
  input.addEventListener("input", search);
  input.value = new URLSearchParams(window.location.search).get("q") || "";
  form.hidden = false;
  /* Start the library while the reader types: the first result then needs only the
     chunks of the query's words. */
  load().then(function (module) { return module.init(); }).catch(function () {});
  if (input.value) search();
})();
