"""Dated geography: the map as it was in a chosen year.

Hand-written definitions (``geodata/data/dated/*.json``, ``*.csv``) say what existed when, with
sources; the build (:mod:`geodata.dated.build`) composes their geometry from pinned public inputs
into ``geodata/data/dated/*.geojson``; :mod:`geodata.dated.layers` reads the built files once and
answers "what was here in year Y" (:mod:`geodata.dated.mapyear` gives the whole map of a year).
"""
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "dated"
