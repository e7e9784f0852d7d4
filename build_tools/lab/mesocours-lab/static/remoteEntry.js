/*
 * mesocours-lab — what jupyterlab-myst 2.7 cannot do for the course's source notebooks.
 *
 * 1. Citations. jupyterlab-myst reads no .bib file: every {cite:p}`key` / {cite:t}`key` is shown as the bare
 *    key behind a warning mark (a <span title="Citation Not Found"> holding an icon and the key). This
 *    extension writes the book's author–year call in its place (« Pistor, 1958 », narrative « Pistor [1958] »),
 *    from static/references.json (generated from book/references.bib by build_tools/lab_install.py, the same
 *    texts as mesocours.lab.cite_text), and makes the call a button that shows the full reference.
 * 2. sphinx-exercise labels. jupyterlab-myst titles {exercise} / {solution} blocks in English (« Exercise 1 »,
 *    « Solution to Exercise 1 »): they read « Exercice 1 », « Solution de Exercice 1 » as in the book.
 *
 * Only the text of nodes React rendered is changed (text-node data, attributes, a class), never the tree,
 * so a later render by jupyterlab-myst simply gets patched again (a MutationObserver). Nothing is fetched
 * from another host. No build step: this file is a module-federation container written by hand
 * (window._JUPYTERLAB[name] with init/get, as JupyterLab's bootstrap loads every prebuilt extension).
 */
(function () {
  "use strict";
  var NAME = "mesocours-lab";
  var here = document.currentScript ? document.currentScript.src : "";
  var STATIC = here.replace(/[^/]*$/, "");
  var refs = {};
  var CSS = [
    ".mesocours-cite.text-yellow-600{color:inherit}",
    ".mesocours-cite>svg{display:none}",
    ".mesocours-cite{cursor:pointer;text-decoration:underline dotted;text-underline-offset:2px}",
    ".mesocours-cite:focus-visible{outline:2px solid var(--jp-brand-color1,#1976d2);outline-offset:1px}",
    "#mesocours-ref-popover{position:absolute;z-index:10000;max-width:32em;padding:0.5em 0.8em;",
    "background:var(--jp-layout-color0,#fff);color:var(--jp-ui-font-color0,#000);",
    "border:1px solid var(--jp-border-color1,#999);border-radius:4px;box-shadow:0 2px 6px rgba(0,0,0,.25);",
    "font-size:var(--jp-content-font-size1,14px);line-height:1.4}",
  ].join("");
  var EXERCISE = [
    [/^Exercise(?=\s|$)/, "Exercice"],
    [/^Solution to(?=\s|$)/, "Solution de"],
    [/^Start of(?=\s|$)/, "Début de"],
    [/^End of(?=\s|$)/, "Fin de"],
  ];

  function textNode(el) {
    for (var n = el.lastChild; n; n = n.previousSibling) {
      if (n.nodeType === 3 && n.data.trim()) return n;
    }
    return null;
  }

  function inEditor(node) {
    var el = node.nodeType === 1 ? node : node.parentElement;
    return !el || !!el.closest(".cm-editor, .jp-InputArea-editor, [contenteditable='true']");
  }

  function patchCites(root) {
    root.querySelectorAll('.jp-MarkdownCell span[title="Citation Not Found"], .jp-MarkdownCell .mesocours-cite')
      .forEach(function (span) {
        if (inEditor(span)) return;
        var t = textNode(span);
        if (!t) return;
        var key = t.data.trim();
        var ref = Object.prototype.hasOwnProperty.call(refs, key) ? refs[key] : null;
        if (!ref) return; // already written out, or a key the bibliography does not have (left as is)
        var group = span.closest(".cite-group, .xref-group");
        var narrative = group ? group.classList.contains("narrative") : false;
        var text = narrative ? ref.t : ref.p;
        t.data = text;
        span.dataset.mesocoursKey = key;
        span.classList.add("mesocours-cite");
        span.title = ref.full;
        span.setAttribute("role", "button");
        span.setAttribute("tabindex", "0");
        span.setAttribute("aria-label", text + " — référence complète");
      });
  }

  function patchExercises(root) {
    root.querySelectorAll(".jp-MarkdownCell").forEach(function (cell) {
      var walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      var n;
      while ((n = walk.nextNode())) {
        if (!/^(Exercise|Solution to|Start of|End of)(\s|$)/.test(n.data) || inEditor(n)) continue;
        for (var i = 0; i < EXERCISE.length; i++) {
          var out = n.data.replace(EXERCISE[i][0], EXERCISE[i][1]);
          if (out !== n.data) { n.data = out; break; }
        }
      }
    });
  }

  var popover = null;
  function closePopover() {
    if (popover) { popover.remove(); popover = null; }
  }
  function openPopover(span) {
    closePopover();
    var ref = refs[span.dataset.mesocoursKey];
    if (!ref) return;
    popover = document.createElement("div");
    popover.id = "mesocours-ref-popover";
    popover.setAttribute("role", "dialog");
    popover.setAttribute("aria-label", "Référence complète");
    popover.setAttribute("aria-live", "polite");
    popover.textContent = ref.full;
    var box = span.getBoundingClientRect();
    popover.style.left = Math.max(4, box.left + window.scrollX) + "px";
    popover.style.top = (box.bottom + window.scrollY + 4) + "px";
    document.body.appendChild(popover);
  }

  var scheduled = false;
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(function () {
      scheduled = false;
      patchCites(document);
      patchExercises(document);
    });
  }

  function start() {
    var style = document.createElement("style");
    style.id = "mesocours-lab-style";
    style.textContent = CSS;
    document.head.appendChild(style);
    document.addEventListener("click", function (e) {
      var span = e.target.closest && e.target.closest(".mesocours-cite");
      if (span) { openPopover(span); e.stopPropagation(); }
      else if (!(popover && popover.contains(e.target))) closePopover();
    }, true);
    document.addEventListener("keydown", function (e) {
      var span = e.target.closest && e.target.closest(".mesocours-cite");
      if (span && (e.key === "Enter" || e.key === " ")) { openPopover(span); e.preventDefault(); e.stopPropagation(); }
      else if (e.key === "Escape") closePopover();
    }, true);
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true, characterData: true });
    schedule();
  }

  var plugin = {
    id: NAME + ":plugin",
    description: "Citations auteur–année et libellés d’exercices en français dans les cellules MyST.",
    autoStart: true,
    activate: function () {
      return fetch(STATIC + "references.json", { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error(r.status + " " + r.statusText); return r.json(); })
        .then(function (data) { refs = data; })
        .catch(function (err) { console.warn(NAME + ": references.json not loaded (" + err + ")"); })
        .then(start);
    },
  };

  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAME] = {
    init: function () { return Promise.resolve(); },
    get: function (module) {
      if (module !== "./extension") return Promise.reject(new Error(NAME + " has no module " + module));
      return Promise.resolve(function () { return { __esModule: true, "default": [plugin] }; });
    },
  };
})();
