/* Material's search is a dialog without a name; screen readers announce it as
 * "dialog". It only exists with JavaScript, so naming it here is enough. */
(function () {
  "use strict";
  var dialog = document.querySelector(".md-search[role=dialog]");
  if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
})();
