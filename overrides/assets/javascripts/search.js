/* The search page: a search box over Pagefind's index, which was built with the site in
 * chunks. Only Pagefind's small search library is loaded (no interface bundle), and a
 * query downloads the chunks for its words and the fragments of the results it shows.
 * Each event is one record, its own page: events come first, with their dates; "More
 * results" loads the next few; a search that finds nothing suggests the closest event
 * titles and names. The query lives in the address (?q=…), so a search can be shared.
 */
(function () {
  "use strict";

  var form = document.getElementById("tl-search");
  if (!form) return;
  var input = form.elements.q;
  var status = document.getElementById("tl-search-status");
  var list = document.getElementById("tl-search-results");
  var more = document.getElementById("tl-search-more");
  /* The index and the names are at the site's root, two folders above this script: found
   * from the script's own address, never from the page, whose text a contributor writes. */
  var root = new URL("../../", document.currentScript.src).href;
  var STEP = 10; /* results loaded at a time; each loads one small fragment */
  var SUGGESTED = 5;
  var pagefind = null;
  var names = null;
  var latest = 0;
  var found = [];
  var shown = 0;
  var query = "";

  function load() {
    if (!pagefind) {
      pagefind = import(root + "pagefind/pagefind.js").then(function (module) {
        /* An event page's length must not push it below a shorter page. */
        return module.options({ ranking: { pageLength: 0 } }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  function item(url, title, excerpt, date, nested) {
    var li = document.createElement("li");
    li.className = nested ? "tl-search-sub" : "tl-search-result";
    if (date) {
      var when = document.createElement("span");
      when.className = "tl-search-date";
      when.textContent = date;
      li.appendChild(when);
    }
    var link = document.createElement("a");
    link.href = url;
    link.textContent = title;
    li.appendChild(link);
    var text = document.createElement("p");
    text.innerHTML = excerpt; /* Pagefind's excerpt: the page's own text, escaped, with <mark> */
    li.appendChild(text);
    return li;
  }

  /* An event's record is its page: its date labels it, and its sections are not listed. */
  function add(result) {
    var event = result.meta.kind === "event";
    var li = item(result.url, result.meta.title || result.url, result.excerpt, event ? result.meta.date : "", false);
    var subs = event ? [] : (result.sub_results || []).filter(function (s) { return s.url !== result.url; });
    if (subs.length) {
      var nested = document.createElement("ul");
      subs.slice(0, 4).forEach(function (s) { nested.appendChild(item(s.url, s.title, s.excerpt, "", true)); });
      li.appendChild(nested);
    }
    list.appendChild(li);
  }

  function describe() {
    var total = found.length;
    status.textContent = total + " result" + (total === 1 ? "" : "s") + " for " + query +
      (total > shown ? "; the first " + shown + " are shown." : ".");
    more.hidden = shown >= total;
  }

  /* The next few results, events before other pages within them. */
  function next(ticket) {
    var batch = found.slice(shown, shown + STEP);
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (results) {
      if (ticket !== latest) return;
      var events = results.filter(function (r) { return r.meta.kind === "event"; });
      events.concat(results.filter(function (r) { return r.meta.kind !== "event"; })).forEach(add);
      shown += batch.length;
      describe();
    });
  }

  /* Words cut to their first four letters, the way readers mistype or shorten them. */
  function stems(text) {
    return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []).map(function (w) { return w.slice(0, 4); });
  }

  function closest(words, candidates) {
    var wanted = stems(words);
    return candidates
      .map(function (c) {
        var own = stems(c[0]);
        var shared = wanted.filter(function (w) {
          return own.some(function (o) { return o.indexOf(w) === 0 || w.indexOf(o) === 0; });
        }).length;
        return { name: c[0], url: root + c[1], score: shared / Math.max(own.length, 1) + shared };
      })
      .filter(function (c) { return c.score > 0; })
      .sort(function (a, b) { return b.score - a.score; })
      .slice(0, SUGGESTED);
  }

  function suggest(ticket) {
    status.textContent = "No results for " + query + ".";
    more.hidden = true;
    if (!names) names = fetch(root + "timeline/names.json").then(function (r) { return r.json(); });
    return names.then(function (candidates) {
      if (ticket !== latest) return;
      var near = closest(query, candidates);
      if (!near.length) near = candidates.slice(0, SUGGESTED).map(function (c) { return { name: c[0], url: root + c[1] }; });
      var li = document.createElement("li");
      li.className = "tl-search-suggest";
      li.appendChild(document.createTextNode("Perhaps one of these: "));
      near.forEach(function (c, i) {
        var link = document.createElement("a");
        link.href = c.url;
        link.textContent = c.name;
        li.appendChild(link);
        if (i < near.length - 1) li.appendChild(document.createTextNode(" · "));
      });
      list.appendChild(li);
    });
  }

  function search() {
    query = input.value.trim();
    var params = new URLSearchParams(window.location.search);
    if (query) params.set("q", query); else params.delete("q");
    var address = window.location.pathname + (params.toString() ? "?" + params : "");
    window.history.replaceState(null, "", address);
    var ticket = ++latest;
    if (!query) {
      list.textContent = "";
      status.textContent = "";
      more.hidden = true;
      return;
    }
    load()
      .then(function (module) { return module.debouncedSearch(query, {}, 150); })
      .then(function (search) {
        if (!search || ticket !== latest) return; /* a newer query replaced this one */
        list.textContent = "";
        found = search.results;
        shown = 0;
        return found.length ? next(ticket) : suggest(ticket);
      })
      .catch(function () { status.textContent = "Search could not be loaded."; });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); search(); });
  input.addEventListener("input", search);
  more.addEventListener("click", function () { next(latest); });
  input.value = new URLSearchParams(window.location.search).get("q") || "";
  form.hidden = false;
  /* Start the library while the reader types: the first result then needs only the
     chunks of the query's words. */
  load().then(function (module) { return module.init(); }).catch(function () {});
  if (input.value) search();
})();
