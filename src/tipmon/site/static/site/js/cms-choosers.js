// Starts one of Wagtail's date and time choosers from the attributes of the script element
// that loads this file (Wagtail's own widget templates call them in inline scripts, which the
// CMS's content security policy does not run). See src/tipmon/site/templates/wagtailadmin/.
(function () {
  "use strict";
  var script = document.currentScript;
  var allowed = ["initDateChooser", "initDateTimeChooser", "initTimeChooser"];
  if (!script || allowed.indexOf(script.dataset.chooser) < 0) {
    return;
  }
  var init = window[script.dataset.chooser];
  if (typeof init === "function") {
    init(script.dataset.target, JSON.parse(script.dataset.config || "{}"));
  }
})();
