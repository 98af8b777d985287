"""The dataset owns its tour and route questions: create_app(load_dataset(dir)) uses that folder's."""
from __future__ import annotations

import json
from pathlib import Path

from dashboard import create_app
from dashboard.routes import question_options
from geodata.load import load_dataset
from geodata.network import route_questions
from helpers import copy_data


def small_folder(tmp_path: Path) -> Path:
    """A data folder with a one-scene tour and a one-question list of its own."""
    d = copy_data(tmp_path)
    tour = json.loads((d / "tour.json").read_text(encoding="utf-8"))
    scene = tour["scenes"][0]
    scene["title"] = {"en": "Fixture scene title", "ur": "فکسچر منظر"}
    (d / "tour.json").write_text(json.dumps({**tour, "scenes": [scene]}, ensure_ascii=False), encoding="utf-8")
    questions = json.loads((d / "questions.json").read_text(encoding="utf-8"))
    question = questions["questions"][0]
    question["id"] = "fixture-question"
    question["question"] = {"en": "Fixture question?", "ur": "فکسچر سوال؟"}
    (d / "questions.json").write_text(json.dumps({**questions, "questions": [question]}, ensure_ascii=False),
                                      encoding="utf-8")
    return d


def test_the_app_uses_the_folders_tour_and_questions(tmp_path: Path) -> None:
    dataset = load_dataset(small_folder(tmp_path))
    assert [s.title["en"] for s in dataset.tour] == ["Fixture scene title"]
    assert [q.id for q in route_questions(dataset)] == ["fixture-question"]
    assert question_options(dataset, "ur") == [{"label": "فکسچر سوال؟", "value": "fixture-question"}]
    client = create_app(dataset).server.test_client()
    handout = client.get("/tour/handout?lang=en").data.decode("utf-8")
    assert handout.count('class="page"') == 1 and "Fixture scene title" in handout
    layout = client.get("/_dash-layout").data.decode("utf-8")
    assert "Fixture question?" in layout and "fixture-question" in layout


def test_the_bundled_app_keeps_the_bundled_tour(tmp_path: Path) -> None:
    handout = create_app().server.test_client().get("/tour/handout?lang=en").data.decode("utf-8")
    assert "Fixture scene title" not in handout and handout.count('class="page"') > 1


def test_a_second_source_text_is_one_more_entry_and_references_name_it(tmp_path: Path) -> None:
    from geodata.load import check_data
    from helpers import edit_record
    d = copy_data(tmp_path)
    (d / "source" / "second.txt").write_text("First block.\n\nA second text, block two.\n", encoding="utf-8")
    sources = json.loads((d / "sources.json").read_text(encoding="utf-8"))
    sources["sources"].append({"id": "second-text", "file": "source/second.txt", "language": "en",
                               "title": {"en": "A second text", "ur": "دوسرا متن"},
                               "period": {"start": "1920", "end": "1930"}})
    (d / "sources.json").write_text(json.dumps(sources, ensure_ascii=False), encoding="utf-8")
    cite = {"text_id": "second-text", "block": 2, "quote": "A second text", "gloss": {"en": "A second text"}}
    edit_record(d, "rail_lines.json", "rail-mashhad-sarakhs", lambda r: r["sources"].append(cite))
    dataset, problems = check_data(d)
    assert problems == []
    assert dataset.by_id["rail-mashhad-sarakhs"].sources[-1].text_id == "second-text"
    assert set(dataset.texts) == {"text-ur", "second-text"} and dataset.years[0] == 1918
    # The same quote against the first text, or a text that is not listed, is refused.
    edit_record(d, "rail_lines.json", "rail-mashhad-sarakhs", lambda r: r["sources"][-1].update(text_id="text-ur"))
    assert [p.field for p in check_data(d)[1]] == [f"sources[{len(dataset.by_id['rail-mashhad-sarakhs'].sources) - 1}].quote"]
    edit_record(d, "rail_lines.json", "rail-mashhad-sarakhs", lambda r: r["sources"][-1].update(text_id="third"))
    assert "is not a source text of sources.json" in check_data(d)[1][0].message
