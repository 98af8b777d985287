"""Exploring (issue 16) without a browser: label placement, label sizes, tooltips, the year readout,
Play's span and the change years. The browser side is tests/browser/test_explore.py."""
from __future__ import annotations

import json
import math

import pytest

from geodata.load import shared_dataset

from dashboard import explore
from dashboard.figures import build_map_figure
from dashboard.label_metrics import ESTIMATE_WIDTH, METRICS_FILE, text_box
from dashboard.label_placement import Label, offset_box, place, separation_scale
from dashboard.layers import DEFAULT_LAYERS, MapState
from dashboard.layers._hover import hover_html
from dashboard.layers.labels import TEXT_CORE, traces as label_traces


@pytest.fixture(scope="module")
def ds():
    return shared_dataset()


def test_exp101_two_boxes_come_apart_at_the_scale_their_points_are_a_box_width_apart():
    box = (-5.0, -2.0, 5.0, 2.0)   # 10 px wide, 4 px tall, centred on its point
    # Points 0.5 radians apart horizontally: apart once 0.5 k >= 10, so from k = 20.
    assert separation_scale((0.0, 0.0), box, (0.5, 0.0), box) == pytest.approx(20.0)
    # Diagonal: apart on y first (0.1 k >= 4 from k = 40) than on x (0.2 k >= 10 from k = 50).
    assert separation_scale((0.0, 0.0), box, (0.2, 0.1), box) == pytest.approx(40.0)
    # Already apart and moving apart: from any scale.
    assert separation_scale((0.0, 0.0), box, (0.0, 0.0), (6.0, -2.0, 16.0, 2.0)) == 0.0
    # The same point, overlapping boxes: never apart.
    assert separation_scale((0.0, 0.0), box, (0.0, 0.0), box) == math.inf


def test_exp102_a_later_label_shows_only_from_where_it_clears_the_earlier_ones():
    a = Label("a", 60.0, 36.0, "Mashhad", "en", 13, 5)
    b = Label("b", 60.0, 36.0, "Twin", "en", 13, 5)           # the same point
    c = Label("c", 140.0, -10.0, "Far away", "en", 13, 5)      # far from both
    placed = place([a, b, c])
    # At scale 0 every point is at one spot: labels come apart as soon as their points do.
    assert placed["a"].k == 0.0 and 0 < placed["c"].k < 20
    # At one point a second label can still go on another side, from the start.
    assert placed["b"].k == 0.0 and placed["b"].position != placed["a"].position
    d = Label("d", 60.0, 36.0, "Third", "en", 13, 5, positions=(placed["a"].position,))
    assert place([a, d])["d"].k == math.inf


def test_exp103_plotly_puts_text_above_a_marker_clear_of_it():
    label = Label("x", 0, 0, "Mary", "en", 13, 5)
    x0, y0, x1, y1 = offset_box(label, "top center")
    # plotly.js textPointPosition: 2.5/0.8 + 1 = 4.125 px off the point, baseline at 0.75*13 - 4.125 - 13.
    assert y1 < -4.125 + 0.35 * 13 and x0 == pytest.approx(-x1)


def test_exp104_the_estimate_for_an_unmeasured_label_is_wider_than_any_measured_one():
    data = json.loads(METRICS_FILE.read_text(encoding="utf-8"))
    for lang, widths in data["width"].items():
        for text, per_px in widths.items():
            assert per_px <= ESTIMATE_WIDTH[lang] * len(text), (lang, text)
    assert text_box("A new name never measured", "en", 10)[0] == pytest.approx(0.72 * 25 * 10)


@pytest.mark.parametrize("lang", ["en", "ur", "fa"])
def test_exp105_the_text_s_core_is_labelled_first_and_shown_at_the_default_view(ds, lang):
    traces = label_traces(ds, MapState(year=1996, lang=lang))
    places = [t for t in traces if t["meta"]["role"] == "place-labels"]
    k_of = {cid: k for t in places for cid, k in zip(t["customdata"], t["meta"]["label_k"])}
    assert set(TEXT_CORE) <= set(k_of)
    # The default view is drawn at about 708 px per radian at 1366x768 and 1275-1304 at 1920x1080
    # (measured in Chromium): Mashhad is labelled on a laptop, the whole core on a large screen.
    assert k_of["mashhad"] <= 708
    assert all(k_of[p] <= 1275 for p in TEXT_CORE), {p: k_of[p] for p in TEXT_CORE}


def test_exp106_the_tooltip_names_the_status_in_the_year_with_its_date_and_the_source(ds):
    rail = ds.by_id["rail-mashhad-sarakhs"]
    text = hover_html(rail, MapState(year=1996))
    assert text == "<b>Mashhad–Sarakhs railway</b><br>operational, since 12 May 1996<br><i>Click for the source</i>"
    # The record's stages (block 20 and its footnotes): under construction from 1992.
    assert hover_html(rail, MapState(year=1993)).split("<br>")[1] == "under construction, since 1992"
    event = ds.by_id["event-sarakhs-inauguration-1996"]
    assert hover_html(event, MapState(year=1950)).split("<br>")[1] == "event, 12 May 1996"
    assert "<b>" not in hover_html(rail, MapState(year=1996, lang="ur")).split("</b>")[1]


def test_exp107_the_year_readout_and_the_change_years_come_from_the_renderer(ds):
    fig = build_map_figure(ds, MapState(year=1996, lang="ur", layers=frozenset(DEFAULT_LAYERS)))
    readout = [a for a in fig["layout"]["annotations"] if a["name"] == explore.READOUT]
    assert [a["text"] for a in readout] == ["۱۹۹۶"]
    meta = fig["layout"]["meta"]
    assert meta["changes"] == [span["first"] for span in meta["render"]["spans"]]
    assert meta["digits"] == "۰۱۲۳۴۵۶۷۸۹"
    assert 1996 in meta["changes"]   # the railway opened on 12 May 1996


def test_exp108_play_runs_over_the_text_s_span():
    sources = json.loads((shared_dataset().data_dir / "sources.json").read_text(encoding="utf-8"))
    period = sources["sources"][0]["period"]
    assert explore.PLAY_SPAN == (int(period["start"]), int(period["end"])) == (1918, 1996)


def test_exp109_the_slider_ticks_count_the_text_s_changes(ds):
    counts = explore.changes_per_year(ds)
    rail = ds.by_id["rail-mashhad-sarakhs"]
    assert all(counts[d.year] >= 1 for d in [s.start.first_day() for s in rail.stages if s.start])
    ticks = explore.slider_ticks(ds, "en")
    assert {int(bar.__dict__["data-year"]) for bar in ticks.children} == set(counts)
