"""The one place that builds presse's spaCy pipeline.

`fr_core_news_md` gives tokens, parse and NER; our components follow in the order
of `COMPONENTS`, each fed its tables from `models/<folder>/` by `initialize`.
Only our components are initialised: `nlp.initialize()` would reset the trained
ones.  A built pipeline saves with `nlp.to_disk` and reloads with `spacy.load`
(our factories are found through the `spacy_factories` entry point).
"""
from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from .tables import MODELS_DIR

BASE_MODEL = "fr_core_news_md"

# (component name, factory config, folder of models/ holding its tables), in pipeline order.
COMPONENTS: list[tuple[str, dict, str]] = [
    ("presse_entity_ruler", {}, "entities"),
    ("presse_entity_repair", {}, "entities"),
    ("presse_places", {}, "places"),
    ("presse_people", {}, "people"),
    ("presse_dates", {}, "dates"),
    ("presse_sectors", {}, "sectors"),
    ("presse_events", {}, "events"),
    ("presse_interests", {}, "interests"),
    ("presse_agreements", {}, "agreements"),
]


def build_nlp(models_dir: str | Path = MODELS_DIR, *, components: list[str] | None = None,
              base: str = BASE_MODEL) -> Language:
    """Load the base model and add our components (all of them, or those named)."""
    nlp = spacy.load(base)
    for name, config, folder in COMPONENTS:
        if components is not None and name not in components:
            continue
        pipe = nlp.add_pipe(name, config=config)
        pipe.initialize(lambda: [], nlp=nlp, data_dir=str(Path(models_dir) / folder))
    return nlp
