/* The portal's small behaviours, loaded from a file (the pages' security policy forbids inline
   scripts): the phone menu by keyboard, and the "In văn bản" button. Everything works without
   it except those two: the menu still opens by touch or mouse, and the browser still prints. */
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

  var print = document.querySelectorAll("[data-vb-print]");
  for (var i = 0; i < print.length; i++) {
    print[i].hidden = false;
    print[i].addEventListener("click", function () { window.print(); });
  }
})();
