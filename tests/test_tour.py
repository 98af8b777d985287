"""The seminar tour's data, its application to the view, and the download endpoints."""
from __future__ import annotations

import csv
import io
import json

import pytest

from dashboard import create_app
from dashboard.layers import LAYER_IDS
from dashboard.tour_ui import apply_scene, caption_lines, visible_record_ids
from dashboard.urlstate import ViewState, parse_query, to_query
from geodata.load import shared_dataset
from geodata.tour import TOUR_PATH, read_tour


@pytest.fixture(scope="module")
def ds():
    return shared_dataset()


@pytest.fixture(scope="module")
def scenes(ds):
    scenes, problems = read_tour(ds)
    assert problems == []
    return scenes


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def test_tour001_walks_the_text_from_1918_to_1996_and_beyond(scenes):
    years = [s.year for s in scenes]
    assert years[0] == 1918 and "ashgabat" in scenes[0].id
    assert any(s.year == 1996 and "rail-mashhad-sarakhs" in s.highlight for s in scenes)
    assert scenes[-1].year >= 1996
    assert years == sorted(years) or years.index(1996) > years.index(1918)


def test_tour002_every_scene_uses_known_layers_and_both_languages(scenes):
    for s in scenes:
        assert set(s.layers) <= set(LAYER_IDS), s.id
        assert s.title["en"] and s.title["ur"] and s.caption["en"] and s.caption["ur"]


def test_tour003_a_broken_scene_is_reported_with_its_field(ds, tmp_path):
    raw = json.loads(TOUR_PATH.read_text(encoding="utf-8"))
    raw[2]["passage"]["quote"] = raw[2]["passage"]["quote"] + "x"
    raw[3]["highlight"] = ["no-such-record"]
    bad = tmp_path / "tour.json"
    bad.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    scenes, problems = read_tour(ds, bad)
    messages = [str(p) for p in problems]
    assert any(raw[2]["id"] in m and "passage.quote" in m and "verbatim" in m for m in messages)
    assert any(raw[3]["id"] in m and "highlight" in m and "no-such-record" in m for m in messages)
    assert len(scenes) == len(raw) - 2


def test_tour004_a_scene_sets_year_layers_view_and_feature(scenes):
    scene = next(s for s in scenes if "rail-mashhad-sarakhs" in s.highlight and s.year == 1996)
    state = apply_scene(ViewState(lang="ur"), scene)
    assert (state.year, state.scene, state.feature, state.lang) == (1996, scene.number, "rail-mashhad-sarakhs", "ur")
    assert set(state.layers) == set(scene.layers)
    assert parse_query(to_query(state), scene_count=len(scenes)).scene == scene.number


def test_tour005_caption_names_year_overlays_sources_and_attribution(ds, scenes):
    scene = scenes[0]
    lines = caption_lines(ds, apply_scene(ViewState(), scene), scene)
    text = "\n".join(lines)
    assert scene.title["en"] in text and "1918" in text
    assert "block" in text and str(scene.passage.block) in text
    assert "Natural Earth" in text and "GeoNames" in text


def test_tour006_visible_features_follow_the_year(ds):
    in_1995 = visible_record_ids(ds, ViewState(year=1995))
    in_1997 = visible_record_ids(ds, ViewState(year=1997))
    assert "rail-mashhad-sarakhs" in in_1995  # agreed, shown dashed
    assert "rail-zahedan-kerman" not in in_1995 and "rail-zahedan-kerman" in in_1997
    assert not any(not ds.by_id[i].from_text for i in in_1997)
    with_ctx = visible_record_ids(ds, ViewState(year=1997, layers=LAYER_IDS))
    assert any(not ds.by_id[i].from_text for i in with_ctx)


def test_tour007_geojson_download_has_the_visible_features_with_citations(client, ds):
    response = client.get("/export/view.geojson?year=1997&layers=rail")
    assert response.status_code == 200
    data = json.loads(response.data)
    ids = {f["properties"]["id"] for f in data["features"]}
    assert ids == {r.id for r in ds.records if r.kind == "rail_line" and r.from_text and r.stage_at(__import__("datetime").date(1997, 12, 31))}
    for f in data["features"]:
        assert f["properties"]["sources"] and all(s["quote"] for s in f["properties"]["sources"])
    assert any("1997" in line for line in data["metadata"]["caption"])


def test_tour008_csv_download_has_citations_and_its_caption_beside_it(client):
    response = client.get("/export/view.csv?year=1996&layers=rail,zones&lang=ur")
    assert response.status_code == 200
    text = response.data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["id"] for r in rows} >= {"rail-mashhad-sarakhs", "zone-sarakhs-ftz"}
    assert all("block" in r["citations"] for r in rows)
    # The caption is no longer inside the CSV (issue 15): it is served beside it, named by a Link header.
    link = response.headers["Link"]
    assert link.endswith('rel="describedby"')
    caption = client.get(link.split(";")[0].strip("<>"))
    assert caption.status_code == 200 and caption.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert "۱۹۹۶" in caption.data.decode("utf-8").splitlines()[0]


def test_tour009_handout_has_a_page_per_scene(client, scenes):
    for lang in ("en", "ur"):
        html = client.get(f"/tour/handout?lang={lang}").data.decode("utf-8")
        assert html.count('class="page"') == len(scenes)
        assert scenes[0].passage.quote in html
        assert scenes[-1].title[lang] in html.replace("&#x27;", "'")
    assert 'dir="rtl"' in client.get("/tour/handout?lang=ur").data.decode("utf-8")
