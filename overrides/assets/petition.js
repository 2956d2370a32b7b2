// "Gửi kiến nghị, phản ánh": fold the area and the place into the message the reader's mail
// program opens. Nothing is sent anywhere by this page. Loaded as a file (no inline script),
// so a Content-Security-Policy of script-src 'self' allows it.
(function () {
  "use strict";
  var form = document.getElementById("vb-petition-form");
  if (!form) return;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var area = form.querySelector("[data-field=area]").value;
    var place = form.querySelector("[data-field=place]").value.trim();
    var subject = form.elements.subject.value.trim();
    var body = form.elements.body.value;
    var lines = ["Lĩnh vực: " + area];
    if (place) lines.push("Xã, phường: " + place);
    var href =
      form.getAttribute("action") +
      "?subject=" + encodeURIComponent("[" + area + "] " + subject) +
      "&body=" + encodeURIComponent(lines.join("\n") + "\n\n" + body);
    form.setAttribute("data-mailto", href);
    window.location.href = href;
  });
})();
