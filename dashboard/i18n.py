"""Interface strings in English and Urdu, Urdu numerals and dates.

Every visible interface string is a key in :data:`STRINGS`; a test checks both
languages have every key.
"""
from __future__ import annotations

from geodata.dates import PartialDate

LANGS = ("en", "ur")
URDU_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "ur": ["جنوری", "فروری", "مارچ", "اپریل", "مئی", "جون", "جولائی", "اگست", "ستمبر", "اکتوبر", "نومبر", "دسمبر"],
}

STRINGS = {
    "title": ("Iran, Central Asia and the Caucasus, 1918–1996", "ایران، وسطی ایشیا اور قفقاز، ۱۹۱۸ء تا ۱۹۹۶ء"),
    "subtitle": ("A map of the text: every feature cites its passage",
                 "متن کا نقشہ: ہر نشان اپنے اقتباس کا حوالہ دیتا ہے"),
    "language": ("Language", "زبان"),
    "search": ("Find a place, line or event", "مقام، ریلوے لائن یا واقعہ تلاش کریں"),
    "overlays": ("Overlays", "پرتیں"),
    "year": ("Year", "سال"),
    "year_help": ("The map shows the state at the end of the chosen year.",
                  "نقشہ منتخب سال کے اختتام کی صورت حال دکھاتا ہے۔"),
    "play": ("Play", "چلائیں"),
    "pause": ("Pause", "روکیں"),
    "speed": ("Speed", "رفتار"),
    "slow": ("Slow", "آہستہ"),
    "normal": ("Normal", "معمول"),
    "fast": ("Fast", "تیز"),
    "events_window": ("Events between", "واقعات کا دورانیہ"),
    "timeline": ("Events", "واقعات"),
    "no_events": ("No events in this window.", "اس دورانیے میں کوئی واقعہ نہیں۔"),
    "timeline_capped": ("{shown} of {total} events, those nearest {year}. Narrow the window to list the others.",
                        "{total} میں سے {shown} واقعات، جو {year} کے قریب ترین ہیں۔ باقی دیکھنے کے لیے دورانیہ کم کریں۔"),
    "legend": ("Legend", "علامات کی وضاحت"),
    "details": ("Details", "تفصیل"),
    "details_hint": ("Click a feature on the map, or an event, to read what the text says.",
                     "متن کا بیان پڑھنے کے لیے نقشے پر کسی نشان یا کسی واقعے پر کلک کریں۔"),
    "close": ("Close", "بند کریں"),
    "status_history": ("Status over time", "وقت کے ساتھ حیثیت"),
    "source_passage": ("What the text says", "متن کیا کہتا ہے"),
    "block": ("block", "حصہ"),
    "footnote": ("footnote", "حاشیہ"),
    "printed": ("printed", "طبع شدہ"),
    "gloss": ("English gloss", "انگریزی مفہوم"),
    "notes": ("Notes", "نوٹ"),
    "context": ("Context from outside the text", "متن سے باہر کا پس منظر"),
    "context_badge": ("context, not from the text", "پس منظر، متن سے نہیں"),
    "location": ("Location", "مقام"),
    "certainty": ("certainty", "یقین"),
    "unknown_feature": ("There is no feature with that id.", "اس شناخت کا کوئی نشان نہیں۔"),
    "to": ("to", "تا"),
    "ongoing": ("ongoing", "جاری"),
    "from_date": ("from", "از"),
    "route": ("Route explorer", "راستہ تلاش"),
    "route_from": ("From", "سے"),
    "route_to": ("To", "تک"),
    "route_year": ("Year", "سال"),
    "route_compare": ("Compare with year", "موازنے کا سال"),
    "route_modes": ("Modes", "ذرائع"),
    "route_planned": ("Count planned lines", "منصوبہ بند لائنیں شامل کریں"),
    "route_found": ("Route found", "راستہ موجود ہے"),
    "route_none": ("No route", "کوئی راستہ نہیں"),
    "km": ("km", "کلو میٹر"),
    "countries": ("Countries", "ممالک"),
    "borders": ("Borders crossed", "عبور کی گئی سرحدیں"),
    "segments": ("Segments", "حصے"),
    "why": ("Why", "وجہ"),
    "questions": ("The text's questions", "متن کے سوالات"),
    "pick_question": ("Ask a question from the text…", "متن سے ایک سوال منتخب کریں…"),
    "mode_rail": ("rail", "ریل"),
    "mode_sea": ("sea", "بحری"),
    "mode_road": ("road", "سڑک"),
    "present": ("Present", "پیشکش"),
    "export_png": ("PNG", "PNG"),
    "export_svg": ("SVG", "SVG"),
    "export_geojson": ("GeoJSON", "GeoJSON"),
    "export_csv": ("CSV", "CSV"),
    # The reader's own layers (dashboard/userlayers.py)
    "user_layers": ("Your layers", "آپ کی اپنی پرتیں"),
    "user_help": ("Add a CSV file (columns lat and lon, or wkt; optional name, start, end, note, source) or a "
                  "GeoJSON file. It is kept in this browser only, never on the server.",
                  "CSV فائل (کالم lat اور lon، یا wkt؛ اختیاری name، start، end، note، source) یا GeoJSON فائل "
                  "شامل کریں۔ یہ صرف اسی براؤزر میں رہتی ہے، سرور پر کبھی نہیں۔"),
    "user_citation": ("Your citation for the next file", "اگلی فائل کے لیے آپ کا حوالہ"),
    "user_upload": ("Add a file", "فائل شامل کریں"),
    "user_added": ("Added {title}: {n} features.", "{title} شامل ہو گئی: {n} نشانات۔"),
    "user_problems": ("The file was not added. Fix these and add it again:",
                      "فائل شامل نہیں ہوئی۔ یہ مسائل درست کر کے دوبارہ شامل کریں:"),
    "user_too_many": ("At most {n} layers: remove one first.", "زیادہ سے زیادہ {n} پرتیں: پہلے ایک ہٹائیں۔"),
    "user_remove": ("Remove", "ہٹائیں"),
    "user_undated": ("no dates: shown in every year", "کوئی تاریخ نہیں: ہر سال دکھائی جاتی ہے"),
    "user_cited_as": ("Cited as", "حوالہ"),
    "user_source": ("Source", "ماخذ"),
    "user_layer": ("Your layer", "آپ کی پرت"),
    "user_download": ("Download this view with your layers:", "یہ منظر اپنی پرتوں کے ساتھ ڈاؤن لوڈ کریں:"),
    "export_lpf": ("Linked Places", "Linked Places"),
    "export_lpf_help": ("Linked Places Format (LPF), for historical gazetteers such as the World Historical Gazetteer",
                        "لنکڈ پلیسز فارمیٹ (LPF)، تاریخی گزیٹیئرز جیسے ورلڈ ہسٹاریکل گزیٹیئر کے لیے"),
    "downloads": ("Download this view", "یہ منظر ڈاؤن لوڈ کریں"),
    "handout": ("Tour handout", "دورے کا ہینڈ آؤٹ"),
    "resume": ("Resume tour", "دورہ دوبارہ شروع کریں"),
    "bad_url": ("Some link settings were not understood and were reset:", "لنک کی کچھ ترتیبات سمجھ نہیں آئیں اور بحال کر دی گئیں:"),
    "error": ("Something went wrong; the map is unchanged.", "کچھ غلط ہو گیا؛ نقشہ جوں کا توں ہے۔"),
    # layer names
    "layer_political": ("Political status", "سیاسی حیثیت"),
    "layer_provinces": ("Iran's northern provinces", "ایران کے شمالی صوبے"),
    "layer_rail": ("Rail lines", "ریلوے لائنیں"),
    "layer_crossings": ("Border posts and crossings", "سرحدی چوکیاں اور گزرگاہیں"),
    "layer_sea": ("Caspian sea links", "بحیرہ کیسپین کے رابطے"),
    "layer_corridors": ("Land corridors", "زمینی راہداریاں"),
    "layer_zones": ("Zones", "زون"),
    "layer_events": ("Events", "واقعات"),
    "layer_episodes": ("1918–1924 episodes", "۱۹۱۸ء تا ۱۹۲۴ء کے واقعات"),
    "layer_context": ("Context from outside the text", "متن سے باہر کا پس منظر"),
    "layer_labels": ("Place names", "مقامات کے نام"),
    # statuses
    "st_proposed": ("proposed", "مجوزہ"),
    "st_agreed": ("agreed", "طے شدہ"),
    "st_possible": ("possible", "ممکنہ"),
    "st_under_construction": ("under construction", "زیر تعمیر"),
    "st_operational": ("operational", "فعال"),
    "st_open": ("open", "کھلی"),
    "st_closed": ("closed", "بند"),
    "st_decided": ("decided", "فیصلہ شدہ"),
    "st_claimed": ("claimed by Russia", "روس کا دعویٰ"),
    "st_province": ("province", "صوبہ"),
    "st_soviet_republic": ("Soviet republic", "سوویت جمہوریہ"),
    "st_independent": ("independent", "آزاد"),
    "st_union": ("Soviet Union", "سوویت یونین"),
    "st_occurred": ("event", "واقعہ"),
    "st_iran": ("Iran", "ایران"),
    "st_none": ("other country", "دیگر ملک"),
    # certainties
    "c_certain": ("certain", "یقینی"),
    "c_approximate": ("approximate", "تقریبی"),
    "c_inferred": ("inferred", "اخذ کردہ"),
    "c_disputed": ("disputed", "متنازع"),
    "l_exact": ("exact", "درست"),
    "l_approximate": ("approximate", "تقریبی"),
    "l_inferred": ("inferred (not named in the text)", "اخذ کردہ (متن میں نام نہیں)"),
    "l_schematic": ("schematic (station to station)", "خاکہ (اسٹیشن سے اسٹیشن)"),
    "uncertain_location": ("uncertain location", "غیر یقینی مقام"),
}


def t(key: str, lang: str) -> str:
    en, ur = STRINGS[key]
    return ur if lang == "ur" else en


def digits(value: object, lang: str) -> str:
    text = str(value)
    return text.translate(URDU_DIGITS) if lang == "ur" else text


def format_date(date: PartialDate | None, lang: str) -> str:
    """A partial date to its own precision: '1991', 'November 1991', '12 May 1996'."""
    if date is None:
        return t("ongoing", lang)
    month = MONTHS[lang][date.month - 1] if date.month else None
    if lang == "ur":
        parts = [digits(date.day, lang)] if date.day else []
        parts += [month] if month else []
        return " ".join(parts + [digits(date.year, lang) + "ء"])
    if date.day:
        return f"{date.day} {month} {date.year}"
    return f"{month} {date.year}" if month else str(date.year)


def status_label(status: str | None, lang: str) -> str:
    return t(f"st_{status}", lang) if status and f"st_{status}" in STRINGS else (status or "")
