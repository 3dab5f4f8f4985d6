/*
 * TIP Monitor: draw Vega / Vega-Lite charts embedded in the page.
 *
 * Markup (no inline script needed; the JSON block is data, not script):
 *
 *   <div class="chart" data-vega-spec="tier-history-spec"
 *        aria-describedby="tier-history-table">…fallback…</div>
 *   <script type="application/json" id="tier-history-spec">{…spec…}</script>
 *
 * (Django: {{ spec|json_script:"tier-history-spec" }} produces that block.)
 *
 * Needs, loaded before this file: vendor/vega/vega.min.js,
 * vendor/vega-lite/vega-lite.min.js, vendor/vega-embed/vega-embed.min.js.
 *
 * Works under a Content-Security-Policy without 'unsafe-inline' and without
 * 'unsafe-eval': expressions are interpreted (ast: true) instead of compiled
 * with new Function(), and vega-embed / vega-tooltip are told not to inject
 * <style> elements (their rules live in tipmon.css).
 *
 * On success the element gets data-rendered="true"; on failure it shows a
 * USWDS alert starting "Chart could not be drawn:" and gets
 * data-rendered="error".
 */
(function () {
  "use strict";

  var FONT =
    '"Source Sans Pro Web", "Helvetica Neue", Helvetica, Roboto, Arial, sans-serif';

  var EMBED_OPTIONS = {
    renderer: "svg",
    actions: false,
    // CSP: no eval / new Function for Vega expressions.
    ast: true,
    // CSP: no injected <style> elements (see tipmon.css).
    defaultStyle: false,
    tooltip: { disableDefaultStyle: true, theme: "light" },
    // Defaults only; a spec's own "config" wins.
    config: { font: FONT }
  };

  function showError(element, err) {
    var message = err && err.message ? err.message : String(err);
    var alert = document.createElement("div");
    alert.className =
      "usa-alert usa-alert--error usa-alert--slim usa-alert--no-icon tipmon-chart-error";
    var body = document.createElement("div");
    body.className = "usa-alert__body";
    var text = document.createElement("p");
    text.className = "usa-alert__text";
    text.textContent = "Chart could not be drawn: " + message;
    body.appendChild(text);
    alert.appendChild(body);
    while (element.firstChild) {
      element.removeChild(element.firstChild);
    }
    element.appendChild(alert);
    element.setAttribute("data-rendered", "error");
    if (window.console && console.error) {
      console.error(
        "TIP Monitor: chart " + (element.getAttribute("data-vega-spec") || "?") +
          " could not be drawn:",
        err
      );
    }
  }

  function readSpec(id) {
    var block = id ? document.getElementById(id) : null;
    if (!block) {
      throw new Error('no <script type="application/json" id="' + id + '"> in the page');
    }
    if (block.tagName !== "SCRIPT" || (block.type || "").toLowerCase() !== "application/json") {
      throw new Error('element #' + id + ' is not a <script type="application/json">');
    }
    return JSON.parse(block.textContent);
  }

  function renderChart(element) {
    var state = element.getAttribute("data-rendered");
    if (state === "true" || state === "pending") {
      return Promise.resolve(element);
    }
    element.setAttribute("data-rendered", "pending");
    var spec;
    try {
      if (typeof window.vegaEmbed !== "function") {
        throw new Error("the chart library (vega-embed) did not load");
      }
      spec = readSpec(element.getAttribute("data-vega-spec"));
    } catch (err) {
      showError(element, err);
      return Promise.resolve(element);
    }
    return window
      .vegaEmbed(element, spec, EMBED_OPTIONS)
      .then(function (result) {
        element.tipmonView = result.view;
        element.dataset.rendered = "true";
        return element;
      })
      .catch(function (err) {
        showError(element, err);
        return element;
      });
  }

  function renderAll(root) {
    var nodes = (root || document).querySelectorAll("[data-vega-spec]");
    var jobs = [];
    for (var i = 0; i < nodes.length; i++) {
      jobs.push(renderChart(nodes[i]));
    }
    return Promise.all(jobs);
  }

  window.TipmonCharts = { renderAll: renderAll, renderChart: renderChart, options: EMBED_OPTIONS };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      renderAll(document);
    });
  } else {
    renderAll(document);
  }
})();
