"""A failing callback is logged and the page is told briefly, with no 500 and no trace."""
from __future__ import annotations

import logging

from dash import Dash, Input, Output, html

from dashboard import ids
from dashboard.callbacks import guarded


def make_app():
    app = Dash("guarded-test")
    app.layout = html.Div([html.Button(id="go"), html.Div(id="out"), html.Div(id=ids.MESSAGE)])

    @app.callback(Output("out", "children"), Input("go", "n_clicks"), prevent_initial_call=True)
    @guarded
    def explode(n):
        raise ZeroDivisionError("boom")

    return app


def test_grd001_failing_callback_answers_with_a_message_and_logs(caplog):
    app = make_app()
    client = app.server.test_client()
    body = {"output": "out.children", "outputs": {"id": "out", "property": "children"},
            "inputs": [{"id": "go", "property": "n_clicks", "value": 1}], "changedPropIds": ["go.n_clicks"],
            "state": []}
    with caplog.at_level(logging.ERROR):
        response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    payload = response.get_json()
    text = str(payload)
    assert "Something went wrong" in text and "boom" not in text and "Traceback" not in text
    assert any("explode" in r.getMessage() and (r.exc_info or r.exc_text) for r in caplog.records)


def test_grd002_the_message_is_in_the_language_of_the_page_that_asked():
    """The page's address (the request's Referer) says ?lang=ur: the notice is the Urdu catalogue's."""
    from dashboard.i18n import t
    client = make_app().server.test_client()
    body = {"output": "out.children", "outputs": {"id": "out", "property": "children"},
            "inputs": [{"id": "go", "property": "n_clicks", "value": 1}], "changedPropIds": ["go.n_clicks"],
            "state": []}
    for referrer, lang in (("http://localhost/?year=1996&lang=ur", "ur"), ("http://localhost/?lang=xx", "en"),
                           (None, "en")):
        headers = {"Referer": referrer} if referrer else {}
        text = str(client.post("/_dash-update-component", json=body, headers=headers).get_json())
        assert t("error", lang) in text, (referrer, text)
    assert t("error", "ur") != t("error", "en")
