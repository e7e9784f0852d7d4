/* Runs before require.js on pages holding widget state (see mesocours/offline.py). */
(function () {
  "use strict";
  // Base URL of _static/, from this script's own address (pages live at different depths).
  var me = document.currentScript && document.currentScript.src;
  var staticRoot = me ? me.slice(0, me.lastIndexOf("/") + 1) : "_static/";
  // RequireJS reads a global `require` object as its configuration. Naming where the
  // @jupyter-widgets modules live makes the bundle resolve its fonts next to itself.
  window.require = { paths: { "@jupyter-widgets": staticRoot + "vendor" } };

  // The widget manager typesets with the MathJax 2 API; the book ships MathJax 3.
  function typeset(job) {
    var el = job && job[2];
    if (el && el.classList) { el.classList.add("mathjax_process"); } // notebook pages are mathjax_ignore
    var tries = 0;
    (function run() {
      var M = window.MathJax;
      if (M && M.typesetPromise && M.startup && M.startup.promise) {
        M.startup.promise.then(function () { return M.typesetPromise(el ? [el] : undefined); }).catch(function () {});
      } else if (tries++ < 100) {
        setTimeout(run, 100); // MathJax is loaded with defer: wait for it (10 s at most)
      }
    })();
  }
  function install() {
    var M = window.MathJax;
    if (M && !M.Hub) { M.Hub = { Queue: typeset }; }
  }
  install();
  document.addEventListener("DOMContentLoaded", install);
  window.addEventListener("load", install);
})();
