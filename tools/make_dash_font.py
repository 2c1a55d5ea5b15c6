"""Makes assets/fonts/KaidanDashes-Regular.ttf: the dashes of BIZ UDPGothic (U+2010-U+2015,
U+2212), with bars thick enough to survive egui's rasteriser at small sizes (BIZ's en and em
dashes are 0.048 em thick and vanish below about 12 px). Kaidan lists it before BIZ UDPGothic,
so these characters are drawn from it on screen and in every export.

Run from the repository root: python3 tools/make_dash_font.py (needs fonttools). The output is
committed; this script documents how it was made. SIL OFL 1.1, as the font it derives from.
"""

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

SOURCE = "assets/fonts/BIZUDPGothic-Regular.ttf"
OUT = "assets/fonts/KaidanDashes-Regular.ttf"
DASHES = [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212]
# The bar's thickness, in font units of the 2048-unit em: that of BIZ's hyphen (U+2010),
# which stays visible at 10 px.
THICKNESS = 150

font = TTFont(SOURCE)
options = subset.Options()
options.layout_features = []
options.name_IDs = ["*"]
options.notdef_outline = True
subsetter = subset.Subsetter(options)
subsetter.populate(unicodes=DASHES)
subsetter.subset(font)

glyphs = font.getGlyphSet()
cmap = font.getBestCmap()
for code in DASHES:
    name = cmap.get(code)
    if name is None:
        continue
    glyph = font["glyf"][name]
    glyph.recalcBounds(font["glyf"])
    low, high = glyph.yMin, glyph.yMax
    if high - low >= THICKNESS or glyph.numberOfContours != 1:
        continue  # already thick enough, or not a plain bar
    middle = (low + high) / 2
    new_low, new_high = round(middle - THICKNESS / 2), round(middle + THICKNESS / 2)
    coordinates = glyph.coordinates
    for i, (x, y) in enumerate(coordinates):
        coordinates[i] = (x, new_high if y > middle else new_low)
    glyph.recalcBounds(font["glyf"])

family = "Kaidan Dashes"
for record in font["name"].names:
    if record.nameID in (1, 16):
        record.string = family
    elif record.nameID in (4,):
        record.string = family + " Regular"
    elif record.nameID in (6,):
        record.string = "KaidanDashes-Regular"
    elif record.nameID == 3:
        record.string = "KaidanDashes-Regular;derived from BIZ UDPGothic"
font.save(OUT)
print("wrote", OUT)
