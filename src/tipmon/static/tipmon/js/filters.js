/*
 * TIP Monitor: progressive enhancement for filter forms.
 *
 *   <form method="get" data-autosubmit> <select name="year">…</select>
 *     <button type="submit" class="usa-button">Apply</button> </form>
 *
 * When a <select> inside a form marked data-autosubmit changes, the form is
 * submitted. Without JavaScript the submit button does the same job.
 */
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!target || target.tagName !== "SELECT") {
      return;
    }
    var form = target.form;
    if (!form || !form.hasAttribute("data-autosubmit")) {
      return;
    }
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit(); // runs constraint validation and submit handlers
    } else {
      form.submit();
    }
  });
})();
