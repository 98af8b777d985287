"""Presenting and exports without a browser: a scene's route question, the image caption's contents."""
from __future__ import annotations

import dataclasses

from geodata.load import shared_dataset
from geodata.tour import with_questions

from dashboard.export_image import image_caption, video_caption
from dashboard.tour_ui import apply_scene, caption_lines
from dashboard.urlstate import ViewState, to_query

DATASET = shared_dataset()
SCENES = DATASET.tour


def test_present001_a_scene_names_an_unknown_route_question_and_is_refused_naming_it():
    bad = dataclasses.replace(SCENES[0], question="no-such-question")
    problems = []
    with_questions((bad,), DATASET.questions, problems)
    assert [str(p) for p in problems] and "no-such-question" in str(problems[0]) and SCENES[0].id in str(problems[0])


def test_present002_scene_12_asks_the_gulf_question_and_its_link_opens_the_explorer():
    scene = SCENES[11]
    assert scene.route is not None and scene.route.id == "gulf-by-rail"
    query = to_query(apply_scene(ViewState(), scene))
    # questions.json: Almaty to Bandar Abbas by rail, 1995 against 1997 (the later year shown)
    assert "from=almaty" in query and "to=bandar-abbas" in query and "ryear=1997" in query and "compare=1995" in query
    assert "modes=rail" in query
    # a scene without a question clears the explorer's journey
    assert "from=" not in to_query(apply_scene(apply_scene(ViewState(), scene), SCENES[10]))


def test_present003_image_caption_names_the_chosen_feature_and_carries_the_legend():
    state = ViewState(year=1996, lang="ur", feature="rail-mashhad-sarakhs", layers=("political", "rail"))
    cap = image_caption(DATASET, state, None, "png", 1)
    assert cap["dir"] == "rtl" and cap["year_text"] == "۱۹۹۶"
    assert cap["lines"][1].startswith("منتخب: ")
    assert [i["heading"] for i in cap["legend"] if "heading" in i] == ["سیاسی حیثیت", "ریلوے لائنیں"]
    video = video_caption(DATASET, ViewState(year=1997), None, 1990, 1997, 1)
    assert [y["year"] for y in video["years"]] == list(range(1990, 1998))
    assert video["years"][0]["lines"] == caption_lines(DATASET, ViewState(year=1990), None)
