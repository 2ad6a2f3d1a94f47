"""The gazetteer of the running pipeline, for the components and helpers that read places.

The gazetteer belongs to `presse_places`: its tables travel with the pipeline (`nlp.to_disk`,
`spacy.load`), so a pipeline saved with edited place tables reads places through them everywhere.
A component reaches it through its pipeline, `places_of(nlp)` (`nlp.get_pipe("presse_places")`);
helpers that see only text (`country_code`, `resolve_place`, `is_major_place`) read the gazetteer
of the `presse_places` loaded last in this process: a presse process runs one pipeline.  Outside
any pipeline (a partial one in tests, `presse query`), the packaged tables of `models/places/`.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache

import srsly

from ...tables import MODELS_DIR, read_tables
from .cities import city_index
from .communes import table_digest
from .gazetteer import Gazetteer

PLACES_PIPE = "presse_places"
_GAZETTEERS: dict[str, Gazetteer] = {}
_loaded: list[Gazetteer] = []  # the gazetteer of the presse_places loaded last, once one is


def gazetteer_for(tables: dict[str, list[dict]], small_communes: bool = False) -> Gazetteer:
    """One gazetteer per distinct set of tables in a process: pipelines loaded with the same tables share it."""
    # the commune table is large: its own digest is faster than JSON over its 37,000 rows
    small = {name: rows for name, rows in tables.items() if name != "fr_communes.tsv"}
    digest = hashlib.blake2b(srsly.json_dumps(small, sort_keys=True).encode("utf-8")).hexdigest()
    digest += table_digest(tables.get("fr_communes.tsv", [])) + f"-small{int(small_communes)}"
    if digest not in _GAZETTEERS:
        _GAZETTEERS[digest] = Gazetteer(tables, city_index(), small_communes)
    return _GAZETTEERS[digest]


def set_pipeline_gazetteer(gazetteer: Gazetteer) -> None:
    """Called by `presse_places` when its tables load: helpers now read places through them."""
    _loaded[:] = [gazetteer]


@lru_cache(maxsize=1)
def packaged_gazetteer() -> Gazetteer:
    """The gazetteer of the packaged `models/places/`, for code that runs outside a pipeline."""
    return gazetteer_for(read_tables(MODELS_DIR / "places"))


def pipeline_gazetteer() -> Gazetteer:
    """The gazetteer of the `presse_places` loaded last in this process, else the packaged one."""
    return _loaded[0] if _loaded else packaged_gazetteer()


def places_of(nlp) -> Gazetteer:
    """The gazetteer of this pipeline's `presse_places` (the packaged one when it has none)."""
    if PLACES_PIPE in nlp.component_names:
        return nlp.get_pipe(PLACES_PIPE).lookup
    return packaged_gazetteer()


def is_major_place(text: str, min_population: int, primary_only: bool = True) -> bool:
    """Whether the name reads first as a country, a region or a town of `min_population` or more
    (with `primary_only`, a town under its own name, not an alternate spelling)."""
    return pipeline_gazetteer().is_major(text, min_population, primary_only)


def country_code(text: str) -> str | None:
    """ISO 3166-1 alpha-2 of a country name or a demonym: 'la Chine', 'ivoiriennes', 'marseillaise'."""
    return pipeline_gazetteer().country_code(text)


def capital_place(country: str, kind: str = "capital") -> dict | None:
    """The place dict of a country's capital ("la capitale politique ivoirienne"), or with `kind` "economic"
    its economic capital ("la capitale économique ivoirienne"), with "usual" the town the press means by
    the bare "la capitale ivoirienne" (Abidjan); None when the tables give none."""
    return pipeline_gazetteer().capital(country, kind)


def resolve_place(name: str, context_country: str | None = None) -> dict | None:
    """The place dict of a name ('Saint-Vallier', 'la région Grand Est', 'Pékin'), or None.

    `context_country` (ISO alpha-2) favours readings in that country, e.g. the doc's own country.
    """
    place = pipeline_gazetteer().resolve(name, context_country)
    return dict(place) if place else None
