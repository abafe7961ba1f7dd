/* The search page: Pagefind's interface, loaded from this site only when the page has
 * a search box. The index it queries was built with the site, in chunks, so a query
 * downloads a small part of it.
 */
(function () {
  "use strict";

  var box = document.getElementById("tl-search");
  if (!box) return;
  var bundle = box.getAttribute("data-bundle");

  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = bundle + "pagefind-ui.css";
  document.head.appendChild(style);

  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onload = function () {
    /* global PagefindUI */
    /* Long pages (the timeline) hold most events: their length must not push them down. */
    new PagefindUI({
      element: "#tl-search", bundlePath: bundle, showSubResults: true, showImages: false,
      ranking: { pageLength: 0 }
    });
    var input = box.querySelector("input");
    if (input) {
      input.setAttribute("aria-labelledby", "tl-search-label"); /* the page's visible label names it */
      var query = new URLSearchParams(window.location.search).get("q");
      if (query) {
        input.value = query;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
      input.focus();
    }
  };
  document.body.appendChild(script);
})();
