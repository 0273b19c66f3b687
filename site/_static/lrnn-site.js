// lowrank-rnn-notebooks site: mark display equations wider than the column, so that CSS can
// show that they scroll sideways (a fade at the right edge and a "scroll" hint below).
(function () {
  "use strict";
  var SELECTOR = ".bd-content mjx-container[display='true'], .bd-content div.math-wrapper";
  function mark() {
    document.querySelectorAll(SELECTOR).forEach(function (el) {
      var wide = el.scrollWidth > el.clientWidth + 1;
      el.classList.toggle("lrnn-scrolls", wide);
      var hint = el.nextElementSibling;
      var has = hint && hint.classList.contains("lrnn-scroll-hint");
      if (wide && !has) {
        hint = document.createElement("span");
        hint.className = "lrnn-scroll-hint";
        hint.setAttribute("aria-hidden", "true");
        hint.textContent = "scroll sideways for the whole equation \u21c6";
        el.insertAdjacentElement("afterend", hint);
      } else if (!wide && has) {
        hint.remove();
      }
    });
  }
  function start() {
    var MJ = window.MathJax;
    var ready = MJ && MJ.startup && MJ.startup.promise ? MJ.startup.promise : Promise.resolve();
    ready.then(mark, mark);
    var t = null;
    window.addEventListener("resize", function () { clearTimeout(t); t = setTimeout(mark, 150); });
  }
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})();
