"""The route explorer's own interface strings (English, Urdu), and its sentences in Urdu.

Kept apart from :mod:`dashboard.i18n` (which holds the page's shared strings) so the
explorer can grow without touching the shared catalogue; :func:`rt` falls back to it.
"""
from __future__ import annotations

from .i18n import digits, direction, t
from .i18n import number as i18n_number

ROUTE_STRINGS = {
    "by": ("Priority", "ترجیح"),
    "by_time": ("fastest", "تیز ترین"),
    "by_distance": ("shortest", "مختصر ترین"),
    "by_borders": ("fewest borders", "کم سے کم سرحدیں"),
    "service": ("Rail service", "ریل سروس"),
    "service_freight": ("freight", "مال گاڑی"),
    "service_passenger": ("passenger", "مسافر گاڑی"),
    "assumptions": ("Speeds and delays (change to see the answer change)",
                    "رفتار اور تاخیر (بدل کر دیکھیں کہ جواب کیسے بدلتا ہے)"),
    "assumption": ("the map's assumption", "نقشے کا مفروضہ"),
    "reach": ("Reach from “From” within (hours)", "“سے” سے اتنے گھنٹوں میں رسائی"),
    "network": ("Show the network of the year (colour: mode; dashes: possible or planned)",
                "سال کا نیٹ ورک دکھائیں (رنگ: ذریعہ؛ ٹوٹی لکیر: ممکنہ یا منصوبہ بند)"),
    "verdict_found": ("Route found", "راستہ موجود ہے"),
    "verdict_possible": ("Route possible: some links are only “possible” in the text",
                         "راستہ ممکن ہے: کچھ روابط متن میں صرف “ممکنہ” ہیں"),
    "verdict_planned": ("Route only with planned links", "راستہ صرف منصوبہ بند لائنوں سے"),
    "verdict_none": ("No route", "کوئی راستہ نہیں"),
    "total": ("{km} km, {hours} h ({days} days)", "{km} کلو میٹر، {hours} گھنٹے ({days} دن)"),
    "col_stretch": ("From → to", "سے ← تک"),
    "col_crossing": ("Border crossing", "سرحد عبور"),
    "col_transfer": ("Change of mode", "ذریعے کی تبدیلی"),
    "col_mode": ("Mode", "ذریعہ"),
    "col_km": ("km", "کلو میٹر"),
    "col_hours": ("hours", "گھنٹے"),
    "col_status": ("Status in {year}", "{year} میں حیثیت"),
    "col_source": ("Source", "ماخذ"),
    "src_context": ("context", "پس منظر"),
    "mode_border": ("border", "سرحد"),
    "mode_transfer": ("transfer", "منتقلی"),
    "border_international": ("{a} → {b} border", "{a} ← {b} سرحد"),
    "border_republic": ("{a} → {b}: boundary between Soviet republics, no customs",
                        "{a} ← {b}: سوویت جمہوریاؤں کی درمیانی حد، کوئی کسٹم نہیں"),
    "gauge": ("break of gauge {a} → {b} mm", "گیج کی تبدیلی {a} ← {b} ملی میٹر"),
    "transfer": ("change from {a} to {b} at {at}", "{at} پر {a} سے {b} میں منتقلی"),
    "key_route": ("Route in {year}", "{year} کا راستہ"),
    "key_compare": ("Route in {year} (compared)", "{year} کا راستہ (موازنہ)"),
    "key_reach": ("Reach in {year}, hours:", "{year} میں رسائی، گھنٹے:"),
    "key_reach_compare": ("ringed: reached only in {year}", "حلقہ: صرف {year} میں پہنچ"),
    "reach_summary": ("{n} places within {hours} h of {place} in {year}",
                      "{year} میں {place} سے {hours} گھنٹوں میں {n} مقامات"),
    "reach_gained": ("Reached in {after} but not in {before}: {places}",
                     "{after} میں پہنچ، {before} میں نہیں: {places}"),
    "reach_nothing_new": ("No place is reached in {after} that was not in {before}.",
                          "{after} میں کوئی ایسا مقام نہیں جو {before} میں نہ ہو۔"),
    "bad_input": ("Not computed: {message}", "حساب نہیں ہوا: {message}"),
    "network_key": ("Network: rail ━ sea ━ road ━; dotted: possible; dashed: planned",
                    "نیٹ ورک: ریل ━ بحری ━ سڑک ━؛ نقطے دار: ممکنہ؛ ٹوٹی لکیر: منصوبہ بند"),
    "sentence_none_both": ("There is no route from {a} to {b} in {y0} or in {y1}.",
                           "{y0} اور {y1} دونوں میں {a} سے {b} تک کوئی راستہ نہیں۔"),
    "sentence_new": ("In {y0} there is no route from {a} to {b}; in {y1} there is one of {km1} km taking {h1} h.",
                     "{y0} میں {a} سے {b} تک کوئی راستہ نہیں؛ {y1} میں {km1} کلو میٹر کا راستہ ہے جو {h1} گھنٹے لیتا ہے۔"),
    "sentence_gone": ("In {y0} the route from {a} to {b} is {km0} km taking {h0} h; in {y1} there is none.",
                      "{y0} میں {a} سے {b} تک راستہ {km0} کلو میٹر اور {h0} گھنٹے کا ہے؛ {y1} میں کوئی نہیں۔"),
    "sentence_same": ("From {a} to {b} the route is the same in {y0} and {y1}: {km1} km, {h1} h.",
                      "{a} سے {b} تک راستہ {y0} اور {y1} میں ایک جیسا ہے: {km1} کلو میٹر، {h1} گھنٹے۔"),
    "sentence_change": ("From {a} to {b}, the route of {y1} is {dkm} km {kmword} and {dh} h {hword} than in {y0}: "
                        "{km1} km and {h1} h against {km0} km and {h0} h.",
                        "{a} سے {b} تک {y1} کا راستہ {y0} کے مقابلے میں {dkm} کلو میٹر {kmword} اور {dh} گھنٹے "
                        "{hword} ہے: {km1} کلو میٹر اور {h1} گھنٹے، بمقابلہ {km0} کلو میٹر اور {h0} گھنٹے۔"),
    "shorter": ("shorter", "چھوٹا"), "longer": ("longer", "لمبا"),
    "faster": ("faster", "تیز"), "slower": ("slower", "سست"),
}


def rt(key: str, lang: str, **values) -> str:
    """A route string in ``lang``, formatted; keys not here come from the page's catalogue.

    The explorer's own strings exist in English and Urdu; another language (Persian) gets the English
    until they join the catalogues (locale/).
    """
    if key in ROUTE_STRINGS:
        en, ur = ROUTE_STRINGS[key]
        text = ur if lang == "ur" else en
    else:
        text = t(key, lang)
    return text.format(**{k: digits(v, lang) for k, v in values.items()}) if values else text


def number(value: float, lang: str) -> str:
    """A whole quantity with CLDR's group sign of the language (۴٬۰۴۴, not ۴,۰۴۴)."""
    return i18n_number(value, lang)


def change_sentence(before, after, a: str, b: str, lang: str) -> str:
    """The two-year sentence of :func:`geodata.network.sentence`, in ``lang`` (numbers as there)."""
    y0, y1 = before.year, after.year
    if not before.found and not after.found:
        return rt("sentence_none_both", lang, a=a, b=b, y0=y0, y1=y1)
    if not before.found:
        return rt("sentence_new", lang, a=a, b=b, y0=y0, y1=y1, km1=number(after.length_km, lang),
                  h1=number(after.hours, lang))
    if not after.found:
        return rt("sentence_gone", lang, a=a, b=b, y0=y0, y1=y1, km0=number(before.length_km, lang),
                  h0=number(before.hours, lang))
    dkm, dh = after.length_km - before.length_km, after.hours - before.hours
    if abs(dkm) < 0.5 and abs(dh) < 0.5:
        return rt("sentence_same", lang, a=a, b=b, y0=y0, y1=y1, km1=number(after.length_km, lang),
                  h1=number(after.hours, lang))
    return rt("sentence_change", lang, a=a, b=b, y0=y0, y1=y1, dkm=number(abs(dkm), lang), dh=number(abs(dh), lang),
              kmword=rt("shorter" if dkm < 0 else "longer", lang), hword=rt("faster" if dh < 0 else "slower", lang),
              km1=number(after.length_km, lang), h1=number(after.hours, lang), km0=number(before.length_km, lang),
              h0=number(before.hours, lang))
