"""The reader's own layers (issue 19): reading and checking uploads, and their place in the exports.

Every expected value is written out by hand from the small files below.
"""
from __future__ import annotations

import csv
import io
import json

import pytest

from geodata.export import features_csv
from geodata.userdata import (MAX_BYTES, MAX_FEATURES, MAX_LAYERS, MAX_STORED_BYTES, UploadError, check_layer,
                              check_layers, no_room, parse_upload, stored_size, year_span)
from geodata.userexport import geojson_features, lpf_features

from dashboard.userlayers import draw_spec

from test_lpf import validator  # noqa: F401  (the vendored LPF schema, a module fixture)


def upload(text: str | bytes) -> bytes:
    return text.encode("utf-8") if isinstance(text, str) else text


def problems(name: str, text: str | bytes) -> list[str]:
    with pytest.raises(UploadError) as caught:
        parse_upload(upload(text), name)
    return caught.value.problems


POINTS = "Name,Latitude,Longitude,Start,End,Note,Source\nDepot,36.3,59.6,1992,1995-06,a note,notes p. 4\n" \
         "Office,39.77,64.42,,,,\n"


def test_csv_points_with_aliases_dates_and_text():
    layer = parse_upload(upload(POINTS), "mine.csv", "  My thesis, ch. 2 ")
    assert layer["title"] == "mine.csv" and layer["kind"] == "points" and layer["citation"] == "My thesis, ch. 2"
    depot, office = layer["features"]
    assert depot == {"geometry": {"type": "Point", "coordinates": [59.6, 36.3]}, "start": "1992", "end": "1995-06",
                     "name": "Depot", "note": "a note", "source": "notes p. 4"}
    assert office["start"] is None and office["end"] is None and office["note"] == ""
    assert year_span(depot) == (1992, 1995) and year_span(office) == (None, None)


def test_citation_defaults_to_saying_none_was_given():
    assert parse_upload(upload(POINTS), "mine.csv")["citation"] == "mine.csv (the reader's own file; no citation given)"


def test_csv_wkt_lines_and_polygons():
    text = 'name,wkt,start\nRoad,"LINESTRING (59 36, 60 37)",1990\nField,"POLYGON ((50 30, 51 30, 51 31, 50 30))",\n'
    layer = parse_upload(upload(text), "w.csv")
    assert layer["kind"] == "mixed"
    assert layer["features"][0]["geometry"] == {"type": "LineString", "coordinates": [[59.0, 36.0], [60.0, 37.0]]}
    assert layer["features"][1]["geometry"]["type"] == "Polygon"


@pytest.mark.parametrize("text, expected", [
    ("name,lat,lon,start\nA,36,59,1992/05\n", "f.csv: row 2: start: '1992/05' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"),
    ("name,lat,lon,start,end\nA,36,59,1995,1992\n", "f.csv: row 2: end 1992 is before start 1995"),
    ("name,lat,lon\nA,36,59\nB,10,-40\n", "f.csv: row 3: coordinates (-40.0, 10.0) is outside the region"),
    ("name,lat,lon\nA,70,50\n", "f.csv: row 2: coordinates (50.0, 70.0) is outside the region; lon and lat look swapped"),
    ("name,lat,lon\nA,north,59\n", "f.csv: row 2: lat 'north' is not a number"),
    ("name,lat,lon\nA,nan,59\n", "f.csv: row 2: lat must be a finite number"),
    ("name,place\nA,Mashhad\n", "f.csv: row 1 (header): needs the columns lat and lon, or wkt"),
    ("name,wkt\nA,LINESTRING (59 36\n", "f.csv: row 2: wkt is not readable"),
    ('name,wkt\nA,"POLYGON ((50 30, 51 31, 51 30, 50 31, 50 30))"\n', "f.csv: row 2: the shape is not valid (Self-intersection"),
    ("name,lat,lon\nA,36,59,extra\n", "f.csv: row 2: more values than the header has columns"),
    ("name,lat,lon\n", "f.csv: no features in the file"),
])
def test_csv_problems_name_the_row(text, expected):
    found = problems("f.csv", text)
    assert any(p.startswith(expected) for p in found), found


def test_every_bad_row_is_listed_and_nothing_is_kept():
    found = problems("f.csv", "name,lat,lon,start\nA,36,59,x\nB,36,59,1990\nC,36,59,y\n")
    assert [p.split(":")[1].strip() for p in found] == ["row 2", "row 4"]


def test_geojson_lines_and_problems_name_the_feature():
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "L", "start": 1990}, "geometry":
            {"type": "MultiLineString", "coordinates": [[[59, 36], [60, 37]], [[60, 37], [61, 37]]]}},
    ]}
    layer = parse_upload(upload(json.dumps(doc)), "l.geojson")
    assert layer["kind"] == "lines" and layer["features"][0]["start"] == "1990"
    doc["features"].append({"type": "Feature", "properties": {"end": "1991-13"},
                            "geometry": {"type": "Point", "coordinates": [59, 36]}})
    doc["features"].append({"type": "Feature", "properties": None, "geometry": {"type": "Point", "coordinates": []}})
    found = problems("l.geojson", json.dumps(doc))
    assert found[0] == "l.geojson: feature 2: end: '1991-13': month 13 is not 1-12"
    assert found[1].startswith("l.geojson: feature 3: ")


@pytest.mark.parametrize("name, raw, expected", [
    ("f.txt", "a", "f.txt: only .csv, .geojson or .json files can be added"),
    ("f.geojson", "{not json", "f.geojson: line 1, column 2: not JSON"),
    ("f.geojson", '{"type": "Point", "coordinates": [59, 36]}', "f.geojson: the file is not a GeoJSON FeatureCollection"),
    ("f.csv", b"name,lat,lon\n\xff\xfe,36,59\n", "f.csv: not UTF-8 text (byte 14)"),
    ("f.csv", "x" * (MAX_BYTES + 1), f"f.csv: {MAX_BYTES + 1:,} bytes; a layer may be at most {MAX_BYTES:,} bytes"),
    ("f.csv", "lat,lon\n" + "36,59\n" * (MAX_FEATURES + 1), f"f.csv: more than {MAX_FEATURES:,} rows"),
])
def test_files_refused_whole_say_why(name, raw, expected):
    assert problems(name, raw)[0].startswith(expected)


def test_text_stays_text():
    name = '<script>alert(1)</script>\x07'
    layer = parse_upload(upload(f'name,lat,lon\n"{name}",36,59\n'), "m.csv")
    assert layer["features"][0]["name"] == "<script>alert(1)</script>"      # kept as characters, bell dropped
    spec = draw_spec([layer], "en")
    assert spec["traces"][0]["text"] == ["<b>&lt;script&gt;alert(1)&lt;/script&gt;</b><br>no dates: shown in every year"
                                         "<br>m.csv"]


def test_layers_from_the_browser_are_checked_again():
    layer = parse_upload(upload(POINTS), "mine.csv", "cite")
    assert check_layer(json.loads(json.dumps(layer))) == layer
    tampered = json.loads(json.dumps(layer))
    tampered["features"][0]["geometry"]["coordinates"] = [-100, 10]
    assert check_layer(tampered) is None
    assert check_layer({**layer, "id": "../../etc"}) is None
    assert check_layers([layer, "junk", None, tampered], limit=6) == [layer]
    assert check_layers("not a list", limit=6) == []


def test_draw_spec_one_trace_per_shape_and_span():
    layer = parse_upload(upload(POINTS), "mine.csv", "cite")
    spec = draw_spec([layer], "en")
    assert [(t["mode"], t["meta"]["span"], t["customdata"]) for t in spec["traces"]] == [
        ("markers", [1992, 1995], [f"{layer['id']}:1"]), ("markers", [None, None], [f"{layer['id']}:2"])]
    assert spec["traces"][0]["lon"] == [59.6] and spec["traces"][0]["lat"] == [36.3]


def test_exports_carry_the_readers_citation(validator):  # noqa: F811
    layer = parse_upload(upload(POINTS), "mine.csv", "My thesis, ch. 2")
    features = geojson_features(layer)
    props = features[0]["properties"]
    assert props["from_text"] is False and props["kind"] == "user"
    assert [c["citation"] for c in props["context"]] == ["My thesis, ch. 2", "notes p. 4"]
    rows = list(csv.DictReader(io.StringIO(features_csv({"features": features}))))
    assert rows[0]["name_en"] == "Depot" and rows[0]["first_date"] == "1992" and rows[0]["last_date"] == "1995-06"
    assert rows[0]["citations"] == "context: My thesis, ch. 2 | context: notes p. 4"
    assert rows[1]["citations"] == "context: My thesis, ch. 2"
    lpf = {"type": "FeatureCollection", "features": lpf_features(layer)}
    assert [e.message for e in validator.iter_errors(lpf)] == []
    assert lpf["features"][0]["when"]["timespans"] == [{"start": {"in": "1992"}, "end": {"in": "1995-06"}}]
    assert lpf["features"][0]["names"][0]["citations"][0] == {"label": "My thesis, ch. 2"}


def test_a_layer_that_would_not_fit_in_the_browser_is_refused():
    layer = parse_upload(upload(POINTS), "mine.csv", "x" * 900)
    size = stored_size([layer])
    assert size == len(json.dumps([layer], ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    assert no_room(layer, stored_bytes=0, stored_count=0) is None
    assert no_room(layer, stored_bytes=MAX_STORED_BYTES - size + 1, stored_count=1).startswith(
        "your layers together would take")
    assert no_room(layer, stored_bytes=0, stored_count=MAX_LAYERS) == \
        f"at most {MAX_LAYERS} layers can be kept; remove one first"


@pytest.fixture(scope="module")
def client():
    from dashboard import create_app
    return create_app().server.test_client()


def test_check_endpoint_answers_a_layer_or_the_problems(client):
    ok = client.post("/user-layers/check?name=mine.csv&citation=My%20thesis&stored_bytes=0&stored_count=0",
                     data=POINTS.encode())
    assert ok.status_code == 200 and ok.get_json()["layer"]["citation"] == "My thesis"
    bad = client.post("/user-layers/check?name=bad.csv", data=b"name,lat,lon,start\nA,36,59,1992/05\n")
    assert bad.status_code == 200   # a refused file is an answer, and the browser logs no error
    assert bad.get_json()["problems"][0].startswith("bad.csv: row 2: start: '1992/05' is not a date")
    full = client.post(f"/user-layers/check?name=mine.csv&stored_count={MAX_LAYERS}", data=POINTS.encode())
    assert full.status_code == 200 and "remove one first" in full.get_json()["problems"][0]


def test_draw_and_export_endpoints_check_what_the_browser_sends(client):
    layer = parse_upload(upload(POINTS), "mine.csv", "My thesis")
    spec = client.post("/user-layers/draw?lang=ur", json=[layer, {"junk": 1}]).get_json()
    assert [t["customdata"] for t in spec["traces"]] == [[f"{layer['id']}:1"], [f"{layer['id']}:2"]]
    assert client.post("/user-layers/draw", data=b"{not json", content_type="application/json").status_code == 400
    csv_out = client.post("/user-layers/export/csv?year=1993", json=[layer])
    assert csv_out.status_code == 200 and 'filename="view-with-my-layers.csv"' in csv_out.headers["Content-Disposition"]
    assert "Depot" in csv_out.get_data(as_text=True) and "context: My thesis" in csv_out.get_data(as_text=True)
    assert client.post("/user-layers/export/exe", json=[layer]).status_code == 400
