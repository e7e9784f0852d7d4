/* Quiz of « Mésothérapie — cours interactif » (mesocours.quiz.sphinx). No dependency, no network.
 * Checks answers in the page, shows feedback in aria-live regions, keeps the best score per
 * chapter in localStorage ("mesocours.quiz.best.<chapitre>"), fills the « Mon avancement » page. */
(function () {
  "use strict";
  var PREFIX = "mesocours.quiz.best.";
  var NBSP = "\u00a0";
  // unit -> [dimension, factor to the dimension's base]
  var UNITS = {
    "µm": ["L", 1e-3], "um": ["L", 1e-3], "mm": ["L", 1], "cm": ["L", 10],
    "ml": ["V", 1], "l": ["V", 1000], "cc": ["V", 1],
    "µg": ["M", 1e-3], "ug": ["M", 1e-3], "mg": ["M", 1], "g": ["M", 1000],
    "mg/ml": ["C", 1], "g/l": ["C", 1], "mg/l": ["C", 1e-3],
    "%": ["P", 1], "°": ["A", 1], "s": ["T", 1], "min": ["T", 60],
    "j": ["D", 1], "jour": ["D", 1], "jours": ["D", 1], "semaine": ["D", 7], "semaines": ["D", 7],
    "point": ["N", 1], "points": ["N", 1], "séance": ["N", 1], "séances": ["N", 1], "seances": ["N", 1],
    "ui": ["U", 1], "ui/ml": ["UC", 1]
  };

  function storageGet(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }
  function storageSet(key, value) {
    try { window.localStorage.setItem(key, value); return true; } catch (e) { return false; }
  }
  function readBest(chapter) {
    var raw = storageGet(PREFIX + chapter);
    if (!raw) { return null; }
    try {
      var v = JSON.parse(raw);
      if (typeof v.best === "number" && typeof v.total === "number") { return v; }
    } catch (e) { /* ignore a corrupt entry */ }
    return null;
  }
  function frNumber(x) {
    var s = String(Math.round(x * 10000) / 10000);
    return s.replace(".", ",");
  }

  /* Parse a French number with an optional unit; returns {value} or {error}. */
  function parseAnswer(text, unit) {
    var t = String(text || "").trim();
    if (!t) { return { error: "Saisissez d’abord une réponse, par exemple 2,5." }; }
    var m = /^([+-]?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,]\d+)?|[+-]?[.,]\d+)\s*(.*)$/.exec(t);
    if (!m) { return { error: "« " + t + " » n’est pas un nombre lisible" + NBSP + ": écrivez par exemple 2,5." }; }
    var value = parseFloat(m[1].replace(/[ \u00a0\u202f]/g, "").replace(",", "."));
    var typed = m[2].trim().toLowerCase().replace(/\s+/g, "");
    if (!typed) { return { value: value }; }
    var want = unit ? unit.toLowerCase().replace(/\s+/g, "") : null;
    if (want && typed === want) { return { value: value }; }
    var src = UNITS[typed];
    if (!want) {
      if (src && src[0] === "N") { return { value: value }; }
      return { error: "La réponse attendue est un nombre sans unité" + NBSP + ": retirez « " + m[2].trim() + " »." };
    }
    var dst = UNITS[want];
    if (!src) { return { error: "Unité « " + m[2].trim() + " » non reconnue" + NBSP + ": répondez en " + unit + "." }; }
    if (!dst || src[0] !== dst[0]) {
      return { error: "L’unité « " + m[2].trim() + " » ne convient pas ici" + NBSP + ": répondez en " + unit + "." };
    }
    return { value: value * src[1] / dst[1] };
  }

  function setFeedback(el, state, head, items) {
    el.className = "mq-feedback mq-" + state;
    el.textContent = "";
    var strong = document.createElement("strong");
    strong.textContent = head;
    el.appendChild(strong);
    if (items.length) {
      var ul = document.createElement("ul");
      items.forEach(function (h) {
        var li = document.createElement("li");
        li.innerHTML = h; // feedback HTML was escaped at build time (mesocours.quiz.bank.text_to_html)
        ul.appendChild(li);
      });
      el.appendChild(ul);
    }
    if (window.MathJax && typeof window.MathJax.typesetPromise === "function") {
      window.MathJax.typesetPromise([el]).catch(function () {});
    }
  }

  function grade(form, q) {
    if (q.type === "numeric") {
      var input = form.querySelector("input.mq-input");
      var parsed = parseAnswer(input.value, q.unit);
      if (parsed.error) { return { usable: false, messages: [parsed.error] }; }
      var tol = (q.tolerance || 0) + 1e-9 * Math.max(1, Math.abs(q.answer));
      var ok = Math.abs(parsed.value - q.answer) <= tol;
      return { usable: true, ok: ok, messages: [ok ? q.feedback_correct : q.feedback_incorrect] };
    }
    var chosen = [];
    form.querySelectorAll("input[type=radio], input[type=checkbox]").forEach(function (inp) {
      if (inp.checked) { chosen.push(parseInt(inp.value, 10)); }
    });
    if (!chosen.length) {
      return { usable: false, messages: [q.type === "multiple" ? "Cochez au moins une proposition." : "Choisissez une proposition."] };
    }
    var correct = [];
    q.choices.forEach(function (c, i) { if (c.correct) { correct.push(i); } });
    var okAll = chosen.length === correct.length && chosen.every(function (i) { return correct.indexOf(i) >= 0; });
    var msgs = chosen.map(function (i) { return q.choices[i].feedback; });
    if (!okAll && q.type === "multiple" && chosen.every(function (i) { return correct.indexOf(i) >= 0; })) {
      msgs.push("Il manque au moins une bonne réponse.");
    }
    return { usable: true, ok: okAll, messages: msgs };
  }

  function initQuiz(root) {
    var dataEl = root.querySelector("script.mq-data");
    if (!dataEl) { return; }
    var data;
    try { data = JSON.parse(dataEl.textContent); } catch (e) { return; }
    var chapter = data.chapter;
    var byId = {};
    data.questions.forEach(function (q) { byId[q.id] = q; });
    var status = {};
    var scoreEl = root.querySelector(".mq-score-value");
    var bestEl = root.querySelector(".mq-best-value");
    var total = data.questions.length;

    function showBest() {
      var b = readBest(chapter);
      bestEl.textContent = b ? (b.best + " / " + b.total) : "aucun";
    }
    function updateScore() {
      var n = 0;
      Object.keys(status).forEach(function (k) { if (status[k]) { n += 1; } });
      scoreEl.textContent = String(n);
      var b = readBest(chapter);
      if (!b || b.total !== total || n > b.best) {
        storageSet(PREFIX + chapter, JSON.stringify({ best: n, total: total, date: new Date().toISOString() }));
      }
      showBest();
    }

    root.querySelectorAll("form.mq-question").forEach(function (form) {
      var q = byId[form.getAttribute("data-qid")];
      var fb = form.querySelector(".mq-feedback");
      if (!q || !fb) { return; }
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var r;
        try { r = grade(form, q); } catch (e) {
          r = { usable: false, messages: ["Erreur inattendue" + NBSP + ": signalez-la à l’équipe pédagogique."] };
        }
        if (!r.usable) {
          setFeedback(fb, "warn", "⚠️ ", r.messages.map(escapeHtml));
          return;
        }
        status[q.id] = r.ok;
        setFeedback(fb, r.ok ? "ok" : "ko", r.ok ? "✅ Correct." : "❌ Incorrect.", r.messages);
        updateScore();
      });
    });
    showBest();
  }

  function escapeHtml(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function fillExams() {
    document.querySelectorAll("div.mq-exam-history").forEach(function (box) {
      var raw = storageGet(box.getAttribute("data-store") || "mesocours.exam.results");
      var list = [];
      try { list = raw ? JSON.parse(raw) : []; } catch (e) { list = []; }
      if (!Array.isArray(list)) { list = []; }
      var table = box.querySelector("table"), body = box.querySelector("tbody"), empty = box.querySelector(".mq-exam-history-empty");
      body.textContent = "";
      list.slice().reverse().forEach(function (r) {
        if (!r || typeof r.score !== "number" || typeof r.total !== "number") { return; }
        var tr = document.createElement("tr");
        var d = new Date(r.date);
        var cells = [
          isNaN(d.getTime()) ? "—" : d.toLocaleString("fr-FR", { dateStyle: "short", timeStyle: "short" }),
          (r.byPart || []).map(function (p) { return p.title; }).join(", "),
          r.score + " / " + r.total + (r.timedOut ? " (temps écoulé)" : ""),
          (r.byPart || []).map(function (p) { return p.title + NBSP + ": " + p.correct + " / " + p.total; }).join(NBSP + "; "),
          String(r.seed)
        ];
        var exam = box.getAttribute("data-exam");
        cells.forEach(function (text, i) {
          var c = document.createElement(i === 0 ? "th" : "td");
          if (i === 0) { c.setAttribute("scope", "row"); }
          if (i === 4 && exam) { // the seed links to the same draw, to take it again
            var a = document.createElement("a");
            a.href = exam + "?graine=" + encodeURIComponent(r.seed) + "&n=" + encodeURIComponent(r.n) +
              "&parties=" + encodeURIComponent((r.parts || []).join(",")) + "&repartition=" + (r.stratify === false ? "0" : "1") +
              (r.limit ? "&minutes=" + encodeURIComponent(r.limit) : "");
            a.textContent = text + ", repasser";
            c.appendChild(a);
          } else {
            c.textContent = text;
          }
          tr.appendChild(c);
        });
        tr.className = "mq-exam-history-row";
        body.appendChild(tr);
      });
      var has = body.children.length > 0;
      table.hidden = !has;
      if (empty) { empty.hidden = has; }
    });
  }

  function initProgress(root) {
    var prefixes = (root.getAttribute("data-prefix") || PREFIX).split(/\s+/).filter(Boolean);
    var cells = root.querySelectorAll("td.mq-best");
    cells.forEach(function (td) { td.setAttribute("data-empty", td.textContent); });
    function fill() {
      cells.forEach(function (td) {
        var b = readBest(td.getAttribute("data-chapter"));
        td.textContent = b ? (b.best + " / " + b.total) : td.getAttribute("data-empty");
        td.classList.toggle("mq-has-score", !!b);
      });
    }
    var btn = root.querySelector("button.mq-reset");
    var msg = root.querySelector(".mq-reset-status");
    if (btn) {
      btn.addEventListener("click", function () {
        var keys = [];
        try {
          for (var i = 0; i < window.localStorage.length; i++) {
            var k = window.localStorage.key(i);
            if (k && prefixes.some(function (p) { return k.indexOf(p) === 0; })) { keys.push(k); }
          }
          keys.forEach(function (k) { window.localStorage.removeItem(k); });
        } catch (e) { /* storage unavailable: nothing to clear */ }
        fill();
        fillExams();
        var chapters = keys.filter(function (k) { return k.indexOf(PREFIX) === 0; }).length;
        var exams = keys.length > chapters ? ", examens blancs compris" : "";
        if (msg) { msg.textContent = "Scores effacés (" + chapters + " chapitre" + (chapters > 1 ? "s" : "") + exams + ")."; }
      });
    }
    fill();
  }

  function init() {
    document.querySelectorAll("section.mq-quiz").forEach(initQuiz);
    document.querySelectorAll("div.mq-progress").forEach(initProgress);
    fillExams();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }

  // exposed for tests and for the mock exam (exam.js renders nothing of its own: it reuses these)
  window.mesocoursQuiz = { parseAnswer: parseAnswer, frNumber: frNumber, grade: grade, setFeedback: setFeedback,
                           escapeHtml: escapeHtml, fillExams: fillExams };
})();
