// ipywidgets' HTML manager typesets widget labels with the MathJax 2 API
// (MathJax.Hub.Queue(["Typeset", MathJax.Hub, element])); this site serves MathJax 3.
// Map that call onto MathJax 3's typesetPromise so labels with math work and nothing throws.
// MathJax is loaded with `defer`, so it exists when DOMContentLoaded fires, and the widget
// manager renders on `load`, after that.
(function () {
  "use strict";
  function install() {
    var MJ = window.MathJax;
    if (!MJ || MJ.Hub || typeof MJ.typesetPromise !== "function" && !MJ.startup) return;
    var queue = Promise.resolve();
    MJ.Hub = {
      Queue: function () {
        for (var i = 0; i < arguments.length; i++) {
          var job = arguments[i];
          if (!Array.isArray(job) || job[0] !== "Typeset") continue;
          var el = job[2];
          queue = queue
            .then(function () { return MJ.startup && MJ.startup.promise; })
            .then(function () { return MJ.typesetPromise(el ? [el] : undefined); })
            .catch(function (err) { console.warn("MathJax typeset failed:", err); });
        }
        return queue;
      },
    };
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", install);
  } else {
    install();
  }
})();
