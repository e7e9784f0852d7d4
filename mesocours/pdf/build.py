"""``make pdf``: the whole course as one PDF, offline, in two variants.

Jupyter Book's ``pdfhtml`` builder downloads a browser (pyppeteer) and cannot work here. Instead:

1. Sphinx's ``singlehtml`` builder writes the course as one page (``jupyter-book build --builder
   singlehtml`` into ``_build/singlehtml``). It shares ``_build/.doctrees`` with the HTML book: after
   ``make book`` (or the book stage of ``make test``) nothing is read again, the pages are only assembled;
2. Debian's chromium, driven by playwright, opens that page once on 127.0.0.1 (every request to another
   host aborted and counted), waits for MathJax, adds a cover page and a printed table of contents, and
   prints it to A4 with page numbers (the print stylesheet's ``@page`` footer) and a PDF outline
   (bookmarks), after checking that paper cuts nothing (:data:`OVERFLOW_JS`): first the complete variant, then, from
   the same page with every exercise solution (and the cells inside it) removed, the student variant.

Writes ``_build/pdf/cours-mesotherapie.pdf`` and ``_build/pdf/cours-mesotherapie-etudiant.pdf``.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "_build" / "pdf"
NAMES = {"enseignant": "cours-mesotherapie.pdf", "etudiant": "cours-mesotherapie-etudiant.pdf"}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

COVER = {"enseignant": "Version complète (avec les solutions des exercices)",
         "etudiant": "Version étudiant (sans les solutions des exercices)"}
SOLUTION_SELECTOR = "div.solution.admonition"  # sphinx-exercise's solution block (gated cells inside)
MARGIN_MM = {"top": 16, "bottom": 18, "left": 14, "right": 14}
# the width the text is laid out in on paper, in CSS pixels (96 per inch): A4 less the side margins
PRINT_WIDTH_PX = round((210 - MARGIN_MM["left"] - MARGIN_MM["right"]) / 25.4 * 96)

# What paper would cut: an element of the article that ends beyond the article's right edge, or whose content
# is wider than its box and hidden or scrolled (paper cannot scroll). Measured at PRINT_WIDTH_PX under the
# print stylesheet; each entry names the element and the start of its text.
OVERFLOW_JS = r"""
() => {
  const article = document.querySelector("article") || document.body;
  const right = article.getBoundingClientRect().right + 1;
  const out = [];
  for (const el of article.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (!box.width) continue;
    // inline math: MathJax's glyph boxes overhang their span by a few pixels, and nothing is cut (seen)
    const clipped = el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible"
                    && !el.matches("span.math, mjx-container, mjx-container *");
    if (box.right <= right && !clipped) continue;
    if (out.some(o => o.el.contains(el))) continue;  // the outermost one names the problem
    out.push({el, what: el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : ""),
              text: (el.innerText || "").replace(/\s+/g, " ").trim().slice(0, 60),
              excess: Math.round(Math.max(box.right - right, el.scrollWidth - el.clientWidth))});
  }
  return out.map(({el, ...o}) => o);
}
"""

# Cover and printed table of contents, built in the page from its own headings (chapters are the
# <h2> of the single page, their sections the <h3>).
_DECORATE_JS = r"""
([variant, COVER]) => {
  const main = document.querySelector("main") || document.body;
  const article = main.querySelector("article") || main;
  const title = (document.querySelector("h1")?.textContent || "").replace(/#$/, "").trim();
  const cover = document.createElement("section");
  cover.className = "mq-cover";
  const h = document.createElement("p");
  h.style.fontSize = "26pt"; h.style.fontWeight = "bold";
  h.textContent = title || "Mésothérapie — cours interactif";
  const sub = document.createElement("p");
  sub.className = "mq-variant";
  sub.textContent = COVER[variant];
  const date = document.createElement("p");
  date.textContent = "Imprimé le " + new Date().toLocaleDateString("fr-FR", {year: "numeric", month: "long", day: "numeric"});
  cover.append(h, sub, date);
  const toc = document.createElement("nav");
  toc.className = "mq-toc-print";
  toc.setAttribute("aria-label", "Table des matières");
  const th = document.createElement("p");
  th.style.fontSize = "18pt"; th.style.fontWeight = "bold";
  th.textContent = "Table des matières";
  const ol = document.createElement("ol");
  let current = null;
  article.querySelectorAll("section > h2, section > h3").forEach((el) => {
    const text = el.textContent.replace(/#$/, "").trim();
    const sec = el.parentElement;
    if (!sec.id) { return; }
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = "#" + sec.id; a.textContent = text;
    li.append(a);
    if (el.tagName === "H2") { ol.append(li); current = document.createElement("ol"); li.append(current); }
    else if (current && /^\d+\./.test(current.parentElement.textContent.trim())) { current.append(li); }
  });
  toc.append(th, ol);
  article.prepend(cover, toc);
  document.querySelectorAll("details").forEach((d) => { d.open = true; });
  return ol.children.length;
}
"""

# The student variant, from the printed page of the complete one: solutions removed, cover relabelled.
_STUDENT_JS = r"""
([selector, label]) => {
  const solutions = document.querySelectorAll(selector);
  solutions.forEach((el) => el.remove());
  document.querySelector(".mq-cover .mq-variant").textContent = label;
  return solutions.length;
}
"""


LAST_BUILD: dict = {}  # documents_read: how many pages the last singlehtml build (re)read (0 after make book)
BUILD_RECORD = ROOT / "_build" / "singlehtml" / "mesocours-build.json"  # LAST_BUILD of `--html-only`


def build_single_html() -> Path:
    """Run the singlehtml build (warnings are errors); return the folder holding ``book/index.html``."""
    cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), "--builder", "singlehtml",
           "-W", "-n", "--keep-going"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        raise RuntimeError("la construction « singlehtml » a échoué")
    m = re.search(r"updating environment: (?:\x1b\[[0-9;]*m)*\[?[^0-9]*(\d+) added, (\d+) changed, (\d+) removed",
                  proc.stdout)
    LAST_BUILD["documents_read"] = int(m.group(1)) + int(m.group(2)) if m else None
    return ROOT / "_build" / "singlehtml"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the build log readable
        pass


def _serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def print_pdfs(site: Path, outs: dict[str, Path], text_only: tuple[str, ...] = ()) -> dict[str, dict]:
    """Print ``site/book/index.html`` once per variant of ``outs`` (``enseignant`` first, from one page load).

    Returns, per variant, what happened: external requests, top-level entries, solutions removed, path.
    A variant of ``text_only`` is not printed: its entry holds ``text``, the page's text under the print
    stylesheet at the moment it would have been printed (the tests print one variant and read the other, as
    a print of the whole course costs about a minute; ``make pdf`` prints both).
    """
    from playwright.sync_api import sync_playwright

    unknown = (set(outs) | set(text_only)) - set(NAMES)
    if unknown:
        raise ValueError(f"variantes inconnues : {sorted(unknown)}")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise RuntimeError("chromium introuvable : installez le paquet Debian « chromium »")
    # Sphinx writes the single page at book/index.html (the root document's path) but links its assets as
    # if it stood at the top (« _static/… », « _images/… »): print a copy placed where those links resolve.
    (site / "print.html").write_text((site / "book" / "index.html").read_text(encoding="utf-8"), encoding="utf-8")
    server, base = _serve(site)
    blocked: list[str] = []
    results: dict[str, dict] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page()

            def route(r):
                if urlparse(r.request.url).hostname != "127.0.0.1":
                    blocked.append(r.request.url)
                    return r.abort()
                return r.continue_()

            page.route("**/*", route)
            page.goto(f"{base}/print.html", wait_until="load", timeout=120_000)
            page.wait_for_function(
                "() => !window.MathJax || !window.MathJax.startup || window.MathJax.startup.promise !== undefined",
                timeout=60_000)
            page.evaluate("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
            variants = [v for v in NAMES if v in outs or v in text_only]  # the complete one first: the student one removes
            chapters = page.evaluate(_DECORATE_JS, [variants[0], COVER])
            page.emulate_media(media="print")
            # laid out at the printed width to find what paper would cut (the print itself uses the A4 page)
            page.set_viewport_size({"width": PRINT_WIDTH_PX, "height": 1000})
            overflow = page.evaluate(OVERFLOW_JS)
            for variant in variants:
                removed = 0
                if variant == "etudiant":
                    removed = page.evaluate(_STUDENT_JS, [SOLUTION_SELECTOR, COVER[variant]])
                if variant in text_only:
                    # what page.pdf() fires first: sphinx-togglebutton opens the folded solutions on it
                    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
                    results[variant] = {"external_requests": list(blocked), "chapters": chapters,
                                        "solutions_removed": removed, "path": None, "overflow": overflow,
                                        "text": page.evaluate("() => document.body.innerText")}
                    continue
                out = outs[variant]
                out.parent.mkdir(parents=True, exist_ok=True)
                # page numbers come from the print stylesheet (@page margin box) rather than chromium's footer
                # template, a small document laid out for every page (38 s against 47 s in two single runs;
                # repeated runs spread as much, README)
                page.pdf(path=str(out), format="A4", print_background=True, outline=True, tagged=True,
                         margin={k: f"{v}mm" for k, v in MARGIN_MM.items()})
                results[variant] = {"external_requests": list(blocked), "chapters": chapters,
                                    "solutions_removed": removed, "path": str(out), "overflow": overflow}
            browser.close()
    finally:
        server.shutdown()
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m mesocours.pdf.build", description="Imprime le cours en PDF.")
    ap.add_argument("--variant", choices=[*NAMES, "tous"], default="tous")
    ap.add_argument("--html-only", action="store_true",
                    help="construit la page unique seulement (étape « print » de make test) et note ce qu’elle a relu")
    args = ap.parse_args(argv)
    if args.html_only:
        try:
            site = build_single_html()
        except RuntimeError as err:
            print(f"Page unique impossible : {err}", file=sys.stderr)
            return 1
        BUILD_RECORD.write_text(json.dumps(LAST_BUILD), encoding="utf-8")
        print(f"{site} : page unique construite, {LAST_BUILD['documents_read']} page(s) relue(s)")
        return 0
    variants = list(NAMES) if args.variant == "tous" else [args.variant]
    t0 = time.perf_counter()
    try:
        site = build_single_html()
        infos = print_pdfs(site, {v: OUT / NAMES[v] for v in variants})
    except RuntimeError as err:
        print(f"PDF impossible : {err}", file=sys.stderr)
        return 1
    for variant, info in infos.items():
        if info["external_requests"]:
            print(f"PDF {variant} : {len(info['external_requests'])} requête(s) vers un autre hôte bloquée(s)",
                  file=sys.stderr)
            return 1
        for o in info["overflow"]:
            print(f"PDF {variant} : coupé au bord de la page ({o['excess']} px de trop) : {o['what']} « {o['text']} »",
                  file=sys.stderr)
        size = Path(info["path"]).stat().st_size / 1e6
        print(f"{info['path']} : {info['chapters']} entrées de premier niveau, {size:.1f} Mo")
    print(f"PDF imprimé(s) en {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
