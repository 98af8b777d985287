"""CSS selectors for the app's components, shared by the browser tests.

Selectors for the app's components go here (one constant per component, named after what it is
in the app), so that a change to an id or class name is made in one place. Import them from a
test in this folder with ``from .selectors import MAP``.
"""

MAP = "#map"  # the dcc.Graph with the geo map (Scattergeo + Choropleth)
