#!/usr/bin/python3
"""Builds the fallback fonts the PDFs use for what WenQuanYi Micro Hei lacks.

noto-emoji.ttf  Noto Emoji (monochrome, SIL OFL 1.1), every emoji it has that
                WenQuanYi lacks; from the npm package
                @expo-google-fonts/noto-emoji 0.4.7, 400Regular/NotoEmoji_400Regular.ttf
                (Noto Emoji version 3.006).
symbola.ttf     Symbola 2.60 (Debian fonts-symbola, "free for any use"), the
                letters and symbols (U+0080-2E7F, U+A640-ABFF) and emoji (U+1F000-1FAFF) that neither
                WenQuanYi nor Noto Emoji has.

gofpdf reads only a 16-bit character map, so characters beyond the Basic
Multilingual Plane (U+1F000-1FAFF) are mapped to the Private Use Area at
U+E000 + (code - U+1F000); the renderer draws them so and the PDF's ToUnicode
map gives the real characters back to copy and search. Layout tables (GSUB,
GPOS) are dropped: gofpdf does not apply them.

Run from the repository root with Debian's python3-fonttools:

    /usr/bin/python3 internal/pdf/fonts/make-fallback.py NotoEmoji_400Regular.ttf \
        /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf
"""
import sys
import unicodedata
from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

HERE = 'internal/pdf/fonts/'


def pua(cp):
    return 0xE000 + cp - 0x1F000 if 0x1F000 <= cp <= 0x1FAFF else cp


def build(src, out, wanted):
    opts = subset.Options()
    opts.layout_features = []
    opts.notdef_outline = True
    opts.name_IDs = ['*']
    opts.name_languages = ['*']
    opts.drop_tables += ['GSUB', 'GPOS', 'GDEF', 'STAT', 'vhea', 'vmtx', 'gasp', 'FFTM', 'hdmx', 'kern', 'LTSH', 'VDMX']
    opts.hinting = False
    f = TTFont(src)
    s = subset.Subsetter(opts)
    s.populate(unicodes=wanted)
    s.subset(f)
    m = {pua(cp): g for cp, g in f.getBestCmap().items() if pua(cp) <= 0xFFFF}
    tables = []
    for plat, enc in ((0, 3), (3, 1)):
        t = CmapSubtable.newSubtable(4)
        t.platformID, t.platEncID, t.language, t.cmap = plat, enc, 0, dict(m)
        tables.append(t)
    f['cmap'].tables = tables
    f.save(HERE + out)
    print(out, len(m), 'characters')


def drawn(path):
    """The characters a font draws: mapped to a glyph with outlines (a few of
    WenQuanYi's, such as U+01CE, are mapped to empty glyphs), or spaces."""
    f = TTFont(path)
    glyf = f['glyf']
    return {cp for cp, g in f.getBestCmap().items()
            if glyf[g].numberOfContours != 0 or unicodedata.category(chr(cp)) == 'Zs'}


def main(noto, symbola):
    main_font = drawn(HERE + 'wqy-microhei.ttf')
    skip = set(range(0xFE00, 0xFE10)) | {0x200D, 0x20E3} | set(range(0xE0000, 0xE0080))
    emoji = {cp for cp in TTFont(noto).getBestCmap() if cp not in main_font and cp not in skip and cp > 0x7F}
    build(noto, 'noto-emoji.ttf', emoji)
    symbols = {cp for cp in TTFont(symbola).getBestCmap()
               if (0x80 <= cp <= 0x2E7F or 0xA640 <= cp <= 0xABFF or 0x1F000 <= cp <= 0x1FAFF)
               and cp not in main_font and cp not in emoji and cp not in skip}
    build(symbola, 'symbola.ttf', symbols)


if __name__ == '__main__':
    main(*sys.argv[1:])
