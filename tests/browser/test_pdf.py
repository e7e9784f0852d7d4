"""The printed course (``make pdf``): both variants build offline, carry every chapter, and show neither widget
placeholders nor raw markup; the student variant has no solution.

One page load, one print: the student variant is printed and its PDF read (pages, outline, text); the complete
variant is the same page before the solutions are removed, read as text under the print stylesheet rather
than printed again (a print of the whole course costs about a minute and grows with it; ``make pdf`` prints
both, and the print engine is the same for both).
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from mesocours.data import load_collection
from mesocours.pdf import build

pytestmark = pytest.mark.browser

RAW = [r"\{term\}", r"\{cite", r"\{ref\}", r"```", r":class:", r"\{exercise\}", r"\{solution",
       r"Loading widget", r"Chargement du widget", r"\\\(", r"\\\[", r"\\[a-zA-Z]+\{"]


def pdf_text(path, reader) -> str:
    """The PDF's text: poppler's pdftotext when installed (2 s for the course, .ci/run installs it), else pypdf
    (20 s: its extraction is pure Python)."""
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                              text=True).stdout
    return "\n".join(page.extract_text() or "" for page in reader.pages)


PRINT_WAIT_S = 900


def wait_for(done: Path, timeout: float = PRINT_WAIT_S) -> None:
    """Wait for the « print » stage of make test to end; fail (not build again) if it failed."""
    t0 = time.monotonic()
    while not done.exists():
        if time.monotonic() - t0 > timeout:
            pytest.fail(f"l’étape « print » de make test n’a pas fini en {timeout:.0f} s ({done} absent)")
        time.sleep(0.5)
    code = done.read_text(encoding="utf-8").strip()
    if code != "0":
        pytest.fail(f"l’étape « print » (singlehtml) de make test a échoué (code {code}) : voir son journal")


# session scope: set up once per worker even if tests of other modules run between ours, and a
# module fixture would build and print the PDF again at every switch
@pytest.fixture(scope="session")
def pdfs(tmp_path_factory):
    """Both variants from what ``make pdf`` runs: one singlehtml build (it reuses the doctrees of the book
    stage), one page load, the student variant printed, the complete one read as print text."""
    from pypdf import PdfReader

    done = os.environ.get("MESOCOURS_PRINT_DONE")
    if done:  # make test builds it in its « print » stage, which may still be running (build_tools/run_tests.py)
        wait_for(Path(done))
    if os.environ.get("MESOCOURS_SINGLEHTML_BUILT") and build.BUILD_RECORD.exists():
        site, reread = build.BUILD_RECORD.parent, json.loads(build.BUILD_RECORD.read_text())["documents_read"]
    else:
        site = build.build_single_html()
        reread = build.LAST_BUILD["documents_read"]
    folder = tmp_path_factory.mktemp("pdf")
    outs = {"etudiant": folder / build.NAMES["etudiant"]}
    # the browser tests' session already runs playwright's sync API in this thread: print from another one
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        infos = pool.submit(build.print_pdfs, site, outs, ("enseignant",)).result()
    out = {}
    for variant, info in infos.items():
        reader = PdfReader(str(outs[variant])) if variant in outs else None
        text = pdf_text(outs[variant], reader) if reader else info["text"]
        out[variant] = {"info": info, "reader": reader, "text": re.sub(r"\s+", " ", text), "reread": reread}
    return out


def test_the_print_build_reuses_the_book_build(pdfs):
    """The singlehtml build shares _build/.doctrees with the HTML book built just before: it reads no page
    again (a page read twice per run would cost its parsing twice)."""
    assert pdfs["enseignant"]["reread"] == 0, f"{pdfs['enseignant']['reread']} pages relues par la construction singlehtml"


@pytest.mark.parametrize("variant", list(build.NAMES))
def test_pdf_opens_offline_with_text(pdfs, variant):
    d = pdfs[variant]
    assert d["info"]["external_requests"] == []
    assert len(d["text"]) > 50_000
    assert "Table des matières" in d["text"]
    if d["reader"] is not None:  # the printed variant
        assert len(d["reader"].pages) > 20
        assert d["reader"].outline, "le PDF n'a pas de signets (outline)"


@pytest.mark.parametrize("variant", list(build.NAMES))
def test_every_chapter_title_is_printed(pdfs, variant):
    text = pdfs[variant]["text"]
    for ch in load_collection("chapters"):
        if ch.status == "publie":
            title = re.sub(r"\s+", " ", f"{ch.number}. {ch.title}")  # the text's spaces, NBSP included, are one space
            assert title in text, ch.title
    assert "Bibliographie" in text


@pytest.mark.parametrize("variant", list(build.NAMES))
def test_no_placeholder_or_raw_markup(pdfs, variant):
    text = pdfs[variant]["text"]
    found = {pat: m.group(0) for pat in RAW if (m := re.search(pat, text))}
    assert not found, found


def test_student_variant_has_no_solution(pdfs):
    teacher, student = pdfs["enseignant"]["text"], pdfs["etudiant"]["text"]
    assert teacher.count("Solution de l") + teacher.count("Solution de") >= 5
    assert "Solution de" not in student
    # solution cells print « ✅ Correct : … » (the emoji is not extractable); the student never sees one
    assert len(re.findall(r"Correct\s?:", teacher)) >= 5
    assert not re.findall(r"Correct\s?:", student)
    assert "Version étudiant" in student and "Version complète" in teacher
    assert "Version complète" not in student
    assert pdfs["etudiant"]["info"]["solutions_removed"] >= 5 and pdfs["enseignant"]["info"]["solutions_removed"] == 0


def test_paper_cuts_nothing_and_pages_are_numbered(pdfs):
    """No table, code line or figure runs past the printed width (paper cannot scroll: it would be cut), and
    every page carries « n / total » from the print stylesheet's footer."""
    cut = pdfs["etudiant"]["info"]["overflow"]
    assert cut == [], "coupé au bord de la page : " + "; ".join(f"{o['what']} « {o['text']} » (+{o['excess']} px)"
                                                              for o in cut[:8])
    reader = pdfs["etudiant"]["reader"]
    total = len(reader.pages)
    assert f"2 / {total}" in reader.pages[1].extract_text()
    assert f"{total} / {total}" in reader.pages[-1].extract_text()


def test_the_overflow_check_can_fail_and_the_print_stylesheet_fixes_it(page):
    """A table wider than the printed width and a scrolled code block are found; under pdf.css both wrap."""
    page.set_viewport_size({"width": build.PRINT_WIDTH_PX, "height": 800})
    wide = "<tr>" + "".join(f"<td>colonne{i}_{'x' * 30}</td>" for i in range(8)) + "</tr>"
    page.set_content(f"""<article class="bd-article"><div class="pst-scrollable-table-container"
        style="overflow-x: auto"><table>{wide}</table></div>
        <div class="highlight"><pre style="overflow-x: auto; white-space: pre">{'y' * 400}</pre></div></article>""")
    found = page.evaluate(build.OVERFLOW_JS)
    assert {o["what"].split(".")[0] for o in found} == {"div", "pre"}, found
    page.add_style_tag(path=str(Path(build.__file__).parent / "static" / "pdf.css"))
    page.emulate_media(media="print")
    assert page.evaluate(build.OVERFLOW_JS) == []
