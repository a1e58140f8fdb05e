/* geo map controls: search by name and alias, and the catalogue as of a chosen year.
 * Self-contained (Leaflet only), no network. Text from the catalogue is only ever set with
 * textContent, never as HTML. */
function geoMapInit(map, entries, config) {
  "use strict";

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function control(position, className, build) {
    var Ctl = L.Control.extend({
      onAdd: function () {
        var div = L.DomUtil.create("div", "leaflet-control " + className);
        build(div);
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
      }
    });
    return new Ctl({ position: position }).addTo(map);
  }

  /* ---------------------------------------------------------------- legend */
  // The legend (bottom right) may grow up to the controls stacked in the top right corner
  // (title, layer control, search), whose height depends on the number of layers.
  var container = map.getContainer();
  var margin = 10;

  function fitLegend() {
    var legend = container.querySelector("details.geo-legend");
    var column = container.querySelector(".leaflet-top.leaflet-right");
    var results = container.querySelector(".geo-search-results");
    if (!legend || !column) { return; }
    var hidden = results ? results.style.display : null;
    if (results) { results.style.display = "none"; } // measure without a result list
    var top = column.getBoundingClientRect().bottom;
    if (results) { results.style.display = hidden; }
    var style = getComputedStyle(legend);
    var padding = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom) +
      parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
    var free = legend.getBoundingClientRect().bottom - top - margin - padding;
    legend.style.maxHeight = Math.max(60, Math.floor(free)) + "px";
  }

  /* ---------------------------------------------------------------- time */
  var allYears = true;
  var slider = null;
  var yearLabel = null;

  function visibleAt(entry, year) {
    if (allYears) { return true; }
    if (entry.from !== null && entry.from > year) { return false; }
    if (entry.to !== null && entry.to < year) { return false; }
    return true;
  }

  function applyYear(year) {
    entries.forEach(function (entry) {
      var show = visibleAt(entry, year);
      var has = entry.g.hasLayer(entry.f);
      if (show && !has) { entry.g.addLayer(entry.f); }
      if (!show && has) { entry.g.removeLayer(entry.f); }
    });
  }

  function setYear(value) {
    var year = Number(value);
    allYears = year > config.maxYear;
    yearLabel.textContent = allYears ? "all years" : String(year);
    applyYear(year);
  }

  if (config.minYear !== null) {
    control("bottomleft", "geo-time", function (div) {
      var head = L.DomUtil.create("div", "geo-time-head", div);
      head.appendChild(document.createTextNode("Catalogue as of "));
      yearLabel = L.DomUtil.create("b", "geo-time-year", head);
      yearLabel.textContent = "all years";
      slider = L.DomUtil.create("input", "geo-time-slider", div);
      slider.type = "range";
      slider.min = String(config.minYear);
      slider.max = String(config.maxYear + 1);
      slider.step = "1";
      slider.value = slider.max;
      slider.setAttribute("aria-label", "Show the catalogue as of this year");
      var foot = L.DomUtil.create("div", "geo-time-foot", div);
      foot.textContent = config.minYear + " \u2013 " + config.maxYear +
        " \u00b7 undated items always shown";
      slider.addEventListener("input", function () { setYear(slider.value); });
      slider.addEventListener("change", function () { setYear(slider.value); });
    });
  }

  /* ---------------------------------------------------------------- search */
  function show(entry) {
    if (!map.hasLayer(entry.g)) { map.addLayer(entry.g); }
    if (!entry.g.hasLayer(entry.f)) {
      if (slider) { slider.value = slider.max; setYear(slider.value); }
      entry.g.addLayer(entry.f);
    }
    // move without animation, so the popup's own panning starts from the final view; keep
    // clear of the control columns (left: zoom and time; right: layers, search and legend)
    if (entry.f.getBounds) {
      map.fitBounds(entry.f.getBounds(), { maxZoom: 6, paddingTopLeft: [70, 60],
                                           paddingBottomRight: [300, 60], animate: false });
    } else {
      map.setView(entry.f.getLatLng(), Math.max(map.getZoom(), 5), { animate: false });
    }
    entry.f.openPopup();
  }

  control("topright", "geo-search", function (div) {
    var input = L.DomUtil.create("input", "geo-search-input", div);
    input.type = "search";
    input.placeholder = "Search name or alias";
    input.setAttribute("aria-label", "Search the map by name or alias");
    var list = L.DomUtil.create("ul", "geo-search-results", div);
    var found = [];

    function render() {
      list.textContent = "";
      var q = fold(input.value.trim());
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
        var li = L.DomUtil.create("li", "geo-search-hit", list);
        var name = L.DomUtil.create("span", "geo-search-name", li);
        name.textContent = hit.entry.name;
        var meta = L.DomUtil.create("span", "geo-search-meta", li);
        meta.textContent = (hit.via ? "also \u201c" + hit.via + "\u201d \u00b7 " : "") +
          config.layerLabels[hit.entry.layer];
        li.addEventListener("click", function (ev) {
          // the list is rebuilt below: keep the click from reaching the map, which would
          // take it for a click on the map (and close the popup just opened)
          L.DomEvent.stop(ev);
          show(hit.entry);
          input.value = "";
          render();
        });
      });
      if (!found.length) {
        L.DomUtil.create("li", "geo-search-none", list).textContent = "No match";
      }
    }
    input.addEventListener("input", render);
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && found.length) { show(found[0].entry); }
      if (ev.key === "Escape") { input.value = ""; render(); }
    });
  });

  fitLegend();
  map.on("resize", fitLegend);
}
