"""Geodata for the map of Iran, Central Asia and the Caucasus (1918-1996).

Data flows one way: raw public sources -> ``python -m geodata build`` -> the
committed base layers in ``geodata/data/base`` ; hand-edited records in
``geodata/data/records`` -> validation -> a read-only :class:`Dataset` ->
pure query functions.  Nothing in this package imports Dash.
"""
