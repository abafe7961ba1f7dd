/* Filters for the timeline: by topic, by kind of entity involved, and by entity.
 *
 * Every page is complete without this script: the form is hidden until it runs. The
 * filter state lives in the address (?topic=…&kind=…&entity=…), so a filtered view can
 * be shared and survives a reload.
 *
 * A timeline too long for one page is split into periods under an overview page. On a
 * period page the filters act on its events; on the overview they load a compact index
 * of every event (events.json, only when a filter is chosen) and list the matches with
 * links into their periods. The overview also forwards a permanent address,
 * timeline/#<event>, to the period page that holds the event: the map of events to
 * pages is written in parts (pages/<n>.json) by a hash of the event's id, so forwarding
 * loads one small part.
 *
 * While filters are on, the intro's count, the table of contents and the chart follow
 * them (the mark of an event the filters hide is hidden; in a lane too full for a mark an
 * event, each month's bar counts only the events kept, from the list of the events' places
 * in the page's order that it carries, each a step from the one before (on the overview,
 * from the index, whose events name the bars that count them), and a month with none
 * is hidden);
 * each option says how many events it would match with the other filters as they are, and
 * one that would match none is disabled; when no event matches, the status says which
 * filters exclude each other and offers to clear each one; and a link to an event that the
 * filters hide (a permalink, a related report) shows that event anyway, saying that it is
 * outside the filters. A value in the address that no option has (the "Involving" menu
 * offers only those that the page's events involve) is dropped from it, with a notice that
 * says so.
 *
 * On a phone the menus fold behind a disclosure button, "Filter events (2 on)", closed
 * until the reader opens it; the style sheet shows them always on a wide screen.
 */
(function () {
  "use strict";

  var fields = ["topic", "kind", "entity"];
  var names = { topic: "the topic", kind: "the kind of entity involved", entity: "who or what is involved" };
  var nouns = { topic: "topic", kind: "kind of entity", entity: "entity" };
  var attributes = { topic: "topics", kind: "kinds", entity: "entities" };
  var LISTED = 200; /* matches listed on the overview; the count says how many more */

  forwardPermalink();
  openChartsOnTheirDensestStretch();
  drawAMarksTitleWhenItIsWanted();
  showATitleBeforeFollowingTheMark();

  var form = document.getElementById("tl-filters");
  if (!form) return;
  var status = document.getElementById("tl-filter-status");
  var overview = form.getAttribute("data-overview");
  var events = Array.prototype.slice.call(document.querySelectorAll(".tl-event[data-event]"));
  /* The events, their headings and their contents' links share this parent, wherever the form is. */
  var content = events.length ? events[0].parentNode : form.parentNode;
  var toggle = form.querySelector(".tl-filter-toggle");
  var toggleText = toggle.textContent;
  var index = null; /* the overview's events, once loaded */
  var count = document.getElementById("tl-count");
  var countText = count ? count.textContent : "";
  var notice = null; /* says which values of the address were dropped */
  /* each event's mark, and a key event's label too, hide with the event */
  var marks = Array.prototype.slice.call(document.querySelectorAll(".tl-chart--overview [data-event]"));
  var counts = Array.prototype.slice.call(document.querySelectorAll(".tl-chart--overview .tl-mark[data-events], .tl-chart--overview .tl-mark[data-bucket]"));
  var totals = counts.map(function (mark) { return mark.querySelector("text").textContent; });
  var empty = document.createElement("div");
  empty.className = "tl-filter-empty";
  empty.hidden = true;
  status.parentNode.insertBefore(empty, status.nextSibling);

  /* A chart wider than its box opens scrolled to the middle of its densest stretch, which
   * the build computes (data-focus, in px from the chart's left), not on its first month. */
  function openChartsOnTheirDensestStretch() {
    document.querySelectorAll(".tl-chart-scroll[data-focus]").forEach(function (box) {
      box.scrollLeft = Number(box.getAttribute("data-focus")) - box.clientWidth / 2;
    });
  }

  /* A mark's title is written once, as its name (aria-label; a mark of the phone's drawing
   * refers to the same event's mark in the full one): the first time the pointer or focus
   * comes to a mark, its tip is drawn from that name, just above the mark's hit target,
   * starting at its left or, for a mark right of the middle (tl-mark--end), ending at its
   * right; the style sheet shows it while the mark is hovered or has focus. */
  function drawAMarksTitleWhenItIsWanted() {
    function draw(event) {
      var mark = event.target.closest && event.target.closest(".tl-chart--overview a.tl-mark");
      var hit = mark && mark.querySelector(".tl-hit");
      if (!hit || mark.querySelector(".tl-tip")) return;
      var end = mark.classList.contains("tl-mark--end");
      var tip = document.createElementNS("http://www.w3.org/2000/svg", "text");
      tip.setAttribute("class", end ? "tl-tip tl-tip--end" : "tl-tip");
      tip.setAttribute("x", hit.x.baseVal.value + (end ? hit.width.baseVal.value : 0));
      tip.setAttribute("y", hit.y.baseVal.value - 3);
      var named = mark.hasAttribute("aria-label") ? mark : document.getElementById(mark.getAttribute("aria-labelledby"));
      tip.textContent = named.getAttribute("aria-label");
      mark.appendChild(tip); /* last: drawn over the mark's own shapes */
      var view = inSight(mark.ownerSVGElement);
      var wide = view && view.width && tip.getBBox().width > view.width;
      if (wide) wrap(tip, view.width - 8);
      if (wide || (view && view.height && tip.getBBox().y < view.y)) below(tip, hit);
      keepInside(tip, view);
    }
    /* Lines that would rise past the drawing's top, or into the storyline's name over it,
     * go just under the mark instead. */
    function below(tip, hit) {
      tip.setAttribute("y", hit.y.baseVal.value + hit.height.baseVal.value + 3);
      tip.setAttribute("dominant-baseline", "hanging");
      if (tip.firstElementChild) tip.firstElementChild.setAttribute("dy", "0");
    }
    /* The part of the drawing in sight, in its own units: a wide one scrolls sideways in
     * its box. */
    function inSight(svg) {
      var view = svg.viewBox.baseVal, box = svg.closest(".tl-chart-scroll");
      var drawn = svg.getBoundingClientRect();
      if (!view || !box || !drawn.width) return view;
      var seen = box.getBoundingClientRect(), scale = view.width / drawn.width;
      var left = Math.max(seen.left, drawn.left), right = Math.min(seen.right, drawn.right);
      var x = view.x + (left - drawn.left) * scale;
      return { x: x, y: view.y, width: (right - left) * scale, height: view.height };
    }
    /* A title wider than the drawing (a long one, on a phone) is broken into lines, the
     * last just above the mark, as SVG text does not wrap by itself. */
    function wrap(tip, width) {
      var words = tip.textContent.split(" "), x = tip.getAttribute("x"), lines = [];
      tip.textContent = "";
      words.forEach(function (word) {
        var line = lines[lines.length - 1];
        var before = line ? line.textContent : "";
        if (line) line.textContent = before + " " + word;
        if (!line || line.getComputedTextLength() > width) {
          if (line) line.textContent = before;
          line = document.createElementNS("http://www.w3.org/2000/svg", "tspan");
          line.setAttribute("x", x);
          line.textContent = word;
          tip.appendChild(line);
          lines.push(line);
        }
      });
      lines.forEach(function (line, i) {
        line.setAttribute("dy", i ? "1.2em" : -1.2 * (lines.length - 1) + "em");
        if (i < lines.length - 1) line.textContent += " "; /* the title reads whole, copied or spoken */
      });
    }
    /* A title beside a mark near the drawing's edge would run off it, cut at the page's
     * side on a phone, or under the last storyline, at its foot: it moves inside. */
    function keepInside(tip, view) {
      var box = tip.getBBox();
      if (!box.width || !view || !view.width) return;
      var shift = inside(box.x, box.width, view.x, view.width);
      var rise = inside(box.y, box.height, view.y, view.height);
      if (rise) tip.setAttribute("y", Number(tip.getAttribute("y")) + rise);
      if (!shift) return;
      [tip].concat([].slice.call(tip.children)).forEach(function (part) {
        part.setAttribute("x", Number(part.getAttribute("x")) + shift);
      });
    }
    /* How far to move a span [at, at + size] into [from, from + room], its start first. */
    function inside(at, size, from, room) {
      return at < from ? from - at : Math.min(from + room - (at + size), 0);
    }
    document.addEventListener("pointerover", draw);
    document.addEventListener("focusin", draw);
  }

  /* On a touch screen nothing hovers, so the first tap on a mark shows its title (the tip
   * that focus shows) and a second tap on the same mark follows its link; Enter (a click
   * with no tap, detail 0) and a mouse follow it at once. */
  function showATitleBeforeFollowingTheMark() {
    var shown = null; /* the mark whose title the last tap showed */
    document.addEventListener("click", function (event) {
      var mark = event.target.closest && event.target.closest(".tl-chart--overview a.tl-mark");
      var touch = event.pointerType ? event.pointerType !== "mouse" : window.matchMedia("(pointer: coarse)").matches;
      if (!mark || !mark.querySelector(".tl-hit") || event.detail === 0 || !touch) return;
      if (mark === shown && document.activeElement === mark) return;
      event.preventDefault();
      shown = mark;
      mark.focus({ preventScroll: true });
    });
  }

  /* The overview forwards timeline/#<id> to the page of the period that holds the event. */
  function forwardPermalink() {
    var periods = document.getElementById("tl-periods");
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!periods || !id || document.getElementById(id)) return;
    var hash = 0; /* as the build computes it: 31 * h + character code, in 32 bits */
    for (var i = 0; i < id.length; i++) hash = (Math.imul(hash, 31) + id.charCodeAt(i)) >>> 0;
    var shard = hash % Number(periods.getAttribute("data-shards"));
    fetch(periods.getAttribute("data-pages") + shard + ".json")
      .then(function (response) { return response.json(); })
      .then(function (pages) {
        if (Object.prototype.hasOwnProperty.call(pages, id)) {
          window.location.replace(pages[id] + "/" + window.location.search + "#" + encodeURIComponent(id));
        }
      })
      .catch(function () { /* the overview still lists every period */ });
  }

  function wanted() {
    var values = {};
    fields.forEach(function (field) { values[field] = form.elements[field].value; });
    return values;
  }

  function anyWanted(values) {
    return fields.some(function (field) { return values[field]; });
  }

  /* The ids an option stands for: itself, and for a parent, every entity under it. */
  var parents = {};
  Array.prototype.forEach.call(form.querySelectorAll("option[data-covers]"), function (option) {
    parents[option.value] = option.getAttribute("data-covers").split(" ");
  });

  function covers(field, value) {
    return field === "entity" && Object.prototype.hasOwnProperty.call(parents, value) ? parents[value] : [value];
  }

  function matchesField(lists, field, value) {
    return !value || covers(field, value).some(function (id) { return lists[field].indexOf(id) !== -1; });
  }

  function matches(lists, values) {
    return fields.every(function (field) { return matchesField(lists, field, values[field]); });
  }

  /* Each option's count of the events it would match with the other filters as they are. */
  function recount(records, values) {
    fields.forEach(function (field) {
      var select = form.elements[field];
      var others = records.filter(function (lists) {
        return fields.every(function (f) { return f === field || matchesField(lists, f, values[f]); });
      });
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        var count = others.filter(function (lists) { return matchesField(lists, field, option.value); }).length;
        var indent = option.textContent.match(/^\u00a0*/)[0]; /* under its parent */
        option.textContent = indent + option.getAttribute("data-name") + " (" + count.toLocaleString("en") + ")";
        option.disabled = count === 0 && option.value !== select.value;
      });
    });
  }

  /* The chart shows the marks of the events shown (ids: every event when null). */
  function followChart(ids) {
    marks.forEach(function (mark) {
      mark.classList.toggle("tl-mark--out", ids !== null && !ids[mark.getAttribute("data-event")]);
    });
  }

  /* Each month's bar counts the events kept (kept: whether each event, in the page's
   * order, is; every event when null), and a bar with none is hidden. A bar lists its
   * events' places, or, on the overview, has a number that the index's events name. */
  function followCounts(kept) {
    var held = kept && index ? countsHeld(kept) : {};
    counts.forEach(function (mark, i) {
      var n = Number(totals[i]);
      if (kept && mark.hasAttribute("data-bucket")) {
        n = held[mark.getAttribute("data-bucket")] || 0;
      } else if (kept) {
        var place = 0; /* each is written as a step from the one before */
        n = mark.getAttribute("data-events").split(" ").filter(function (step) { return kept[(place += Number(step))]; }).length;
      }
      var label = mark.getAttribute("aria-label").match(/^(.*): [\d,]+ events? in (.*)$/);
      mark.querySelector("text").textContent = String(n);
      if (label) mark.setAttribute("aria-label", label[1] + ": " + n + (n === 1 ? " event" : " events") + " in " + label[2]);
      mark.classList.toggle("tl-mark--out", n === 0);
    });
  }

  /* On the overview: how many of the events kept each count holds, as the index says. */
  function countsHeld(kept) {
    var held = {};
    index.forEach(function (e, n) {
      if (kept[n]) (e.counts || []).forEach(function (b) { held[b] = (held[b] || 0) + 1; });
    });
    return held;
  }

  function idsOf(list) {
    var ids = {};
    list.forEach(function (id) { ids[id] = true; });
    return ids;
  }

  function listsOf(element) {
    var lists = {};
    fields.forEach(function (field) {
      lists[field] = element.getAttribute("data-" + attributes[field]).split(" ");
    });
    return lists;
  }

  /* Hide year and month headings that no longer have a visible event. */
  function hideEmptyHeadings() {
    var sections = [];
    var year = null;
    var month = null;
    Array.prototype.forEach.call(content.children, function (node) {
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

  function titleOf(element) {
    var title = element.previousElementSibling;
    return title && /^H[1-6]$/.test(title.tagName) ? title : null;
  }

  function show(element, visible) {
    element.hidden = !visible;
    var title = titleOf(element);
    if (title) title.hidden = !visible;
  }

  /* The table of contents lists only the headings that are shown. */
  function syncContents() {
    Array.prototype.forEach.call(content.querySelectorAll("h2[id], h3[id], h4[id]"), function (heading) {
      var links = document.querySelectorAll('.md-nav--secondary a[href="#' + CSS.escape(heading.id) + '"]');
      Array.prototype.forEach.call(links, function (link) {
        var item = link.closest("li");
        if (item) item.hidden = heading.hidden;
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll(".md-nav--secondary"), function (nav) {
      nav.hidden = !nav.querySelector(".md-nav__item:not([hidden])"); /* no heading: no empty box */
    });
  }

  /* With nothing shown: which filters are on, and a button to clear each. */
  function explainEmpty(values, shown) {
    empty.textContent = "";
    empty.hidden = shown > 0 || !anyWanted(values);
    if (empty.hidden) return;
    var chosen = fields.filter(function (field) { return values[field]; });
    var text = document.createElement("p");
    text.textContent = chosen.length > 1
      ? "No event matches all of these filters at once: " + chosen.map(describe).join("; ") + ". Clear one to see more."
      : "No event matches " + describe(chosen[0]) + ".";
    empty.appendChild(text);
    chosen.forEach(function (field) {
      var button = document.createElement("button");
      button.type = "button";
      button.setAttribute("data-clear", field);
      button.textContent = "Clear " + names[field];
      empty.appendChild(button);
    });
  }

  function describe(field) {
    var select = form.elements[field];
    return names[field] + " \u201c" + select.options[select.selectedIndex].getAttribute("data-name") + "\u201d";
  }

  function applyOnPage(values) {
    var shown = 0;
    var outside = document.getElementById("tl-outside");
    if (outside) outside.parentNode.removeChild(outside);
    var records = events.map(listsOf);
    var visibleIds = [];
    var kept = records.map(function (lists) { return matches(lists, values); });
    events.forEach(function (element, n) {
      show(element, kept[n]);
      if (kept[n]) { shown += 1; visibleIds.push(element.getAttribute("data-event")); }
    });
    recount(records, values);
    followChart(anyWanted(values) ? idsOf(visibleIds) : null);
    followCounts(anyWanted(values) ? kept : null);
    hideEmptyHeadings();
    syncContents();
    explainEmpty(values, shown);
    status.textContent = shown === events.length
      ? "Showing all " + shown.toLocaleString("en") + " events."
      : "Showing " + shown.toLocaleString("en") + " of " + events.length.toLocaleString("en") + " events.";
    if (count) {
      count.textContent = shown === events.length
        ? countText
        : shown.toLocaleString("en") + " of " + events.length.toLocaleString("en") + " events (those matching the filters)";
    }
  }

  /* A link to an event the filters hide shows it anyway, with a note and a way out. */
  function revealTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var former = target && target.parentNode.classList.contains("tl-former"); /* a renamed event's old id */
    var title = former ? target.parentNode.nextElementSibling : target;
    var element = title && title.nextElementSibling;
    if (!element || !element.classList.contains("tl-event") || !element.hidden) return;
    show(element, true);
    hideEmptyHeadings();
    syncContents();
    var notice = document.createElement("p");
    notice.id = "tl-outside";
    notice.className = "tl-outside";
    notice.setAttribute("role", "status");
    notice.appendChild(document.createTextNode("This event is outside the current filters; it is shown because the link leads to it. "));
    var clear = document.createElement("button");
    clear.type = "button";
    clear.textContent = "Clear the filters";
    clear.addEventListener("click", function () { form.reset(); });
    notice.appendChild(clear);
    title.parentNode.insertBefore(notice, former ? target.parentNode : title);
    /* The browser scrolls to the address's #anchor again once the page has loaded. */
    notice.scrollIntoView();
    if (document.readyState !== "complete") {
      window.addEventListener("load", function () { notice.scrollIntoView(); }, { once: true });
    }
  }

  function applyOnOverview(values) {
    var results = document.getElementById("tl-results");
    var periods = document.getElementById("tl-periods");
    if (!anyWanted(values)) {
      results.hidden = true;
      periods.hidden = false;
      status.textContent = "";
      explainEmpty(values, 0);
      if (index) recount(index.map(recordOf), values);
      followChart(null);
      followCounts(null);
      return;
    }
    if (index === null) {
      status.textContent = "Loading the events…";
      fetch(overview)
        .then(function (response) { return response.json(); })
        .then(function (loaded) { index = loaded; apply(); })
        .catch(function () { status.textContent = "The events could not be loaded; open a period below."; });
      return;
    }
    var kept = index.map(function (e) { return matches(recordOf(e), values); });
    var found = index.filter(function (e, n) { return kept[n]; });
    recount(index.map(recordOf), values);
    followChart(idsOf(found.map(function (e) { return e.id; })));
    followCounts(kept);
    results.textContent = "";
    var list = document.createElement("ul");
    found.slice(0, LISTED).forEach(function (e) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = e.page + "/" + window.location.search + "#" + encodeURIComponent(e.id);
      link.textContent = e.title;
      item.appendChild(document.createTextNode(e.date + ": "));
      item.appendChild(link);
      list.appendChild(item);
    });
    results.appendChild(list);
    results.hidden = false;
    periods.hidden = true;
    explainEmpty(values, found.length);
    status.textContent = "Showing " + found.length.toLocaleString("en") + " of " + index.length.toLocaleString("en") + " events" +
      (found.length > LISTED ? "; the first " + LISTED + " are listed." : ".");
  }

  function recordOf(e) {
    return { topic: e.topics, kind: e.kinds, entity: e.entities };
  }

  /* The disclosure button says how many filters are on, so a closed form still tells. */
  function sayOn(values) {
    var on = fields.filter(function (field) { return values[field]; }).length;
    toggle.textContent = on ? toggleText + " (" + on + " on)" : toggleText;
  }

  function apply() {
    var values = wanted();
    sayOn(values);
    if (overview) applyOnOverview(values); else applyOnPage(values);
  }

  /* The filters the address names; the values that no option has, to drop from it. */
  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    var unknown = [];
    fields.forEach(function (field) {
      var select = form.elements[field];
      var value = params.get(field) || "";
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      select.value = known ? value : "";
      if (!known) unknown.push(field);
    });
    return unknown.map(function (field) { return [field, params.get(field)]; });
  }

  /* Says which values of the address were dropped, and what is shown instead. */
  function tellDropped(dropped) {
    if (!dropped.length) return;
    notice = document.createElement("p");
    notice.className = "tl-filter-notice";
    notice.setAttribute("role", "status");
    var said = dropped.map(function (pair) { return "No " + nouns[pair[0]] + " \u2018" + pair[1] + "\u2019 here"; });
    var rest = anyWanted(wanted()) ? "showing the events of the other filters." : "showing all events.";
    notice.textContent = said.join("; ") + ": " + rest;
    form.parentNode.insertBefore(notice, form.nextSibling);
  }

  function clearNotice() {
    if (notice && notice.parentNode) notice.parentNode.removeChild(notice);
    notice = null;
  }

  /* Links that carry the filters along (a period page's link to all periods). */
  function carryFilters(query) {
    Array.prototype.forEach.call(document.querySelectorAll("a[data-keep-filters]"), function (link) {
      link.href = link.href.split(/[?#]/)[0] + (query ? "?" + query : "");
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
    carryFilters(query);
  }

  form.addEventListener("change", function () { clearNotice(); writeAddress(); apply(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  toggle.addEventListener("click", function () {
    toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true"));
  });
  empty.addEventListener("click", function (event) {
    var field = event.target.getAttribute("data-clear");
    if (!field) return;
    form.elements[field].value = "";
    writeAddress();
    apply();
    form.elements[field].focus();
  });
  if (!overview) window.addEventListener("hashchange", revealTarget);
  form.addEventListener("reset", function () {
    window.setTimeout(function () { writeAddress(); apply(); }, 0);
  });

  var dropped = readAddress();
  if (dropped.length) writeAddress();
  carryFilters(new URLSearchParams(window.location.search).toString());
  tellDropped(dropped);
  form.hidden = false;
  apply();
  if (!overview) revealTarget();
})();
