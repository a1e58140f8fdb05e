/* geo map: the page's controls. Self-contained (Leaflet only), no network.
 *
 * - one panel holding the title, search, layers (with counts of what is shown), time,
 *   filters, legend and the link actions: a column beside the map on wide screens, folded
 *   into one menu button that opens it as a bottom sheet (or a side drawer on a phone held
 *   sideways) on narrow ones;
 * - picking: a click or tap collects every catalogue feature within a few pixels of it and,
 *   when there are several, lists them to choose from;
 * - permalinks: the URL fragment holds the view, the layers, the year, the filters and the
 *   open feature (#v=LAT,LON,ZOOM&l=LAYER,...&y=YEAR&u=0&f=TERM,...&o=ID), is kept up to
 *   date, and is restored when the page opens (also from file://);
 * - a measuring tool (geodesic lengths on WGS84, Vincenty's formulae), a scale bar, a text
 *   view of the features shown.
 *
 * Text from the catalogue is only ever set with textContent, never as HTML; the HTML this
 * script inserts (popups, legend) was escaped by geo when it wrote the page. */

var GEO_COMPACT_QUERY = "(max-width: 899px)";

/* Whether the page uses its narrow layout (controls folded into one menu button). */
function geoCompact() {
  "use strict";
  return window.matchMedia(GEO_COMPACT_QUERY).matches;
}

/* The map's least zoom: the world seen whole, a little narrower than the map (lower on a
 * small screen than on a wide one). */
function geoSetMinZoom(map) {
  "use strict";
  var width = Math.max(map.getSize().x, 256);
  var fits = Math.floor(Math.log(width / 256) / Math.LN2 * 4) / 4 - 0.25;
  map.setMinZoom(Math.max(0, fits));
}

/* fitBounds options that keep the drawn features clear of the page's controls. */
function geoFitOptions(map) {
  "use strict";
  geoSetMinZoom(map);
  if (geoCompact()) {
    return { paddingTopLeft: [12, 70], paddingBottomRight: [12, 40], maxZoom: 7,
             animate: false };
  }
  return { paddingTopLeft: [64, 24], paddingBottomRight: [24, 44], maxZoom: 7,
           animate: false };
}

/* A fragment's text decoded, or null when it does not decode. */
function geoDecode(text) {
  "use strict";
  try { return decodeURIComponent(text); } catch (err) { return null; }
}

/* A fragment (#k=v&k2=v2...) as {key: raw value}: the last of a key wins, a key without
 * "=" has the empty value. */
function geoParseHash(text) {
  "use strict";
  var out = {};
  String(text).replace(/^#/, "").split("&").forEach(function (pair) {
    if (!pair) { return; }
    var i = pair.indexOf("=");
    out[i < 0 ? pair : pair.slice(0, i)] = i < 0 ? "" : pair.slice(i + 1);
  });
  return out;
}

/* A fragment value's comma-separated items, decoded; those that do not decode left out. */
function geoHashItems(raw) {
  "use strict";
  if (raw === undefined || raw === "") { return []; }
  return raw.split(",").map(geoDecode).filter(function (v) { return v !== null; });
}

/* The view a link's fragment asks for (#...&v=LAT,LON,ZOOM&...) as [lat, lon, zoom], or
 * null when it asks for none, or for something that is not a view. */
function geoLinkView(hash) {
  "use strict";
  var view = geoHashItems(geoParseHash(hash).v).map(Number);
  var ok = view.length === 3 && view.every(isFinite) && Math.abs(view[0]) <= 90;
  return ok ? view : null;
}

/* The page's first view, set before anything is drawn, so that each layer is placed once
 * and no tile is read for a view the page then leaves: the link's view when it asks for
 * one, else the catalogue's bounds ([[south, west], [north, east]], or null: none). */
function geoInitialView(map, bounds) {
  "use strict";
  var view = geoLinkView(window.location.hash);
  if (view) {
    geoSetMinZoom(map);
    map.setView([view[0], view[1]], view[2], { animate: false });
  } else if (bounds) {
    map.fitBounds(bounds, geoFitOptions(map));
  }
}

function geoMapInit(map, layers, entries, config, tiles) {
  "use strict";

  var container = map.getContainer();
  var compactQuery = window.matchMedia(GEO_COMPACT_QUERY);
  var ROLE_LABELS = { any: "any role", operator: "operator", tenant: "tenant",
                      party: "party to an agreement", owner: "owner (parent)",
                      self: "itself" };
  var RANK = { sites: 0, organisations: 1, agreements: 2, routes: 3, corridors: 4 };
  var TOLERANCE_MOUSE = 6;   // px around the pointer a click reaches
  var TOLERANCE_TOUCH = 14;  // px around a finger

  function compact() { return compactQuery.matches; }

  function el(tag, className, parent, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function plural(n, noun) {
    return n + " " + (n === 1 ? noun.replace(/s$/, "") : noun);
  }

  var byId = {};
  entries.forEach(function (entry) { byId[entry.id] = entry; entry.shown = true; });
  var byKey = {};
  layers.forEach(function (layer) { byKey[layer.key] = layer; });
  var knownOrgs = {};
  config.organisations.forEach(function (pair) { knownOrgs[pair[0]] = pair[1]; });
  var knownKinds = {};
  config.kinds.forEach(function (kind) { knownKinds[kind.key] = kind; });
  var knownStatuses = {};
  config.statuses.forEach(function (status) { knownStatuses[status] = true; });

  var state = { year: null, undated: true, org: "", role: "any", hideStatus: {},
                hideKind: {}, open: null };

  /* ================================================================ the panel */
  var panel = el("aside", "geo-ui");
  panel.id = "geo-ui";
  panel.setAttribute("aria-label", "Map controls");
  panel.tabIndex = -1;
  document.body.appendChild(panel);

  var head = el("div", "geo-ui-head geo-title", panel);
  el("h1", null, head, config.title);
  var summary = el("p", "geo-summary", head, config.summary);
  var closeButton = el("button", "geo-ui-close", head, "\u00d7");
  closeButton.type = "button";
  closeButton.setAttribute("aria-label", "Close the menu");
  closeButton.title = "Close the menu";

  /* ---------------------------------------------------------------- menu (narrow) */
  var menuButton = null;
  var Menu = L.Control.extend({
    onAdd: function () {
      var div = L.DomUtil.create("div", "leaflet-control geo-menu");
      menuButton = el("button", "geo-menu-button", div);
      menuButton.type = "button";
      menuButton.setAttribute("aria-controls", "geo-ui");
      menuButton.setAttribute("aria-expanded", "false");
      menuButton.title = "Layers, search, time, filters, legend";
      var icon = el("span", "geo-menu-icon", menuButton);
      icon.setAttribute("aria-hidden", "true");
      el("span", null, menuButton, "Menu");
      L.DomEvent.disableClickPropagation(div);
      menuButton.addEventListener("click", function () { setMenu(!menuOpen()); });
      return div;
    }
  });
  new Menu({ position: "topright" }).addTo(map);

  function menuOpen() { return panel.classList.contains("geo-open"); }

  function setMenu(open, keepFocus) {
    if (!compact()) { open = false; }
    panel.classList.toggle("geo-open", open);
    document.body.classList.toggle("geo-menu-open", open);
    menuButton.setAttribute("aria-expanded", String(open));
    if (open) {
      panel.focus({ preventScroll: true });
    } else if (!keepFocus && panel.contains(document.activeElement)) {
      menuButton.focus();
    }
  }
  closeButton.addEventListener("click", function () { setMenu(false); });
  panel.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && compact() && menuOpen()) { setMenu(false); }
  });

  /* ---------------------------------------------------------------- search */
  var searchBox = el("div", "geo-section geo-search", panel);
  var searchInput = el("input", "geo-search-input", searchBox);
  searchInput.type = "search";
  searchInput.placeholder = "Search name or alias";
  searchInput.setAttribute("aria-label", "Search the map by name or alias");
  var searchList = el("ul", "geo-search-results", searchBox);
  var found = [];

  function renderSearch() {
    searchList.textContent = "";
    var q = fold(searchInput.value.trim());
    found = [];
    if (!q) { return; }
    entries.forEach(function (entry) {
      var names = [entry.name].concat(entry.aliases);
      for (var i = 0; i < names.length; i++) {
        if (fold(names[i]).indexOf(q) !== -1) {
          found.push({ entry: entry, via: i === 0 ? null : names[i] });
          break;
        }
      }
    });
    found.sort(function (a, b) {
      var pa = fold(a.via || a.entry.name).indexOf(q) === 0 ? 0 : 1;
      var pb = fold(b.via || b.entry.name).indexOf(q) === 0 ? 0 : 1;
      return pa - pb;
    });
    found.slice(0, 8).forEach(function (hit) {
      var li = el("li", "geo-search-hit", searchList);
      li.tabIndex = 0;
      li.setAttribute("role", "button");
      el("span", "geo-search-name", li, hit.entry.name);
      el("span", "geo-search-meta", li,
         (hit.via ? "also \u201c" + hit.via + "\u201d \u00b7 " : "") +
         config.layerNouns[hit.entry.layer] + " \u00b7 " + hit.entry.kindLabel);
      function choose(ev) {
        // the list is rebuilt below: keep the event from reaching the map
        ev.preventDefault();
        ev.stopPropagation();
        show(hit.entry, ev.type === "keydown" || ev.detail === 0);
        searchInput.value = "";
        renderSearch();
      }
      li.addEventListener("click", choose);
      li.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { choose(ev); }
      });
    });
    if (!found.length) {
      el("li", "geo-search-none", searchList, "No match");
    }
  }
  searchInput.addEventListener("input", renderSearch);
  searchInput.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && found.length) { show(found[0].entry, true); }
    if (ev.key === "Escape" && searchInput.value) {
      ev.stopPropagation();
      searchInput.value = "";
      renderSearch();
    }
  });

  /* ---------------------------------------------------------------- layers */
  var layersBox = el("fieldset", "geo-section geo-layers", panel);
  el("legend", null, layersBox, "Layers");
  layers.forEach(function (layer) {
    var row = el("label", "geo-layer-row" + (layer.context ? " geo-layer-context" : ""),
                 layersBox);
    layer.box = el("input", null, row);
    layer.box.type = "checkbox";
    layer.box.checked = map.hasLayer(layer.g);
    layer.box.dataset.layer = layer.key;
    layer.text = el("span", "geo-layer-label", row, layer.label);
    layer.box.addEventListener("change", function () {
      setLayer(layer, layer.box.checked);
      refresh();
    });
  });

  function setLayer(layer, on) {
    if (on && !map.hasLayer(layer.g)) { map.addLayer(layer.g); }
    if (!on && map.hasLayer(layer.g)) { map.removeLayer(layer.g); }
    layer.box.checked = on;
  }

  /* ---------------------------------------------------------------- time */
  var slider = null;
  var yearLabel = null;
  var undatedBox = null;
  var undatedCount = entries.filter(function (e) { return e.from === null; }).length;
  if (config.minYear !== null) {
    var timeBox = el("div", "geo-section geo-time", panel);
    var timeHead = el("label", "geo-time-head", timeBox);
    timeHead.appendChild(document.createTextNode("Catalogue as of "));
    yearLabel = el("b", "geo-time-year", timeHead, "all years");
    slider = el("input", "geo-time-slider", timeBox);
    slider.type = "range";
    slider.min = String(config.minYear);
    slider.max = String(config.maxYear + 1);
    slider.step = "1";
    slider.value = slider.max;
    slider.setAttribute("aria-label", "Show the catalogue as of this year");
    var undatedRow = el("label", "geo-time-undated", timeBox);
    undatedBox = el("input", null, undatedRow);
    undatedBox.type = "checkbox";
    undatedBox.checked = true;
    el("span", null, undatedRow, "include the " + plural(undatedCount, "undated entities") +
       " (no dated source)");
    el("div", "geo-time-foot", timeBox, config.minYear + " \u2013 " + config.maxYear +
       " \u00b7 dated by each entity\u2019s own start or signing, else by the date of " +
       "its earliest source article");
    var onSlide = function () {
      var year = Number(slider.value);
      state.year = year > config.maxYear ? null : year;
      refresh();
    };
    slider.addEventListener("input", onSlide);
    slider.addEventListener("change", onSlide);
    undatedBox.addEventListener("change", function () {
      state.undated = undatedBox.checked;
      refresh();
    });
  }

  /* ---------------------------------------------------------------- filters */
  var filters = el("details", "geo-section geo-filters", panel);
  var filtersSummary = el("summary", null, filters, "Filters");
  var orgRow = el("label", "geo-filter-row", filters);
  el("span", null, orgRow, "Organisation");
  var orgSelect = el("select", "geo-filter-org", orgRow);
  el("option", null, orgSelect, "any").value = "";
  config.organisations.forEach(function (pair) {
    el("option", null, orgSelect, pair[1]).value = pair[0];
  });
  var roleRow = el("label", "geo-filter-row", filters);
  el("span", null, roleRow, "as");
  var roleSelect = el("select", "geo-filter-role", roleRow);
  ["any"].concat(config.roles).forEach(function (role) {
    el("option", null, roleSelect, ROLE_LABELS[role] || role).value = role;
  });
  orgSelect.addEventListener("change", function () { state.org = orgSelect.value; refresh(); });
  roleSelect.addEventListener("change", function () { state.role = roleSelect.value; refresh(); });

  var statusBoxes = {};
  if (config.statuses.length) {
    var statusSet = el("fieldset", "geo-filter-set geo-filter-statuses", filters);
    el("legend", null, statusSet, "Status (sites, routes, corridors)");
    config.statuses.forEach(function (status) {
      var row = el("label", "geo-check-row", statusSet);
      var box = el("input", "geo-filter-status", row);
      box.type = "checkbox";
      box.checked = true;
      box.value = status;
      el("span", null, row, status === "none" ? "not stated" : status.replace(/-/g, " "));
      box.addEventListener("change", function () {
        if (box.checked) { delete state.hideStatus[status]; } else {
          state.hideStatus[status] = true;
        }
        refresh();
      });
      statusBoxes[status] = box;
    });
  }
  var kindBoxes = {};
  var kindSet = el("fieldset", "geo-filter-set geo-filter-kinds", filters);
  el("legend", null, kindSet, "Kind");
  var lastLayer = null;
  config.kinds.forEach(function (kind) {
    if (kind.layer !== lastLayer) {
      el("div", "geo-filter-layer", kindSet, byKey[kind.layer] ? byKey[kind.layer].name
                                                                 : kind.layer);
      lastLayer = kind.layer;
    }
    var row = el("label", "geo-check-row", kindSet);
    var box = el("input", "geo-filter-kind", row);
    box.type = "checkbox";
    box.checked = true;
    box.value = kind.key;
    el("span", null, row, kind.label);
    box.addEventListener("change", function () {
      if (box.checked) { delete state.hideKind[kind.key]; } else {
        state.hideKind[kind.key] = true;
      }
      refresh();
    });
    kindBoxes[kind.key] = box;
  });
  var clearFilters = el("button", "geo-filter-clear", filters, "Clear filters");
  clearFilters.type = "button";
  clearFilters.addEventListener("click", function () {
    state.org = "";
    state.role = "any";
    state.hideStatus = {};
    state.hideKind = {};
    refresh();
  });

  function activeFilters() {
    return (state.org ? 1 : 0) + Object.keys(state.hideStatus).length +
      Object.keys(state.hideKind).length;
  }

  /* ---------------------------------------------------------------- legend */
  var legendBox = el("div", "geo-section geo-legend-box", panel);
  legendBox.innerHTML = config.legendHtml; // escaped by geo (geo.webmap.elements.legend_html)
  var legendDetails = legendBox.querySelector("details.geo-legend");
  // folded where it would cover the map (the narrow layout's sheet), open beside it
  if (legendDetails && compact()) { legendDetails.open = false; }

  /* ---------------------------------------------------------------- link and text view */
  var actions = el("div", "geo-section geo-actions", panel);
  var copyButton = el("button", "geo-copy-link", actions, "Copy link to this view");
  copyButton.type = "button";
  var listButton = el("button", "geo-list-open", actions, "List the features shown");
  listButton.type = "button";
  var linkField = el("input", "geo-link-text", actions);
  linkField.type = "text";
  linkField.readOnly = true;
  linkField.hidden = true;
  linkField.setAttribute("aria-label", "Link to this view");
  var copyStatus = el("span", "geo-copy-status", actions);
  copyStatus.setAttribute("role", "status");

  copyButton.addEventListener("click", function () {
    writeHashNow();
    var url = window.location.href;
    linkField.value = url;
    linkField.hidden = false;
    linkField.select();
    function done(ok) {
      copyStatus.textContent = ok ? "Link copied." : "Copy the link above.";
    }
    function fallback() {
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
      done(ok);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  });

  /* ================================================================ what is shown */
  function passes(entry) {
    if (state.year !== null) {
      if (entry.from === null) {
        if (!state.undated) { return false; }
      } else if (entry.from > state.year) {
        return false;
      }
      if (entry.to !== null && entry.to < state.year) { return false; }
    }
    if (state.org) {
      var roles = state.role === "any" ? config.roles : [state.role];
      var involved = roles.some(function (role) {
        return (entry.roles[role] || []).indexOf(state.org) !== -1;
      });
      if (!involved) { return false; }
    }
    if (entry.statused && state.hideStatus[entry.status || "none"]) { return false; }
    if (state.hideKind[entry.kind]) { return false; }
    return true;
  }

  function apply() {
    entries.forEach(function (entry) {
      var show = passes(entry);
      entry.shown = show;
      var has = entry.g.hasLayer(entry.f);
      if (show && !has) { entry.g.addLayer(entry.f); }
      if (!show && has) { entry.g.removeLayer(entry.f); }
    });
  }

  function layerLabel(layer, shown) {
    var count = shown === layer.total ? String(shown) : shown + " of " + layer.total;
    return layer.name + " (" + count +
      (layer.unplaced ? "; " + layer.unplaced + " more without a place" : "") + ")";
  }

  function syncControls() {
    if (slider) {
      slider.value = String(state.year === null ? config.maxYear + 1 : state.year);
      yearLabel.textContent = state.year === null ? "all years" : String(state.year);
      undatedBox.checked = state.undated;
      undatedBox.disabled = state.year === null;
    }
    orgSelect.value = state.org;
    roleSelect.value = state.role;
    roleSelect.disabled = !state.org;
    Object.keys(statusBoxes).forEach(function (s) { statusBoxes[s].checked = !state.hideStatus[s]; });
    Object.keys(kindBoxes).forEach(function (k) { kindBoxes[k].checked = !state.hideKind[k]; });
    var active = activeFilters();
    filtersSummary.textContent = active ? "Filters (" + active + " active)" : "Filters";
    clearFilters.disabled = !active;
  }

  function refreshCounts() {
    var shown = {};
    entries.forEach(function (entry) {
      if (entry.shown) { shown[entry.layer] = (shown[entry.layer] || 0) + 1; }
    });
    var parts = [];
    layers.forEach(function (layer) {
      if (layer.context) { return; }
      var n = shown[layer.key] || 0;
      layer.text.textContent = layerLabel(layer, n);
      layer.box.checked = map.hasLayer(layer.g);
      if (map.hasLayer(layer.g)) { parts.push(plural(n, layer.name.toLowerCase())); }
    });
    summary.textContent = parts.length ? parts.join(" \u00b7 ") : "no layer shown";
  }

  function refresh() {
    apply();
    syncControls();
    refreshCounts();
    writeHash();
  }

  /* ================================================================ popups */
  function controlBoxes() {
    var outer = container.getBoundingClientRect();
    var boxes = [];
    container.querySelectorAll(".leaflet-control").forEach(function (ctl) {
      var r = ctl.getBoundingClientRect();
      if (!r.width || !r.height) { return; }
      boxes.push({ left: r.left - outer.left, top: r.top - outer.top,
                   right: r.right - outer.left, bottom: r.bottom - outer.top });
    });
    return boxes;
  }

  /* Margins (px) that keep a popup clear of the controls over the map (and of the open
   * menu's sheet or drawer). */
  function popupPadding() {
    var size = map.getSize();
    var pad = { left: 8, top: 8, right: 8, bottom: 8 };
    if (compact() && menuOpen()) {
      var outer = container.getBoundingClientRect();
      var sheet = panel.getBoundingClientRect();
      if (sheet.left - outer.left > size.x / 3) {
        pad.right = Math.max(pad.right, outer.right - sheet.left + 8);
      } else {
        pad.bottom = Math.max(pad.bottom, outer.bottom - sheet.top + 8);
      }
    }
    controlBoxes().forEach(function (b) {
      var upper = b.top < size.y / 2;
      if (!upper) {
        pad.bottom = Math.max(pad.bottom, size.y - b.top + 6);
      } else if (compact()) {
        // a popup spans nearly the whole width: keep it below the top controls
        pad.top = Math.max(pad.top, b.bottom + 6);
      } else if (b.left < size.x / 2) {
        pad.left = Math.max(pad.left, b.right + 8);
      } else {
        pad.right = Math.max(pad.right, size.x - b.left + 8);
      }
    });
    return pad;
  }

  function layoutPopup(popup) {
    var size = map.getSize();
    var pad = popupPadding();
    var width = Math.max(160, Math.min(380, size.x - pad.left - pad.right - 34));
    var height = Math.max(120, Math.min(compact() ? 2000 : 460,
                                        size.y - pad.top - pad.bottom - 64));
    var o = popup.options;
    o.maxWidth = width;
    o.minWidth = Math.min(compact() ? width : 240, width);
    o.maxHeight = height;
    o.autoPanPaddingTopLeft = L.point(pad.left, pad.top);
    o.autoPanPaddingBottomRight = L.point(pad.right, pad.bottom);
    o.autoPanPadding = L.point(0, 0);
  }

  function eachPart(layer, fn) {
    if (layer instanceof L.LayerGroup) {
      layer.eachLayer(function (part) { eachPart(part, fn); });
    } else {
      fn(layer);
    }
  }

  function isHit(part) {
    var cls = " " + ((part.options && part.options.className) || "") + " ";
    return cls.indexOf(" geo-hit ") !== -1;
  }

  /* A part drawn a whole turn (360 degrees of longitude) away from the entity itself, so
   * that it shows on the other side of the antimeridian (geo.webmap.layers): its shift in
   * degrees, 0 for the entity itself. */
  function shiftOf(part) {
    return (part.options && part.options.geoShift) || 0;
  }

  /* The bounds of the entity itself, its copies across the antimeridian aside. */
  function ownBounds(entry) {
    var bounds = L.latLngBounds([]);
    eachPart(entry.f, function (part) {
      if (shiftOf(part)) { return; }
      if (part.getBounds) { bounds.extend(part.getBounds()); }
      else if (part.getLatLng) { bounds.extend(part.getLatLng()); }
    });
    return bounds.isValid() ? bounds : entry.f.getBounds();
  }

  /* latlng moved by the shift of one of the entry's copies (or none) that brings it nearest
   * the middle of the view: a popup opens on the copy in view. */
  function nearestCopy(entry, latlng) {
    var centre = map.getCenter().lng;
    var best = 0;
    eachPart(entry.f, function (part) {
      var s = shiftOf(part);
      if (Math.abs(latlng.lng + s - centre) < Math.abs(latlng.lng + best - centre)) { best = s; }
    });
    return best ? L.latLng(latlng.lat, latlng.lng + best) : latlng;
  }

  /* Distance (px) from the container point cp to the entry as drawn (0 or less: on it). */
  function distanceTo(entry, cp) {
    var best = Infinity;
    var outer = container.getBoundingClientRect();
    eachPart(entry.f, function (part) {
      var o = part.options || {};
      if (!part._map || o.interactive === false || isHit(part)) { return; }
      var d = Infinity;
      if (part instanceof L.CircleMarker) {
        d = cp.distanceTo(map.latLngToContainerPoint(part.getLatLng())) - part.getRadius() -
          (o.weight || 0) / 2;
      } else if (part instanceof L.Marker) {
        var icon = part.getElement();
        if (!icon) { return; }
        var r = icon.getBoundingClientRect();
        var x = outer.left + cp.x;
        var y = outer.top + cp.y;
        var dx = Math.max(r.left - x, 0, x - r.right);
        var dy = Math.max(r.top - y, 0, y - r.bottom);
        d = Math.sqrt(dx * dx + dy * dy);
      } else if (part instanceof L.Polyline) {
        var q = part.closestLayerPoint(map.containerPointToLayerPoint(cp));
        if (q) { d = q.distance - (o.weight || 0) / 2; }
      }
      if (d < best) { best = d; }
    });
    return best;
  }

  function visible(entry) { return entry.shown && map.hasLayer(entry.g); }

  function candidatesAt(cp, tolerance) {
    var out = [];
    entries.forEach(function (entry) {
      if (!visible(entry)) { return; }
      var d = distanceTo(entry, cp);
      if (d <= tolerance) { out.push({ entry: entry, d: Math.max(0, d) }); }
    });
    out.sort(function (a, b) {
      return (a.d - b.d) || (RANK[a.entry.layer] - RANK[b.entry.layer]) ||
        (a.entry.name < b.entry.name ? -1 : 1);
    });
    return out;
  }

  /* The point of a line entry nearest to cp, or its middle (on its copy nearest the middle
   * of the view); the marker of a point entry drawn more than once (a drafted site's, or
   * its copies across the antimeridian) nearest to cp, or nearest the middle of the view;
   * undefined for a single marker. */
  function anchorFor(entry, cp) {
    if (entry.f.getLatLng) { return undefined; }
    var best = null;
    var bestPart = null;
    var bestSize = -1;
    eachPart(entry.f, function (part) {
      if (!part._map || isHit(part) || !(part instanceof L.Polyline) ||
          (part.options && part.options.interactive === false)) { return; }
      if (cp) {
        var q = part.closestLayerPoint(map.containerPointToLayerPoint(cp));
        if (q && (!best || q.distance < best.distance)) { best = q; }
      } else if (!shiftOf(part)) {
        var b = part.getBounds();
        var size = b.getNorthEast().distanceTo(b.getSouthWest());
        if (size > bestSize) { bestSize = size; bestPart = part; }
      }
    });
    if (best) { return map.layerPointToLatLng(best); }
    if (bestPart) { return nearestCopy(entry, bestPart.getCenter()); }
    var points = [];
    eachPart(entry.f, function (part) {
      if (part.getLatLng && !(part.options && part.options.interactive === false)) {
        points.push(part);
      }
    });
    if (!points.length) { return undefined; }
    if (cp) {
      var nearest = null;
      var nearestD = Infinity;
      points.forEach(function (part) {
        var d = cp.distanceTo(map.latLngToContainerPoint(part.getLatLng()));
        if (d < nearestD) { nearestD = d; nearest = part; }
      });
      return nearest.getLatLng();
    }
    var own = points.filter(function (part) { return !shiftOf(part); });
    return nearestCopy(entry, (own.length ? own : points)[0].getLatLng());
  }

  /* How far above its anchor a popup opens: clear of the marker it points at. */
  function offsetFor(entry) {
    var lift = 0;
    eachPart(entry.f, function (part) {
      if (part instanceof L.CircleMarker && !(part.options.interactive === false)) {
        lift = Math.max(lift, part.getRadius() + (part.options.weight || 0) / 2);
      } else if (part instanceof L.Marker && part.options.icon &&
                 !part.options.icon.options.popupAnchor) {
        var s = part.options.icon.options.iconSize;
        lift = Math.max(lift, s ? L.point(s).y / 2 : 0);
      }
    });
    return L.point(0, 7 - lift);
  }

  var popupEntry = {};
  entries.forEach(function (entry) {
    var popup = entry.f.getPopup && entry.f.getPopup();
    if (popup) { popupEntry[L.stamp(popup)] = entry; }
  });

  function reveal(entry) {
    if (!entry.shown) {
      // shown on demand: lift what hides it (the year, the filters)
      state.year = null;
      state.org = "";
      state.hideStatus = {};
      state.hideKind = {};
      refresh();
    }
    var layer = byKey[entry.layer];
    if (layer && !map.hasLayer(layer.g)) { setLayer(layer, true); refresh(); }
  }

  function openEntry(entry, opts) {
    opts = opts || {};
    reveal(entry);
    var popup = entry.f.getPopup();
    layoutPopup(popup);
    popup.options.autoPan = opts.autoPan !== false;
    popup.options.offset = offsetFor(entry);
    entry.f.openPopup(anchorFor(entry, opts.cp));
  }

  /* Move the keyboard's focus into an entity's open popup. */
  function focusPopup(entry) {
    var popup = entry.f.getPopup();
    var node = popup && popup.getElement && popup.getElement();
    var content = node && node.querySelector(".leaflet-popup-content");
    if (content) {
      content.tabIndex = -1;
      content.focus({ preventScroll: true });
    }
  }

  var picker = L.popup({ className: "geo-popup-wrap geo-picker-wrap", closeButton: true });

  function showPicker(found, cp) {
    var root = el("div", "geo-picker");
    el("p", "geo-picker-head", root, found.length + " features here: choose one");
    var list = el("ul", "geo-picker-list", root);
    found.slice(0, 12).forEach(function (c) {
      var li = el("li", null, list);
      var button = el("button", "geo-picker-item", li);
      button.type = "button";
      button.dataset.id = c.entry.id;
      var swatch = el("span", "geo-picker-swatch", button);
      swatch.style.background = c.entry.color;
      var text = el("span", "geo-picker-text", button);
      el("span", "geo-picker-name", text, c.entry.name);
      el("span", "geo-picker-meta", text,
         config.layerNouns[c.entry.layer] + " \u00b7 " + c.entry.kindLabel);
      button.addEventListener("click", function (ev) {
        L.DomEvent.stop(ev);
        openEntry(c.entry, { cp: cp });
        if (ev.detail === 0) { focusPopup(c.entry); } // chosen with the keyboard
      });
    });
    layoutPopup(picker);
    picker.options.offset = L.point(0, 7);
    picker.setLatLng(map.containerPointToLatLng(cp)).setContent(root).openOn(map);
  }

  function tolerance(ev) {
    var type = ev && ev.pointerType;
    if (type === "touch" || type === "pen") { return TOLERANCE_TOUCH; }
    if (ev && ev.sourceCapabilities && ev.sourceCapabilities.firesTouchEvents) {
      return TOLERANCE_TOUCH;
    }
    return TOLERANCE_MOUSE;
  }

  function pick(cp, tol, clicked) {
    var hits = candidatesAt(cp, tol);
    if (clicked && !hits.some(function (c) { return c.entry === clicked; })) {
      hits.unshift({ entry: clicked, d: 0 });
    }
    if (!hits.length) { return; }
    if (hits.length === 1) {
      openEntry(hits[0].entry, { cp: cp });
    } else {
      showPicker(hits, cp);
    }
  }

  entries.forEach(function (entry) {
    var f = entry.f;
    // clicks go through the picker, not straight to the bound popup or tooltip
    f.off("click", f._openPopup, f);
    f.off("keypress", f._onKeyPress, f);
    if (f._openTooltip) { f.off("click", f._openTooltip, f); }
    f.on("click", function (ev) {
      L.DomEvent.stop(ev);
      var oe = ev.originalEvent;
      if (measure.on) {
        if (oe && oe.clientX !== undefined) { addMeasurePoint(map.mouseEventToLatLng(oe)); }
        return;
      }
      if (!oe || oe.clientX === undefined || (oe.detail === 0 && oe.type === "click" &&
                                               !oe.clientX && !oe.clientY)) {
        openEntry(entry);
        return;
      }
      // a mouse that hit a feature lists only what lies under it too; a finger, whatever
      // lies within its reach
      var tol = tolerance(oe);
      pick(map.mouseEventToContainerPoint(oe), tol === TOLERANCE_MOUSE ? 0.5 : tol, entry);
    });
    f.on("keypress", function (ev) {
      var oe = ev.originalEvent;
      if (oe && (oe.key === "Enter" || oe.keyCode === 13)) {
        L.DomEvent.stop(ev);
        openEntry(entry);
      }
    });
  });

  map.on("click", function (ev) {
    if (measure.on) { addMeasurePoint(ev.latlng); return; }
    pick(ev.containerPoint, tolerance(ev.originalEvent), null);
  });

  var popupsOpen = 0;
  map.on("popupopen", function (ev) {
    popupsOpen += 1;
    container.classList.add("geo-popup-open");
    var entry = popupEntry[L.stamp(ev.popup)];
    state.open = entry ? entry.id : null;
    writeHash();
  });
  map.on("popupclose", function (ev) {
    popupsOpen = Math.max(0, popupsOpen - 1);
    if (!popupsOpen) { container.classList.remove("geo-popup-open"); }
    var entry = popupEntry[L.stamp(ev.popup)];
    if (entry && state.open === entry.id) { state.open = null; }
    writeHash();
  });

  /* Frame an entity clear of the controls (no animation, so that its popup's own panning
   * starts from the final view). */
  function frame(entry) {
    var pad = popupPadding();
    var opts = { paddingTopLeft: [pad.left + 16, pad.top + 16],
                 paddingBottomRight: [pad.right + 16, pad.bottom + 16], maxZoom: 6,
                 animate: false };
    if (entry.f.getLatLng) {
      map.setView(entry.f.getLatLng(), Math.max(map.getZoom(), 5), { animate: false });
    } else if (entry.f.getBounds) {
      map.fitBounds(ownBounds(entry), opts);
    }
  }

  function show(entry, byKeyboard) {
    var folded = compact();
    if (folded) { setMenu(false, true); }
    reveal(entry);
    frame(entry);
    openEntry(entry);
    // the menu just closed under the keyboard's focus: move it into the popup
    if (folded && byKeyboard) { focusPopup(entry); }
  }

  /* ================================================================ measuring */
  var measure = { on: false, points: [], line: null, marks: L.layerGroup() };
  map.createPane("geo-measure");
  map.getPane("geo-measure").style.zIndex = 460;
  map.getPane("geo-measure").style.pointerEvents = "none";
  var measureText = null;
  var measureBox = null;
  var measureButton = null;
  var Measure = L.Control.extend({
    onAdd: function () {
      var div = L.DomUtil.create("div", "leaflet-control leaflet-bar geo-measure");
      measureButton = el("button", "geo-measure-button", div);
      measureButton.type = "button";
      measureButton.title = "Measure a distance (geodesic, WGS84)";
      measureButton.setAttribute("aria-label", "Measure a distance");
      measureButton.setAttribute("aria-pressed", "false");
      el("span", "geo-measure-icon", measureButton).setAttribute("aria-hidden", "true");
      measureBox = el("div", "geo-measure-readout", div);
      measureBox.hidden = true;
      measureText = el("p", "geo-measure-text", measureBox);
      measureText.setAttribute("role", "status");
      var row = el("div", "geo-measure-actions", measureBox);
      var undo = el("button", "geo-measure-undo", row, "Undo");
      undo.type = "button";
      var done = el("button", "geo-measure-done", row, "Done");
      done.type = "button";
      undo.addEventListener("click", function () { measure.points.pop(); drawMeasure(); });
      done.addEventListener("click", function () { setMeasure(false); });
      measureButton.addEventListener("click", function () { setMeasure(!measure.on); });
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    }
  });
  new Measure({ position: "topleft" }).addTo(map);

  function setMeasure(on) {
    measure.on = on;
    measure.points = [];
    measureButton.setAttribute("aria-pressed", String(on));
    measureBox.hidden = !on;
    container.classList.toggle("geo-measuring", on);
    if (on) { map.closePopup(); map.addLayer(measure.marks); } else {
      map.removeLayer(measure.marks);
    }
    drawMeasure();
  }

  function addMeasurePoint(latlng) {
    measure.points.push(L.latLng(latlng.lat, latlng.lng));
    drawMeasure();
  }

  function drawMeasure() {
    measure.marks.clearLayers();
    var pts = measure.points;
    var total = 0;
    var path = [];
    for (var i = 0; i < pts.length; i++) {
      if (i > 0) {
        total += geodesicMetres(pts[i - 1], pts[i]);
        path = path.concat(greatCircle(pts[i - 1], pts[i], path.length ?
                                       path[path.length - 1].lng : null).slice(i > 1 ? 1 : 0));
      }
      L.circleMarker(pts[i], { pane: "geo-measure", radius: 4, color: "#111827", weight: 2,
                               fillColor: "#ffffff", fillOpacity: 1, interactive: false })
        .addTo(measure.marks);
    }
    if (path.length > 1) {
      L.polyline(path, { pane: "geo-measure", color: "#111827", weight: 2.5,
                         dashArray: "6 5", interactive: false }).addTo(measure.marks);
    }
    if (!measureText) { return; }
    if (pts.length < 2) {
      measureText.textContent = pts.length ? "Click or tap the next point" :
        "Click or tap the map to place points";
    } else {
      measureText.textContent = formatKm(total) + " \u00b7 " + pts.length +
        " points \u00b7 geodesic (WGS84)";
    }
    measureText.dataset.metres = String(total);
  }

  function formatKm(metres) {
    var km = metres / 1000;
    if (km < 100) { return km.toFixed(1) + " km"; }
    return String(Math.round(km)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f") + " km";
  }

  function rad(deg) { return deg * Math.PI / 180; }

  /* Length (m) of the geodesic between two positions on the WGS84 ellipsoid: Vincenty's
   * inverse formula (sub-millimetre), or the great circle on the mean sphere where it
   * does not converge (nearly antipodal points). */
  function geodesicMetres(p, q) {
    var a = 6378137.0;
    var f = 1 / 298.257223563;
    var b = a * (1 - f);
    var dlon = ((q.lng - p.lng + 540) % 360) - 180;
    var L1 = rad(dlon);
    var U1 = Math.atan((1 - f) * Math.tan(rad(p.lat)));
    var U2 = Math.atan((1 - f) * Math.tan(rad(q.lat)));
    var sinU1 = Math.sin(U1), cosU1 = Math.cos(U1);
    var sinU2 = Math.sin(U2), cosU2 = Math.cos(U2);
    var lambda = L1, lambdaP, iter = 0;
    var sinSigma, cosSigma, sigma, sinAlpha, cos2Alpha, cos2SigmaM, C;
    do {
      var sinL = Math.sin(lambda), cosL = Math.cos(lambda);
      sinSigma = Math.sqrt(Math.pow(cosU2 * sinL, 2) +
                           Math.pow(cosU1 * sinU2 - sinU1 * cosU2 * cosL, 2));
      if (sinSigma === 0) { return 0; }
      cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL;
      sigma = Math.atan2(sinSigma, cosSigma);
      sinAlpha = cosU1 * cosU2 * sinL / sinSigma;
      cos2Alpha = 1 - sinAlpha * sinAlpha;
      cos2SigmaM = cos2Alpha !== 0 ? cosSigma - 2 * sinU1 * sinU2 / cos2Alpha : 0;
      C = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha));
      lambdaP = lambda;
      lambda = L1 + (1 - C) * f * sinAlpha *
        (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
      iter += 1;
    } while (Math.abs(lambda - lambdaP) > 1e-12 && iter < 200);
    if (iter >= 200) {
      return 6371008.8 * greatCircleAngle(p, q);
    }
    var uSq = cos2Alpha * (a * a - b * b) / (b * b);
    var A = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
    var B = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
    var deltaSigma = B * sinSigma * (cos2SigmaM + B / 4 * (cosSigma * (-1 + 2 * cos2SigmaM *
      cos2SigmaM) - B / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) *
      (-3 + 4 * cos2SigmaM * cos2SigmaM)));
    return b * A * (sigma - deltaSigma);
  }

  function greatCircleAngle(p, q) {
    var dlat = rad(q.lat - p.lat), dlon = rad(q.lng - p.lng);
    var h = Math.pow(Math.sin(dlat / 2), 2) +
      Math.cos(rad(p.lat)) * Math.cos(rad(q.lat)) * Math.pow(Math.sin(dlon / 2), 2);
    return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  /* Positions along the great circle from p to q (for drawing), longitudes kept within
   * 180 degrees of each other so that the line crosses the antimeridian the short way. */
  function greatCircle(p, q, lastLng) {
    var d = greatCircleAngle(p, q);
    var n = Math.max(1, Math.min(64, Math.ceil(d / rad(1))));
    var out = [];
    var lat1 = rad(p.lat), lon1 = rad(p.lng), lat2 = rad(q.lat), lon2 = rad(q.lng);
    var prev = lastLng === null || lastLng === undefined ? p.lng : lastLng;
    for (var i = 0; i <= n; i++) {
      var t = i / n, lat, lng;
      if (d === 0) {
        lat = p.lat;
        lng = p.lng;
      } else {
        var A = Math.sin((1 - t) * d) / Math.sin(d), B = Math.sin(t * d) / Math.sin(d);
        var x = A * Math.cos(lat1) * Math.cos(lon1) + B * Math.cos(lat2) * Math.cos(lon2);
        var y = A * Math.cos(lat1) * Math.sin(lon1) + B * Math.cos(lat2) * Math.sin(lon2);
        var z = A * Math.sin(lat1) + B * Math.sin(lat2);
        lat = Math.atan2(z, Math.sqrt(x * x + y * y)) * 180 / Math.PI;
        lng = Math.atan2(y, x) * 180 / Math.PI;
      }
      while (lng - prev > 180) { lng -= 360; }
      while (lng - prev < -180) { lng += 360; }
      prev = lng;
      out.push(L.latLng(lat, lng));
    }
    return out;
  }

  container.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && measure.on) { setMeasure(false); }
  });

  /* ================================================================ permalinks */
  var lastHash = null;
  var hashTimer = null;

  function hashText() {
    var c = map.getCenter();
    var parts = ["v=" + c.lat.toFixed(4) + "," + c.lng.toFixed(4) + "," +
                 String(Math.round(map.getZoom() * 100) / 100)];
    var on = layers.filter(function (layer) { return map.hasLayer(layer.g); })
      .map(function (layer) { return encodeURIComponent(layer.key); });
    parts.push("l=" + on.join(","));
    if (state.year !== null) {
      parts.push("y=" + state.year);
      if (!state.undated) { parts.push("u=0"); }
    }
    var terms = [];
    if (state.org) { terms.push("org:" + encodeURIComponent(state.org)); }
    if (state.org && state.role !== "any") { terms.push("role:" + state.role); }
    Object.keys(state.hideStatus).sort().forEach(function (s) { terms.push("-status:" + s); });
    Object.keys(state.hideKind).sort().forEach(function (k) {
      terms.push("-kind:" + encodeURIComponent(k));
    });
    if (terms.length) { parts.push("f=" + terms.join(",")); }
    if (state.open) { parts.push("o=" + encodeURIComponent(state.open)); }
    return "#" + parts.join("&");
  }

  function writeHashNow() {
    window.clearTimeout(hashTimer);
    hashTimer = null;
    var text = hashText();
    if (text !== window.location.hash) {
      try {
        window.history.replaceState(window.history.state, "", text);
      } catch (err) {
        lastHash = text;
        window.location.replace(text);
      }
    }
    lastHash = window.location.hash;
  }

  function writeHash() {
    if (!ready) { return; }
    window.clearTimeout(hashTimer);
    hashTimer = window.setTimeout(writeHashNow, 120);
  }

  var decode = geoDecode, parseHash = geoParseHash, items = geoHashItems;

  /* viewSet: the link's view is already the map's (geoInitialView, when the page opened) */
  function applyHash(text, viewSet) {
    var p = parseHash(text);
    if (p.l !== undefined) {
      var want = {};
      items(p.l).forEach(function (key) { want[key] = true; });
      layers.forEach(function (layer) { setLayer(layer, !!want[layer.key]); });
    } else {
      layers.forEach(function (layer) { setLayer(layer, true); });
    }
    state.org = "";
    state.role = "any";
    state.hideStatus = {};
    state.hideKind = {};
    items(p.f).forEach(function (term) {
      var i = term.indexOf(":");
      var key = term.slice(0, i), value = term.slice(i + 1);
      if (key === "org" && knownOrgs[value] !== undefined) { state.org = value; }
      if (key === "role" && config.roles.indexOf(value) !== -1) { state.role = value; }
      if (key === "-status" && knownStatuses[value]) { state.hideStatus[value] = true; }
      if (key === "-kind" && knownKinds[value]) { state.hideKind[value] = true; }
    });
    state.year = null;
    if (p.y !== undefined && config.minYear !== null) {
      var year = Number(p.y);
      if (/^\d{4}$/.test(p.y) && year >= config.minYear && year <= config.maxYear) {
        state.year = year;
      }
    }
    state.undated = p.u !== "0";
    apply();
    syncControls();
    refreshCounts();
    var view = geoLinkView(text);
    var hasView = view !== null;
    if (hasView && !viewSet) {
      map.setView([view[0], view[1]], view[2], { animate: false });
    }
    var target = p.o !== undefined ? byId[decode(p.o)] : undefined;
    if (target && visible(target)) {
      if (!hasView) { frame(target); }
      openEntry(target, { autoPan: !hasView });
    } else {
      map.closePopup();
    }
  }

  window.addEventListener("hashchange", function () {
    if (window.location.hash !== lastHash) {
      applyHash(window.location.hash);
      writeHash();
    }
  });

  /* ================================================================ text view */
  var listView = null;

  function openList() {
    if (listView) { listView.remove(); }
    listView = el("div", "geo-list");
    listView.setAttribute("role", "dialog");
    listView.setAttribute("aria-modal", "true");
    listView.setAttribute("aria-label", "The features shown, as text");
    listView.tabIndex = -1;
    var top = el("div", "geo-list-head", listView);
    el("h2", null, top, "Features shown (" + entries.filter(visible).length + ")");
    var close = el("button", "geo-list-close", top, "Close");
    close.type = "button";
    var order = entries.filter(visible).slice().sort(function (a, b) {
      return (RANK[a.layer] - RANK[b.layer]) || (a.name < b.name ? -1 : 1);
    });
    order.forEach(function (entry) {
      var item = el("section", "geo-list-item", listView);
      var body = el("div", "geo-list-body", item);
      // the entity's popup: escaped by geo (geo.webmap.popups.popup_html)
      body.innerHTML = entry.f.getPopup().getContent();
      var go = el("button", "geo-list-show", item, "Show on the map");
      go.type = "button";
      go.addEventListener("click", function () { closeList(); show(entry); });
    });
    function closeList() {
      if (listView) { listView.remove(); listView = null; }
      listButton.focus();
    }
    close.addEventListener("click", closeList);
    listView.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { closeList(); }
    });
    document.body.appendChild(listView);
    close.focus();
  }
  listButton.addEventListener("click", function () {
    if (compact()) { setMenu(false, true); }
    openList();
  });

  /* ================================================================ page furniture */
  L.control.scale({ maxWidth: 120, position: "bottomleft" }).addTo(map);
  var attribution = container.querySelector(".leaflet-control-attribution");
  if (attribution) {
    // one line on a narrow screen; a tap shows it whole
    attribution.addEventListener("click", function (ev) {
      if (ev.target.tagName !== "A") { attribution.classList.toggle("geo-attr-open"); }
    });
  }
  if (tiles) {
    tiles.once("tileerror", function () {
      container.classList.add("geo-tiles-failed");
      map.attributionControl.addAttribution("basemap tiles unavailable: country outlines shown");
    });
  }

  /* Context layers' popups (geo/webmap/context.py) open clear of the controls too. */
  function layoutContextPopups() {
    layers.forEach(function (layer) {
      if (!layer.context) { return; }
      layer.g.eachLayer(function (part) {
        var popup = part.getPopup && part.getPopup();
        if (popup) { layoutPopup(popup); }
      });
    });
  }

  function onLayout() {
    if (!compact()) { setMenu(false, true); }
    geoSetMinZoom(map);
    layoutContextPopups();
  }
  if (compactQuery.addEventListener) {
    compactQuery.addEventListener("change", function () {
      map.invalidateSize({ pan: false });
      onLayout();
    });
  }
  map.on("resize", onLayout);
  map.on("moveend", writeHash);
  map.on("overlayadd overlayremove", function () { refreshCounts(); writeHash(); });

  /* ================================================================ start */
  var ready = false;
  layoutContextPopups();
  syncControls();
  refreshCounts();
  if (window.location.hash.length > 1) {
    applyHash(window.location.hash, true);
  }
  ready = true;
  writeHashNow();

  /* for scripts and tests: the map, its entries and the state of its controls */
  window.geoMap = {
    map: map,
    entries: entries,
    layers: layers,
    state: state,
    tiles: tiles,
    open: function (id) { if (byId[id]) { show(byId[id]); } },
    frame: function (id) { if (byId[id]) { map.closePopup(); reveal(byId[id]); frame(byId[id]); } },
    measured: function () {
      return measure.points.map(function (p) { return [p.lat, p.lng]; });
    },
    candidatesAt: function (x, y, tol) {
      return candidatesAt(L.point(x, y), tol === undefined ? TOLERANCE_MOUSE : tol)
        .map(function (c) { return c.entry.id; });
    },
    measure: function (a, b) { return geodesicMetres(L.latLng(a), L.latLng(b)); }
  };
}
