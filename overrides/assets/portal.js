/* The portal's small behaviours, loaded from a file (the pages' security policy forbids inline
   scripts): the search box's lazy loader, the phone menu by keyboard, and the "In văn bản"
   button. Everything works without it: the search form opens the results page, the menu still
   opens by touch or mouse, and the browser still prints. */
(function () {
  "use strict";

  var drawer = document.getElementById("__drawer");
  var button = document.querySelector("[data-vb-menu]");
  var sidebar = document.querySelector(".md-sidebar--primary");

  function open() {
    return drawer.checked;
  }

  function set(value, returnFocus) {
    if (drawer.checked !== value) {
      drawer.checked = value;
      // Material listens for the change to lock the page's scrolling behind the drawer.
      drawer.dispatchEvent(new Event("change", { bubbles: true }));
    }
    sync();
    if (value) {
      var first = sidebar && sidebar.querySelector("a[href], [tabindex='0']");
      // The drawer becomes visible (and focusable) with the class change; focus it next frame.
      if (first) window.requestAnimationFrame(function () { first.focus(); });
    } else if (returnFocus && button) {
      button.focus();
    }
  }

  function sync() {
    if (button) button.setAttribute("aria-expanded", open() ? "true" : "false");
  }

  if (drawer && button) {
    var label = document.querySelector(".vb-menu-label");
    if (label) label.hidden = true;
    button.hidden = false;
    sync();
    drawer.addEventListener("change", sync);
    button.addEventListener("click", function () {
      set(!open(), false);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && open()) {
        event.preventDefault();
        set(false, true);
      }
    });
    // Leaving the drawer with Tab closes it, so focus is never behind the overlay.
    document.addEventListener("focusin", function (event) {
      if (open() && sidebar && !sidebar.contains(event.target) && event.target !== button) {
        set(false, false);
      }
    });
  }

  // The search box: search.js (and the index parts a query needs) load only the first time a
  // reader focuses or types in the box. Without JavaScript the form still opens the results page.
  var form = document.querySelector("form.vb-search");
  if (form) {
    var input = form.querySelector("input"), loaded = false;
    var load = function () {
      if (loaded) return;
      loaded = true;
      var script = document.createElement("script");
      script.src = form.getAttribute("data-base") + "/assets/search.js";
      document.head.appendChild(script);
    };
    input.addEventListener("focus", load);
    input.addEventListener("input", load);
    if (document.activeElement === input) load();  // focused before this deferred script ran
  }

  var print = document.querySelectorAll("[data-vb-print]");
  for (var i = 0; i < print.length; i++) {
    print[i].hidden = false;
    print[i].addEventListener("click", function () { window.print(); });
  }
})();
