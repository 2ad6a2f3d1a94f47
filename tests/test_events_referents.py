"""events/referents.py: the key a title gives, so a title alone finds the person named with it."""
from __future__ import annotations

import pytest

from pipeline.components.events.referents import title_key


@pytest.mark.parametrize("text,head,key", [
    ("La Première ministre a reçu la délégation.", "ministre", "premier ministre"),
    ("Le Premier ministre a reçu la délégation.", "ministre", "premier ministre"),
    ("Le ministre a reçu la délégation.", "ministre", "ministre"),
    ("Le chef de l'Etat a reçu la délégation.", "chef", "chef etat"),
])
def test_title_key(nlp, text, head, key):
    doc = nlp.make_doc(text)
    for _, proc in nlp.pipeline:
        if not _.startswith("presse_"):
            doc = proc(doc)
    t = next(t for t in doc if t.lower_ == head)
    assert title_key(doc, t) == key
