/* Filters for the timeline page: by topic, by kind of entity involved, and by entity.
 *
 * The page is complete without this script: the form is hidden until it runs. The
 * filter state lives in the address (?topic=…&kind=…&entity=…), so a filtered view
 * can be shared and survives a reload.
 */
(function () {
  "use strict";

  var form = document.getElementById("tl-filters");
  if (!form) return;
  var fields = ["topic", "kind", "entity"];
  var attributes = { topic: "topics", kind: "kinds", entity: "entities" };
  var events = Array.prototype.slice.call(document.querySelectorAll(".tl-event[data-event]"));
  var status = document.getElementById("tl-filter-status");

  function wanted() {
    var values = {};
    fields.forEach(function (field) { values[field] = form.elements[field].value; });
    return values;
  }

  function matches(element, values) {
    return fields.every(function (field) {
      var value = values[field];
      return !value || element.getAttribute("data-" + attributes[field]).split(" ").indexOf(value) !== -1;
    });
  }

  /* Hide year and month headings that no longer have a visible event. */
  function hideEmptyHeadings() {
    var sections = [];
    var year = null;
    var month = null;
    Array.prototype.forEach.call(form.parentNode.children, function (node) {
      if (node.tagName === "H2") {
        year = { element: node, visible: 0 };
        month = null;
        sections.push(year);
      } else if (node.tagName === "H3") {
        month = { element: node, visible: 0 };
        sections.push(month);
      } else if (node.classList.contains("tl-event") && !node.hidden) {
        if (year) year.visible += 1;
        if (month) month.visible += 1;
      }
    });
    sections.forEach(function (section) { section.element.hidden = section.visible === 0; });
  }

  function apply() {
    var values = wanted();
    var shown = 0;
    events.forEach(function (element) {
      var visible = matches(element, values);
      element.hidden = !visible;
      var title = element.previousElementSibling;
      if (title && /^H[1-6]$/.test(title.tagName)) title.hidden = !visible;
      if (visible) shown += 1;
    });
    hideEmptyHeadings();
    status.textContent = shown === events.length
      ? "Showing all " + shown + " events."
      : "Showing " + shown + " of " + events.length + " events.";
  }

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    fields.forEach(function (field) {
      var select = form.elements[field];
      var value = params.get(field) || "";
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      select.value = known ? value : "";
    });
  }

  function writeAddress() {
    var params = new URLSearchParams(window.location.search);
    var values = wanted();
    fields.forEach(function (field) {
      if (values[field]) params.set(field, values[field]); else params.delete(field);
    });
    var query = params.toString();
    var address = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", address);
  }

  form.addEventListener("change", function () { writeAddress(); apply(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { writeAddress(); apply(); }, 0);
  });

  readAddress();
  form.hidden = false;
  apply();
})();
