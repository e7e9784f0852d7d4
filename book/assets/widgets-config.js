/* Runs before require.js on pages holding widget state (see mesocours/offline.py). */
(function () {
  "use strict";
  // Base URL of _static/, from this script's own address (pages live at different depths).
  var me = document.currentScript && document.currentScript.src;
  var staticRoot = me ? me.slice(0, me.lastIndexOf("/") + 1) : "_static/";
  // RequireJS reads a global `require` object as its configuration. A module of the bundle looks for its
  // fonts in the folder its own name maps to. Two modules declare the widget fonts (@font-face): the entry
  // point .../html-manager/dist/libembed-amd and the module named @jupyter-widgets/html-manager. Mapping
  // only "@jupyter-widgets" sent the second to vendor/, where the fonts are not; the browser fetched them
  // from there whenever that copy of the rule was the one in force (a 404 on some loads, not all).
  // The longest matching name wins in RequireJS, so each of the two maps to the fonts' folder.
  var dist = staticRoot + "vendor/html-manager/dist";
  window.require = { paths: {
    "@jupyter-widgets": staticRoot + "vendor",
    "@jupyter-widgets/html-manager": dist + "/index",
    "@jupyter-widgets/html-manager/dist": dist
  } };

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
