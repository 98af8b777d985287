"""CSS selectors for the app's components, shared by the browser tests.

Selectors for the app's components go here (one constant per component, named after what it is
in the app), so that a change to an id or class name is made in one place. Import them from a
test in this folder with ``from .selectors import MAP``.
"""

MAP = "#map"  # the dcc.Graph with the geo map (Scattergeo + Choropleth)
MAP_GRAPH = "#map .js-plotly-plot"  # Plotly's graph div inside it (gd: .data, ._fullData, .layout)
MAP_GEO_LAYER = "#map .js-plotly-plot .geolayer .geo"  # the geo subplot's <g>: projected points live in it
MAP_GEO_TEXT = "#map .js-plotly-plot .geolayer text:not(.span-off)"  # map labels shown (not another year's)
MAP_NOTE_TEXT = "#map .js-plotly-plot .annotation .annotation-text"  # the year and the caption in the corner

# Page frame
ROOT = "#app-root"
TITLE = "#app-title"
MESSAGE = "#message"  # notices: a link's settings that were reset, callback errors
NOTICE = "#message .notice"

# Controls column
LAYERS = "#layers"  # dcc.Checklist of overlays
LAYER_CHECKBOX = '#layers input[type="checkbox"][value="{}"]'  # .format(layer id)
LAYER_CHECKED = '#layers input[type="checkbox"]:checked'
LAYER_INPUTS = "#layers input"
YEAR = "#year"  # dcc.Slider (a <label for="year"> names it)
YEAR_THUMB = "#year [role=slider]"  # its keyboard-focusable thumb (aria-valuenow = the year)
YEAR_MARKS = "#year .dash-slider-mark"
WINDOW = "#event-window"  # dcc.RangeSlider of the events window
WINDOW_THUMBS = "#event-window [role=slider]"  # its two thumbs
PLAY = "#play"
PLAY_TICK_ID = "play-tick"  # the dcc.Interval behind Play: no DOM, its props are read via dash_component_api
SPEED = "#speed"  # dcc.Dropdown (its trigger is a <button id="speed">)
SEARCH = "#search"  # dcc.Dropdown with server-side search
LANG = "#lang"  # dcc.RadioItems
LANG_RADIO = '#lang input[type="radio"][value="{}"]'  # .format(a code of locale/languages.csv)
LANG_INPUTS = "#lang input"

DROPDOWN_TRIGGER = "button.dash-dropdown"  # any dcc.Dropdown's focusable trigger (id = the component's id)
# Any open dcc.Dropdown (Dash 4 renders the open list in a popover at the end of <body>)
DROPDOWN_SEARCH_INPUT = ".dash-dropdown-content input.dash-dropdown-search"
DROPDOWN_OPTION = '.dash-dropdown-content [role=option]:has(input[value="{}"])'  # .format(value)
DROPDOWN_OPTIONS = ".dash-dropdown-content [role=option]"
DROPDOWN_OPTION_VALUE = ".dash-dropdown-content [role=option] input"

# Side column: details and timeline
DETAILS = "#details"
DETAILS_ARTICLE = "#details article.feature-details"  # data-feature = the record or place id
DETAILS_FOR = '#details article.feature-details[data-feature="{}"]'  # .format(id)
DETAILS_NAMES = "#details .feature-names"
DETAILS_NAME_UR = '#details .feature-names [lang="ur"]'
DETAILS_STAGES = "#details ul.stages > li"
DETAILS_QUOTE = "#details blockquote.quote"
DETAILS_CITE = "#details figcaption.cite"
DETAILS_PARAGRAPHS = "#details p"
DETAILS_LINKS = "#details button.linklike"  # a place's related records
DETAILS_ENGLISH = '#details [lang="en"]'
DETAILS_OWN_NAME = "#details .feature-names .name-own"  # the name in the page's language when not en/ur
DETAILS_UNTRANSLATED = "#details .no-translation"  # "no translation in this language yet"
TIMELINE = "#timeline"
TIMELINE_EVENT = '#timeline button.event-item[data-record="{}"]'  # .format(record id)

# Route explorer
ROUTE_QUESTION = "#route-question"  # dcc.Dropdown of the text's questions
ROUTE_FROM = "#route-from"
ROUTE_TO = "#route-to"
ROUTE_YEAR = "#route-year"
ROUTE_COMPARE = "#route-compare-year"
ROUTE_MODE_CHECKBOX = '#route-modes input[type="checkbox"][value="{}"]'  # .format("rail" | "sea" | "road")
ROUTE_PLANNED_CHECKBOX = '#route-planned input[type="checkbox"][value="planned"]'
ROUTE_MODE_INPUTS = "#route-modes input"
ROUTE_PLANNED_INPUTS = "#route-planned input"
ROUTE_RESULT = "#route-result"
ROUTE_HEADING = '#route-result h3[data-year="{}"]'  # .format(year); data-found = "true" | "false"
ROUTE_REASON = "#route-result .route-reason span[lang=en]"
ROUTE_KM = "#route-result [data-km]"
ROUTE_COUNTRIES = "#route-result [data-countries]"
ROUTE_SEGMENTS_SUMMARY = "#route-result details > summary"
ROUTE_SOURCE_BUTTON = '#route-result td button.linklike[title="{}"]'  # .format(the record's name): its source

# Route explorer, issue 18: time, assumptions, the table, the key
ROUTE_ASSUME_SUMMARY = "#route-assume-summary"
ROUTE_ASSUME_INPUT = "#route-assume-{}"      # .format("border-h" | "gauge-h" | "rail-freight-kmh" ...)
ROUTE_PROBLEM = "#route-result .route-problem"
ROUTE_TABLE_HEAD = "#route-result table.route-table thead th"
ROUTE_TABLE_ROWS = "#route-result table.route-table tbody tr"
ROUTE_SENTENCE = "#route-result .route-sentence"
ROUTE_KEY_ITEMS = "#route-key li[data-year]"

# Accessibility and the phone layout (issue 17b)
SKIP_LINK = "#skip-link"
MAP_SECTION = "#map-section"  # the map's region: the skip link's target
PRESENT = "#present"
LANG_LABELS = "#lang label"
TOGGLE_CONTROLS = "#toggle-controls"  # phone: slides the controls over the map
TOGGLE_SIDE = "#toggle-side"          # phone: slides the details and events over the map
CONTROLS_PANEL = "#controls-panel"
SIDE_PANEL = "#side-panel"
WINDOW_READOUT = "#window-readout"
WINDOW_SPAN = "#window-readout .window-span"
DETAILS_HEADING = "#details .feature-names"
DETAILS_BACK = "#details button.back-to-list"
FEATURE_LIST_SUMMARY = "#feature-list-title"
FEATURE_LIST_SHOWN = "#feature-list li:not([hidden]) button"
FEATURE_LIST_ITEM = '#feature-list button[data-feature="{}"]'  # .format(id)
TOUR_PANEL = "#tour-panel"
TOUR_NEXT = "#tour-next"
ROUTE_RESULT_HEADING = "#route-result h3[data-year]"
