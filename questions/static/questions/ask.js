// "Stel een vraag": the panel beside the form follows the typing.
//
// Progressive enhancement: without this script the form posts as usual and the
// server shows the same panel after submitting. With it, half a second after the
// last keystroke the draft is POSTed (never put in a URL, so it stays out of
// access logs) to the panel endpoint, whose server-rendered, escaped HTML replaces
// the panel's body. The "I have checked" box is shown only while there are
// warnings to confirm.
(function () {
  "use strict";
  var form = document.querySelector("[data-kb-ask-form]");
  var panel = document.querySelector("[data-kb-panel]");
  if (!form || !panel || !window.fetch || !window.FormData) {
    return;
  }
  var body = panel.querySelector("[data-kb-panel-body]");
  var confirm = form.querySelector("[data-kb-confirm]");
  var url = panel.getAttribute("data-url");
  var DELAY = 500;
  var timer = null;
  var latest = 0;

  function hasWarnings(findings) {
    return Object.keys(findings).some(function (name) {
      return findings[name].some(function (finding) {
        return !finding.blocking;
      });
    });
  }

  function refresh() {
    var request = ++latest;
    var data = new FormData(form);
    fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (result) {
        if (!result || request !== latest) {
          return; // an older answer, or the server could not help: keep what is shown
        }
        body.innerHTML = result.html;
        if (confirm) {
          var show = hasWarnings(result.findings);
          confirm.hidden = !show;
        }
      })
      .catch(function () {
        // offline or failing: the form still works without the panel
      });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, DELAY);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  if (form.querySelector("[name=titel]").value) {
    refresh(); // prefilled from ?titel=
  }
})();
