/* The portal's own page script, loaded where the search box is: it loads the search itself
 * (search.js) only the first time a reader focuses or types in the box. A file rather than an
 * inline script, because the Content-Security-Policy forbids inline scripts. */
(function (form) {
  "use strict";
  var input = form.querySelector("input"), loaded = false;
  function load() {
    if (loaded) return;
    loaded = true;
    var script = document.createElement("script");
    script.src = form.getAttribute("data-base") + "/assets/search.js";
    document.head.appendChild(script);
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  input.addEventListener("focus", load);
  input.addEventListener("input", load);
})(document.currentScript.parentNode);
