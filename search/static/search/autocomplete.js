/*
 * Suggest-as-you-type for the search boxes (search/includes/search_box.html).
 *
 * The WAI-ARIA 1.2 combobox pattern, "list autocomplete with manual selection":
 * the text field keeps the focus, aria-activedescendant points at the option the
 * arrow keys reach, Enter takes it, Escape closes the list (and, when it is closed,
 * empties the field), and a polite live region says how many suggestions there are.
 *
 * Progressive enhancement: without this script the box is a plain search field
 * that submits its form, so every ARIA attribute is added here, not in the HTML.
 * No inline script or style anywhere (the site's Content-Security-Policy): the
 * texts come from data- attributes the template translated, the look from
 * kennisbank.css.
 */
(function () {
  "use strict";

  var DELAY_MS = 150; // a pause in typing, not every keystroke
  var MIN_LENGTH = 2; // search.service.suggest answers nothing shorter

  function enhance(input) {
    var field = input.parentNode;
    var listId = input.id + "-suggesties";
    var popover = document.createElement("div");
    var list = document.createElement("ul");
    var status = document.createElement("div");
    var items = [];
    var active = -1;
    var timer = null;
    var sequence = 0;

    popover.className = "utrecht-combobox__popover utrecht-combobox__popover--block-end utrecht-listbox kb-suggest";
    popover.hidden = true;
    list.className = "utrecht-listbox__list kb-suggest__list";
    list.id = listId;
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("data-kb-list-label"));
    popover.appendChild(list);
    status.className = "kb-visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-atomic", "true");
    field.appendChild(popover);
    field.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    function announce(count) {
      var text;
      if (count === 0) {
        text = input.getAttribute("data-kb-none");
      } else if (count === 1) {
        text = input.getAttribute("data-kb-one");
      } else {
        text = input.getAttribute("data-kb-many").replace("{count}", String(count));
      }
      status.textContent = text;
    }

    function setActive(index) {
      var options = list.children;
      for (var i = 0; i < options.length; i++) {
        var on = i === index;
        options[i].setAttribute("aria-selected", on ? "true" : "false");
        options[i].classList.toggle("utrecht-listbox__option--active", on);
      }
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        if (options[index].scrollIntoView) {
          options[index].scrollIntoView({ block: "nearest" });
        }
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open() {
      if (!items.length) {
        return;
      }
      popover.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function close() {
      setActive(-1);
      popover.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function choose(index) {
      var item = items[index];
      close();
      if (item.url) {
        window.location.assign(item.url);
        return;
      }
      input.value = item.text;
      if (input.form.requestSubmit) {
        input.form.requestSubmit();
      } else {
        input.form.submit();
      }
    }

    function render(suggestions) {
      items = suggestions;
      list.textContent = "";
      suggestions.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = listId + "-" + index;
        option.className = "utrecht-listbox__option utrecht-listbox__option--html-li kb-suggest__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("lang", "nl");
        option.appendChild(document.createTextNode(item.text));
        if (item.kind === "page") {
          var kind = document.createElement("span");
          kind.className = "kb-suggest__kind";
          kind.setAttribute("lang", document.documentElement.lang);
          kind.textContent = " " + input.getAttribute("data-kb-page-kind");
          option.appendChild(kind);
        }
        // mousedown, not click: the field keeps the focus, so the list stays open.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(index);
        });
        list.appendChild(option);
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (suggestions.length) {
        open();
      } else {
        close();
      }
      announce(suggestions.length);
    }

    function fetchSuggestions() {
      var text = input.value.trim();
      var mine = ++sequence;
      if (text.length < MIN_LENGTH) {
        items = [];
        list.textContent = "";
        close();
        status.textContent = "";
        return;
      }
      var url = input.getAttribute("data-kb-suggest") + "?q=" + encodeURIComponent(text);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          if (mine === sequence && document.activeElement === input) {
            render(data.suggestions || []);
          }
        })
        .catch(function () {
          // No suggestions is the plain search box: nothing to tell the reader.
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var expanded = !popover.hidden;
      switch (event.key) {
        case "ArrowDown":
          if (!items.length) {
            return;
          }
          event.preventDefault();
          if (!expanded) {
            open();
            setActive(0);
          } else {
            setActive((active + 1) % items.length);
          }
          break;
        case "ArrowUp":
          if (!items.length) {
            return;
          }
          event.preventDefault();
          if (!expanded) {
            open();
            setActive(items.length - 1);
          } else {
            setActive(active <= 0 ? items.length - 1 : active - 1);
          }
          break;
        case "Enter":
          if (expanded && active >= 0) {
            event.preventDefault();
            choose(active);
          }
          break;
        case "Escape":
          event.preventDefault();
          if (expanded) {
            close();
          } else {
            input.value = "";
            items = [];
            list.textContent = "";
          }
          break;
        case "Tab":
          close();
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", function () {
      close();
    });
  }

  function start() {
    var inputs = document.querySelectorAll("input[data-kb-suggest]");
    for (var i = 0; i < inputs.length; i++) {
      enhance(inputs[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
