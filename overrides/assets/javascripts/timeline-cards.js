/* A "Copy link" button on each event of the timeline: it copies the event's permanent
 * address (this page, without the filters' query, and the event's anchor) and says
 * "Link copied" to screen readers through one polite status line.
 *
 * The buttons exist only where this script runs, so a page without JavaScript has no
 * button that does nothing; the title's own ¶ link is the permalink there.
 */
(function () {
  "use strict";

  var events = document.querySelectorAll(".tl-event[data-event]");
  if (!events.length) return;

  var status = document.createElement("p");
  status.className = "tl-sr-only";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  events[events.length - 1].parentNode.appendChild(status);

  function address(id) {
    var url = new URL(window.location.href);
    url.search = "";
    url.hash = id;
    return url.href;
  }

  /* The clipboard API needs a secure context; elsewhere, the older copy command. */
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.className = "tl-sr-only";
      document.body.appendChild(field);
      field.select();
      var done = document.execCommand("copy");
      document.body.removeChild(field);
      if (done) resolve(); else reject(new Error("copy refused"));
    });
  }

  function announce(message) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  Array.prototype.forEach.call(events, function (event) {
    var id = event.getAttribute("data-event");
    var line = event.querySelector(".tl-marks");
    var title = event.previousElementSibling;
    if (!id || !line) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "tl-copy";
    button.textContent = "Copy link";
    /* "Copy link" alone does not say to what: the event's title describes it. */
    if (title && title.id === id) button.setAttribute("aria-describedby", id);
    button.addEventListener("click", function () {
      var url = address(id);
      copy(url).then(
        function () { announce("Link copied"); },
        function () { announce("Could not copy the link: " + url); }
      );
    });
    line.appendChild(button);
  });
})();
