/* The portal's small behaviours, loaded from a file (the pages' security policy forbids inline
   scripts): the search box's lazy loader, the phone menu by keyboard, the "In văn bản" button,
   and the few things of Material's JavaScript the pages use (its 35 KB bundle is not loaded,
   see overrides/main.html): the menu closed by a link to a section of the page, the page title
   in the header once the heading has scrolled away, the "back to top" button, the current
   section in the table of contents. Everything works without it: the search form opens the
   results page, the menu still opens by touch or mouse, and the browser still prints. */
(function () {
  "use strict";

  var drawer = document.getElementById("__drawer");
  var button = document.querySelector("[data-vb-menu]");
  var sidebar = document.querySelector(".md-sidebar--primary");

  function open() {
    return drawer.checked;
  }

  function set(value, returnFocus) {
    drawer.checked = value;
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
    // A link to a section of this page (the table of contents in the menu) closes the menu.
    if (sidebar) {
      sidebar.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest("a[href^='#']");
        if (link && open()) set(false, false);
      });
    }
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

  // What Material's bundle did on scrolling, all from one passive listener, once a frame.
  var header = document.querySelector(".md-header");
  var title = document.querySelector("[data-md-component=header-title]");
  var heading = document.querySelector(".md-content h1");
  var topButton = document.querySelector(".md-top");
  var tocLinks = [], tocTargets = [];
  var toc = document.querySelectorAll(".md-nav--secondary a.md-nav__link[href^='#']");
  for (var t = 0; t < toc.length; t++) {
    var target = document.getElementById(decodeURIComponent(toc[t].hash.slice(1)));
    if (target) {
      tocLinks.push(toc[t]);
      tocTargets.push(target);
    }
  }
  var lastY = window.scrollY, topShown = true, pending = false;

  function showTop(value) {
    if (!topButton || value === topShown) return;
    topShown = value;
    topButton.hidden = !value;
    // Hidden, the button is only transparent: keep it out of the tab order (as Material did).
    if (value) {
      topButton.removeAttribute("tabindex");
    } else {
      topButton.setAttribute("tabindex", "-1");
      if (document.activeElement === topButton) topButton.blur();
    }
  }

  function onScroll() {
    pending = false;
    var y = window.scrollY, below = header ? header.getBoundingClientRect().bottom : 0;
    // The page's title replaces the site's name in the header once the h1 is out of sight.
    if (title && heading) {
      var gone = heading.getBoundingClientRect().bottom <= below;
      title.classList.toggle("md-header__title--active", gone);
    }
    // "Back to top" while the reader scrolls up, away from the top of the page.
    showTop(y < lastY && y > below);
    lastY = y;
    // The current section: the last heading whose top has passed under the header or, at the
    // end of the page (where the last short sections can never reach the header), the last
    // heading in view.
    var current = -1, end = y + window.innerHeight >= document.documentElement.scrollHeight - 2;
    for (var k = 0; k < tocTargets.length; k++) {
      var at = tocTargets[k].getBoundingClientRect().top;
      if (at <= below + 8 || (end && at < window.innerHeight)) current = k;
    }
    for (var m = 0; m < tocLinks.length; m++) {
      tocLinks[m].classList.toggle("md-nav__link--passed", m < current);
      tocLinks[m].classList.toggle("md-nav__link--active", m === current);
    }
  }

  showTop(false);
  if (topButton) {
    // Below the header, whose height differs between a phone (with the search box) and a
    // desktop, as Material placed it.
    if (header) topButton.style.top = header.offsetHeight + 16 + "px";
    topButton.addEventListener("click", function (event) {
      event.preventDefault();
      window.scrollTo({ top: 0 });
    });
  }
  if ((title && heading) || topButton || tocLinks.length) {
    window.addEventListener("scroll", function () {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(onScroll);
      }
    }, { passive: true });
    if (window.scrollY) window.requestAnimationFrame(onScroll);  // reloaded mid-page
  }

  var print = document.querySelectorAll("[data-vb-print]");
  for (var i = 0; i < print.length; i++) {
    print[i].hidden = false;
    print[i].addEventListener("click", function () { window.print(); });
  }
})();
