"""Agg text with its glyph bitmaps and line layouts kept: the same pixels, drawn faster.

Drawing text is most of a widget update (measured: 40 to 60 % of it, FreeType rasterising the same
glyphs at the same sizes on every redraw). Matplotlib's Agg renderer lays a string out
(``FT2Font._layout``) and then, glyph by glyph, sets a transform whose translation is the glyph's
position in 1/64 pixel and has FreeType render it (``FT2Font._render_glyph``). A glyph moved by a
whole number of pixels is rasterised to the same bitmap, moved by the same number of pixels, so a
rendered glyph can be kept under everything it depends on — font object, size, resolution, glyph,
load flags, render mode, rotation matrix and the translation modulo one pixel — and placed again.
A laid-out line is kept under the font, size, resolution, string, flags, features and language.

Each glyph is still blended onto the canvas by Agg's own ``draw_text_image``, in the same order, so
the pixels are those of the uncached renderer; ``tests/test_textcache.py`` compares the PNG bytes of
every widget's figure, and of rotated, mono and mathtext text, with and without the cache.

This mirrors private code of one matplotlib release (``backends/backend_agg.py`` of the versions
in ``VERIFIED``): with any other version, or without the private methods it calls, nothing is
installed and matplotlib draws as usual, only slower (the widget speed test would then say so).
"""

from __future__ import annotations

import math
from contextlib import contextmanager

import matplotlib
import numpy as np
from matplotlib.backends import backend_agg
from matplotlib.ft2font import FT2Font, RenderMode

VERIFIED = {"3.11.2"}  # matplotlib releases whose RendererAgg text path this module mirrors
MAX_GLYPHS = 50_000  # rendered glyphs kept (a few hundred bytes each)
MAX_LAYOUTS = 5_000  # laid-out strings kept

_Renderer = backend_agg.RendererAgg
_ORIGINAL = {"_draw_text_glyphs_and_boxes": _Renderer._draw_text_glyphs_and_boxes,
             "draw_text": _Renderer.draw_text}
_glyphs: dict = {}
_layouts: dict = {}
stats = {"glyph_hits": 0, "glyph_misses": 0, "layout_hits": 0, "layout_misses": 0}


def supported() -> bool:
    """Whether this matplotlib is one whose private text path this module mirrors."""
    return (matplotlib.__version__ in VERIFIED
            and all(hasattr(FT2Font, name) for name in ("_layout", "_render_glyph", "_set_transform")))


def _glyph(font, size, dpi, glyph_index, flags, mode, matrix, ox: int, oy: int):
    """(buffer, left, top) of one glyph whose origin is at (ox, oy) in 1/64 pixel (FreeType's y upwards)."""
    qx, rx = divmod(ox, 64)
    qy, ry = divmod(oy, 64)
    key = (font, size, dpi, glyph_index, flags, mode, matrix, rx, ry)
    hit = _glyphs.get(key)
    if hit is None:
        stats["glyph_misses"] += 1
        font.set_size(size, dpi)
        font._set_transform(np.array(matrix, dtype=int).reshape(2, 2), [rx, ry])
        bitmap = font._render_glyph(glyph_index, flags, mode)
        buffer = bitmap.buffer
        if mode == RenderMode.MONO:
            buffer = buffer * 0xff  # what Agg's renderer does in place, kept done
        if len(_glyphs) >= MAX_GLYPHS:
            _glyphs.clear()
        hit = _glyphs[key] = (buffer, bitmap.left, bitmap.top)
    else:
        stats["glyph_hits"] += 1
    buffer, left, top = hit
    return buffer, left + qx, top + qy


def _draw_text_glyphs_and_boxes(self, gc, x, y, angle, glyphs, boxes):
    """RendererAgg._draw_text_glyphs_and_boxes (matplotlib 3.11.2), glyph bitmaps taken from the cache."""
    cos = math.cos(math.radians(angle))
    sin = math.sin(math.radians(angle))
    flags = backend_agg.get_hinting_flag()
    mode = RenderMode.NORMAL if gc.get_antialiased() else RenderMode.MONO
    height = self.height
    draw = self._renderer.draw_text_image
    rotation = np.array([[cos, -sin], [sin, cos]])
    matrices: dict = {}
    for font, size, glyph_index, slant, extend, dx, dy in glyphs:  # dy is upwards
        matrix = matrices.get((slant, extend))
        if matrix is None:
            matrix = matrices[(slant, extend)] = tuple(
                int(v) for v in (0x10000 * rotation @ [[extend, extend * slant], [0, 1]]).round().astype(int).ravel())
        buffer, left, top = _glyph(font, size, self.dpi, glyph_index, flags, mode, matrix,
                                   round(0x40 * (x + dx * cos - dy * sin)),
                                   round(0x40 * (height - y + dx * sin + dy * cos)))  # FreeType's y is upwards
        draw(buffer, left, int(height) - top + buffer.shape[0], 0, gc)  # draw_text_image's y is downwards
    if boxes:
        _ORIGINAL["_draw_text_glyphs_and_boxes"](self, gc, x, y, angle, (), boxes)


def _hashable(value):
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    return value


def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
    """RendererAgg.draw_text (matplotlib 3.11.2), the layout of each string taken from the cache."""
    if ismath:
        return self.draw_mathtext(gc, x, y, s, prop, angle)
    font = self._prepare_font(prop)
    flags = backend_agg.get_hinting_flag()
    features = mtext.get_fontfeatures() if mtext is not None else None
    language = mtext.get_language() if mtext is not None else None
    size = prop.get_size_in_points()
    key = (font, size, self.dpi, s, flags, _hashable(features), _hashable(language))
    try:
        items = _layouts.get(key)
    except TypeError:  # an unhashable feature or language: laid out each time
        key, items = None, None
    if items is None:
        stats["layout_misses"] += 1
        items = tuple((item.ft_object, size, item.glyph_index, 0, 1, item.x, item.y)
                      for item in font._layout(s, flags=flags, features=features, language=language))
        if key is not None:
            if len(_layouts) >= MAX_LAYOUTS:
                _layouts.clear()
            _layouts[key] = items
    else:
        stats["layout_hits"] += 1
    self._draw_text_glyphs_and_boxes(gc, x, y, angle, items, [])


def install() -> bool:
    """Use the cache for every Agg text drawn in this process; False (nothing changed) if unsupported."""
    if not supported():
        return False
    _Renderer._draw_text_glyphs_and_boxes = _draw_text_glyphs_and_boxes
    _Renderer.draw_text = draw_text
    return True


def installed() -> bool:
    return _Renderer.draw_text is draw_text


@contextmanager
def disabled():
    """Matplotlib's own text drawing for the duration (tests compare the two)."""
    was = installed()
    for name, fn in _ORIGINAL.items():
        setattr(_Renderer, name, fn)
    try:
        yield
    finally:
        if was:
            install()


def clear() -> None:
    _glyphs.clear()
    _layouts.clear()
