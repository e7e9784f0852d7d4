"""mesocours.a11y: the page fixes applied to every built page (the browser tests check the result with axe)."""

from sphinx.builders.html._assets import _JavaScript

from mesocours.a11y import DEFAULT_REGION_NAME, _dedupe_scripts, fix_body


def test_scroll_box_becomes_a_named_focusable_region():
    body = ('<div style="overflow-x:auto"><table class="table"><caption>Doses <em>selon</em> l’ANSM &amp; la HAS'
            '</caption><tr><td>1</td></tr></table></div>')
    out = fix_body(body)
    assert '<div style="overflow-x:auto" tabindex="0" role="region" aria-label="Doses selon l’ANSM &amp; la HAS">' in out


def test_scroll_box_without_caption_gets_a_french_name_and_existing_tabindex_is_kept():
    assert f'aria-label="{DEFAULT_REGION_NAME}"' in fix_body('<div style="overflow: auto"><table></table></div>')
    kept = '<div style="overflow-x:auto" tabindex="-1"><table></table></div>'
    assert fix_body(kept) == kept
    plain = '<div style="color: red">x</div><div class="scroll">y</div>'
    assert fix_body(plain) == plain


def test_bibliography_entries_and_code_toggles():
    out = fix_body('<div role="list" class="citation-list"><div class="citation" role="doc-biblioentry">x</div></div>'
                   '<summary aria-label="Toggle hidden content">\n<p>Afficher le code</p></summary>')
    assert 'role="listitem"' in out and "doc-biblioentry" not in out
    assert "Toggle hidden content" not in out and "<summary>" in out


def test_duplicate_inline_scripts_are_kept_once():
    thebe = "const THEBE_JS_URL = 1"
    scripts = [_JavaScript("_static/a.js"), _JavaScript(None, body=thebe), _JavaScript("", body=thebe),
               _JavaScript("", body="other")]
    kept = _dedupe_scripts(scripts)
    assert [js.attributes.get("body") for js in kept] == [None, thebe, "other"]
