/* Mock exam (« examen blanc ») of « Mésothérapie — cours interactif » (mesocours.quiz.sphinx).
 * No dependency, no network. The draw is a line-by-line port of mesocours/quiz/exam.py (draw):
 * mulberry32(seed) drives a Fisher–Yates shuffle of the pool (questions of the chosen parts in bank
 * order); stratified selection deals each part's questions round-robin over its chapters, then the
 * parts round-robin, and keeps the first n; the result is given in shuffled order. A browser test
 * checks that this file and the Python module draw the same questions.
 * Questions are rendered and graded by quiz.js (window.mesocoursQuiz). Results are kept in
 * localStorage under "mesocours.exam.results" and shown on « Mon avancement ». */
(function () {
  "use strict";
  var NBSP = "\u00a0";
  var STORE = "mesocours.exam.results";
  var KEEP = 20; // results kept in this browser
  var MAX_SEED = 4294967295;

  // ---------------------------------------------------------------- draw (mirrors exam.py)
  function mulberry32(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = Math.imul(a ^ (a >>> 15), 1 | a) >>> 0;
      t = (((t + Math.imul(t ^ (t >>> 7), 61 | t)) >>> 0) ^ t) >>> 0;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function shuffle(items, seed) {
    var out = items.slice();
    var rnd = mulberry32(seed);
    for (var i = out.length - 1; i > 0; i--) {
      var j = Math.floor(rnd() * (i + 1));
      var tmp = out[i]; out[i] = out[j]; out[j] = tmp;
    }
    return out;
  }
  function deal(items, key) {
    var order = [], groups = {};
    items.forEach(function (it) {
      var k = key(it);
      if (!Object.prototype.hasOwnProperty.call(groups, k)) { groups[k] = []; order.push(k); }
      groups[k].push(it);
    });
    var out = [], depth = 0;
    while (out.length < items.length) {
      order.forEach(function (k) { if (depth < groups[k].length) { out.push(groups[k][depth]); } });
      depth += 1;
    }
    return out;
  }
  /* pool: [{id, part, chapter}] in bank order; parts: part ids; returns the drawn ids. */
  function draw(pool, parts, n, seed, stratify) {
    var chosen = pool.filter(function (it) { return parts.indexOf(it.part) >= 0; });
    var shuffled = shuffle(chosen, seed);
    var keep = {};
    if (stratify !== false) {
      var order = [], byPart = {};
      shuffled.forEach(function (it) {
        if (!byPart[it.part]) { byPart[it.part] = []; order.push(it.part); }
        byPart[it.part].push(it);
      });
      var flat = [];
      order.forEach(function (p) {
        flat = flat.concat(deal(byPart[p], function (it) { return it.chapter; }));
      });
      deal(flat, function (it) { return it.part; }).slice(0, n).forEach(function (it) { keep[it.id] = true; });
    } else {
      shuffled.slice(0, n).forEach(function (it) { keep[it.id] = true; });
    }
    return shuffled.filter(function (it) { return keep[it.id]; }).map(function (it) { return it.id; });
  }

  // ---------------------------------------------------------------- helpers
  function storageGet(key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } }
  function storageSet(key, value) { try { window.localStorage.setItem(key, value); return true; } catch (e) { return false; } }
  function readResults() {
    var raw = storageGet(STORE);
    if (!raw) { return []; }
    try { var v = JSON.parse(raw); return Array.isArray(v) ? v : []; } catch (e) { return []; }
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function percent(c, t) { return t ? Math.round(100 * c / t) : 0; }
  function plural(n, one, many) { return n + " " + (n > 1 ? many : one); }
  function newSeed() {
    var x = 0;
    try { var a = new Uint32Array(1); window.crypto.getRandomValues(a); x = a[0]; } catch (e) { x = Math.floor(Math.random() * 4294967296); }
    return 1 + (x % 999999);
  }
  function parseInteger(text) {
    var t = String(text || "").replace(/[ \u00a0\u202f]/g, "");
    return /^\d+$/.test(t) ? parseInt(t, 10) : null;
  }
  function clockText(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    var m = Math.floor(s / 60), r = s % 60;
    return m + NBSP + "min" + NBSP + (r < 10 ? "0" : "") + r + NBSP + "s";
  }
  function focusHeading(h) {
    h.focus();
    if (typeof h.scrollIntoView === "function") { h.scrollIntoView({ block: "start" }); }
  }

  // ---------------------------------------------------------------- the page
  function initExam(root) {
    var Q = window.mesocoursQuiz;
    var dataEl = root.querySelector("script.mq-exam-data");
    if (!Q || !Q.grade || !dataEl) { return; }
    var data;
    try { data = JSON.parse(dataEl.textContent); } catch (e) { return; }
    var partTitle = {}, chapterInfo = {};
    data.parts.forEach(function (p) { partTitle[p.id] = p.title; });
    data.chapters.forEach(function (c) { chapterInfo[c.id] = c; });
    var itemById = {};
    data.pool.forEach(function (it) { itemById[it.id] = it; });

    var settings = root.querySelector("form.mq-exam-settings");
    var nInput = root.querySelector("input.mq-exam-n");
    var limitInput = root.querySelector("input.mq-exam-limit");
    var seedInput = root.querySelector("input.mq-exam-seed");
    var stratInput = root.querySelector("input.mq-exam-stratify");
    var msg = root.querySelector(".mq-exam-message");
    var run = root.querySelector(".mq-exam-run");
    var runHeading = run.querySelector(".mq-exam-run-title");
    var meta = run.querySelector(".mq-exam-meta");
    var list = run.querySelector(".mq-exam-questions");
    var finishBtn = run.querySelector("button.mq-exam-finish");
    var clock = run.querySelector(".mq-exam-clock");
    var announce = root.querySelector(".mq-exam-announce");
    var result = root.querySelector(".mq-exam-result");
    var store = root.querySelector(".mq-exam-bank");
    var forms = {};
    root.querySelectorAll("form.mq-question").forEach(function (f) {
      forms[f.getAttribute("data-qid")] = f;
      f.addEventListener("submit", function (ev) { ev.preventDefault(); }); // Enter never reloads the page
    });

    var current = null; // {ids, parts, n, seed, stratify, limit, start, deadline, timer, done}

    if (!seedInput.value) { seedInput.value = String(newSeed()); }
    run.hidden = true;
    result.hidden = true;

    function chosenParts() {
      var out = [];
      settings.querySelectorAll("input.mq-exam-part").forEach(function (c) { if (c.checked) { out.push(c.value); } });
      return out;
    }
    function say(text) { msg.textContent = text; }

    function readSettings() {
      var parts = chosenParts();
      if (!parts.length) { return { error: "Choisissez au moins une partie du cours.", field: settings.querySelector("input.mq-exam-part") }; }
      var nText = nInput.value.trim();
      if (!nText) { return { error: "Indiquez le nombre de questions (par exemple 20).", field: nInput }; }
      var n = parseInteger(nText);
      if (n === null) { return { error: "« " + nText + " » n’est pas un nombre de questions" + NBSP + ": écrivez un nombre entier, par exemple 20.", field: nInput }; }
      if (n < 1) { return { error: "Le nombre de questions doit être au moins 1.", field: nInput }; }
      var limit = null, lText = limitInput.value.trim();
      if (lText) {
        limit = parseInteger(lText);
        if (limit === null || limit < 1 || limit > 600) {
          return { error: "Le temps limite est un nombre entier de minutes, de 1 à 600 (laissez vide pour ne pas limiter le temps).", field: limitInput };
        }
      }
      var sText = seedInput.value.trim();
      var seed = parseInteger(sText);
      if (!sText) { return { error: "Indiquez une graine de tirage (un nombre entier, par exemple 2026).", field: seedInput }; }
      if (seed === null) { return { error: "« " + sText + " » n’est pas une graine valable" + NBSP + ": écrivez un nombre entier, par exemple 2026.", field: seedInput }; }
      if (seed > MAX_SEED) { return { error: "La graine doit être comprise entre 0 et 4" + NBSP + "294" + NBSP + "967" + NBSP + "295.", field: seedInput }; }
      return { parts: parts, n: n, limit: limit, seed: seed, stratify: !!stratInput.checked };
    }

    function stopTimer() {
      if (current && current.timer) { window.clearInterval(current.timer); current.timer = null; }
    }

    function start(s) {
      stopTimer();
      var ids = draw(data.pool, s.parts, s.n, s.seed, s.stratify);
      var notes = [];
      if (ids.length < s.n) {
        notes.push("Les parties choisies ne comptent que " + ids.length + " questions" + NBSP + ": l’examen en comptera " + ids.length + ".");
      }
      // put every form back, then the drawn ones in order
      Object.keys(forms).forEach(function (id) {
        var f = forms[id];
        f.hidden = true;
        f.reset();
        var fs = f.querySelector("fieldset");
        if (fs) { fs.disabled = false; }
        var fb = f.querySelector(".mq-feedback");
        if (fb) { fb.textContent = ""; fb.className = "mq-feedback"; }
        store.appendChild(f);
      });
      ids.forEach(function (id, k) {
        var f = forms[id];
        var num = f.querySelector(".mq-num");
        if (num) { num.textContent = "Question " + (k + 1) + " sur " + ids.length + NBSP + ":"; }
        f.hidden = false;
        list.appendChild(f);
      });
      current = { ids: ids, parts: s.parts, n: s.n, seed: s.seed, stratify: s.stratify, limit: s.limit,
                  start: Date.now(), deadline: s.limit ? Date.now() + s.limit * 60000 : null, timer: null, done: false,
                  announced: {} };
      var partNames = s.parts.map(function (p) { return partTitle[p] || p; }).join(", ");
      meta.textContent = "Graine " + s.seed + " — " + plural(ids.length, "question", "questions") + " — " +
        (s.parts.length > 1 ? "parties" : "partie") + NBSP + ": " + partNames +
        (s.stratify ? " — réparties entre parties et chapitres" : "") +
        (s.limit ? " — temps limite" + NBSP + ": " + s.limit + NBSP + "min" : " — sans limite de temps") + ".";
      run.hidden = false;
      result.hidden = true;
      finishBtn.disabled = false;
      clock.hidden = !s.limit;
      if (s.limit) {
        clock.textContent = "Temps restant" + NBSP + ": " + clockText(current.deadline - Date.now());
        current.timer = window.setInterval(tick, 1000);
      }
      say(notes.join(" "));
      announce.textContent = "Examen tiré" + NBSP + ": " + plural(ids.length, "question", "questions") +
        (s.limit ? ", " + s.limit + NBSP + "minutes." : ", sans limite de temps.");
      if (window.MathJax && typeof window.MathJax.typesetPromise === "function") {
        window.MathJax.typesetPromise([list]).catch(function () {});
      }
      focusHeading(runHeading);
      if (window.history && window.history.replaceState) {
        try {
          var u = new URL(window.location.href);
          u.searchParams.set("graine", String(s.seed));
          u.searchParams.set("n", String(s.n));
          u.searchParams.set("parties", s.parts.join(","));
          u.searchParams.set("repartition", s.stratify ? "1" : "0");
          if (s.limit) { u.searchParams.set("minutes", String(s.limit)); } else { u.searchParams.delete("minutes"); }
          window.history.replaceState(null, "", u.toString());
        } catch (e) { /* file:// or old browser: no shareable address */ }
      }
    }

    function tick() {
      if (!current || current.done || !current.deadline) { return; }
      var left = current.deadline - Date.now();
      clock.textContent = "Temps restant" + NBSP + ": " + clockText(left);
      // announced sparingly: 5 minutes and 1 minute before the end, then at the end
      [5, 1].forEach(function (m) {
        if (current.limit > m && left <= m * 60000 && !current.announced[m]) {
          current.announced[m] = true;
          announce.textContent = "Il reste " + plural(m, "minute", "minutes") + ".";
        }
      });
      if (left <= 0) { finish(true); }
    }

    function finish(timedOut) {
      if (!current || current.done) { return; }
      current.done = true;
      stopTimer();
      var results = {}, unanswered = 0;
      current.ids.forEach(function (id) {
        var f = forms[id], q = data.questions[id];
        var fb = f.querySelector(".mq-feedback");
        var r;
        try { r = Q.grade(f, q); } catch (e) { r = { usable: false, messages: [] }; }
        var ok = !!(r.usable && r.ok);
        results[id] = ok;
        if (!r.usable) {
          unanswered += 1;
          var hints = q.type === "numeric" ? [q.feedback_incorrect]
            : q.choices.filter(function (c) { return c.correct; }).map(function (c) { return c.feedback; });
          Q.setFeedback(fb, "warn", "⚠️ Sans réponse (comptée fausse).", hints);
        } else {
          Q.setFeedback(fb, ok ? "ok" : "ko", ok ? "✅ Correct." : "❌ Incorrect.", r.messages);
        }
        var fs = f.querySelector("fieldset");
        if (fs) { fs.disabled = true; }
      });
      var total = current.ids.length, score = 0;
      current.ids.forEach(function (id) { if (results[id]) { score += 1; } });
      var byPart = data.parts.map(function (p) {
        var ids = current.ids.filter(function (id) { return itemById[id].part === p.id; });
        var c = ids.filter(function (id) { return results[id]; }).length;
        return { part: p.id, title: p.title, correct: c, total: ids.length };
      }).filter(function (x) { return x.total > 0; });
      var reread = data.chapters.map(function (ch) {
        var missed = current.ids.filter(function (id) { return itemById[id].chapter === ch.id && !results[id]; });
        var secs = [];
        missed.forEach(function (id) { var s = itemById[id].section; if (s && secs.indexOf(s) < 0) { secs.push(s); } });
        return { chapter: ch.id, label: ch.label, href: ch.href, missed: missed, sections: secs };
      }).filter(function (x) { return x.missed.length > 0; });

      renderResult(score, total, byPart, reread, timedOut, unanswered);
      finishBtn.disabled = true;
      clock.hidden = true;
      var record = { date: new Date().toISOString(), seed: current.seed, parts: current.parts, n: current.n,
                     stratify: current.stratify, limit: current.limit, seconds: Math.round((Date.now() - current.start) / 1000),
                     timedOut: !!timedOut, score: score, total: total,
                     byPart: byPart, reread: reread.map(function (r) { return { chapter: r.chapter, label: r.label }; }) };
      var all = readResults();
      all.push(record);
      storageSet(STORE, JSON.stringify(all.slice(-KEEP)));
      if (timedOut) { announce.textContent = "Temps écoulé" + NBSP + ": l’examen est terminé."; }
    }

    function renderResult(score, total, byPart, reread, timedOut, unanswered) {
      result.textContent = "";
      var h = el("h2", { "class": "mq-exam-result-title", tabindex: "-1", id: root.id + "-resultat" }, "Résultat de l’examen blanc");
      result.appendChild(h);
      result.setAttribute("aria-labelledby", h.id);
      if (timedOut) { result.appendChild(el("p", { "class": "mq-exam-timeout" }, "⏱️ Temps écoulé" + NBSP + ": l’examen a été terminé automatiquement.")); }
      result.appendChild(el("p", { "class": "mq-exam-score" }, "Score" + NBSP + ": " + score + " / " + total +
        " (" + percent(score, total) + NBSP + "%)" + (unanswered ? " — " + plural(unanswered, "question sans réponse", "questions sans réponse") : "") + "."));
      var table = el("table", { "class": "table mq-exam-parts" });
      table.appendChild(el("caption", {}, "Score par partie"));
      var thead = el("thead"), hr = el("tr");
      ["Partie", "Réussies", "Questions", "Pourcentage"].forEach(function (t) { hr.appendChild(el("th", { scope: "col" }, t)); });
      thead.appendChild(hr); table.appendChild(thead);
      var tbody = el("tbody");
      byPart.forEach(function (p) {
        var tr = el("tr", { "data-part": p.part });
        tr.appendChild(el("th", { scope: "row" }, p.title));
        tr.appendChild(el("td", {}, String(p.correct)));
        tr.appendChild(el("td", {}, String(p.total)));
        tr.appendChild(el("td", {}, percent(p.correct, p.total) + NBSP + "%"));
        tbody.appendChild(tr);
      });
      table.appendChild(tbody);
      result.appendChild(table);
      result.appendChild(el("h3", {}, "Sections à relire"));
      if (!reread.length) {
        result.appendChild(el("p", { "class": "mq-exam-reread-none" }, "Aucune" + NBSP + ": toutes les réponses sont justes."));
      } else {
        var ul = el("ul", { "class": "mq-exam-reread" });
        reread.forEach(function (r) {
          var li = el("li", { "data-chapter": r.chapter });
          if (r.href) { li.appendChild(el("a", { href: r.href }, r.label)); } else { li.appendChild(document.createTextNode(r.label)); }
          var nums = r.missed.map(function (id) { return current.ids.indexOf(id) + 1; });
          li.appendChild(document.createTextNode(" — " + (nums.length > 1 ? "questions " : "question ") + nums.join(", ") + "."));
          if (r.sections.length) {
            var sub = el("ul");
            r.sections.forEach(function (s) {
              var info = data.sections[s] || { title: s, href: null };
              var sli = el("li");
              if (info.href) { sli.appendChild(el("a", { href: info.href }, info.title)); } else { sli.textContent = info.title; }
              sub.appendChild(sli);
            });
            li.appendChild(sub);
          }
          ul.appendChild(li);
        });
        result.appendChild(ul);
      }
      result.appendChild(el("p", {}, "Ce résultat est enregistré dans ce navigateur seulement" + NBSP + "; il apparaît sur la page « Mon avancement ». La correction de chaque question est affichée sous celle-ci."));
      result.hidden = false;
      focusHeading(h);
    }

    settings.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var s = readSettings();
      if (s.error) { say("⚠️ " + s.error); if (s.field) { s.field.focus(); } return; }
      start(s);
    });
    root.querySelector("button.mq-exam-new").addEventListener("click", function () {
      seedInput.value = String(newSeed());
      var s = readSettings();
      if (s.error) { say("⚠️ " + s.error); if (s.field) { s.field.focus(); } return; }
      start(s);
    });
    finishBtn.addEventListener("click", function () { finish(false); });

    // a shared address (?graine=…&n=…&parties=…) sets the form
    try {
      var params = new URL(window.location.href).searchParams;
      if (params.get("graine") !== null) {
        seedInput.value = params.get("graine");
        if (params.get("n")) { nInput.value = params.get("n"); }
        if (params.get("minutes")) { limitInput.value = params.get("minutes"); }
        if (params.get("repartition") === "0") { stratInput.checked = false; }
        if (params.get("parties")) {
          var wanted = params.get("parties").split(",");
          settings.querySelectorAll("input.mq-exam-part").forEach(function (c) { c.checked = wanted.indexOf(c.value) >= 0; });
        }
      }
    } catch (e) { /* no URL API: keep the defaults */ }
  }

  function init() { document.querySelectorAll("section.mq-exam").forEach(initExam); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }

  window.mesocoursExam = { mulberry32: mulberry32, shuffle: shuffle, draw: draw, STORE: STORE };
})();
