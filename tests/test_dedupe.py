"""Duplicates across editions: exact and near copies are marked `duplicate_of` the first, events too."""
from __future__ import annotations

import json

import pytest

from pipeline.dedupe import NUM_PERM, Deduper, minhash_values, shingles as signature_shingles, signature
from pipeline.records import Document, Evidence, SectorInterest, Visit
from pipeline.sinks import DOCUMENTS, EVENTS, OutputDir
from pipeline.text import edition_key

STORY = (
    "Une délégation de la province chinoise du Henan a été reçue jeudi à l'hôtel de ville d'Amiens par le maire. "
    "Les visiteurs, conduits par le vice-gouverneur, ont visité le pôle d'enseignement supérieur et le parc "
    "d'activités de la zone nord, où plusieurs entreprises de l'agroalimentaire se sont installées ces dernières "
    "années. Un accord de coopération dans le domaine de la formation a été signé en fin de matinée. "
    "La délégation doit poursuivre son séjour en Picardie jusqu'à samedi avant de rejoindre Paris."
)
OTHER_STORY = (
    "Le conseil départemental des Vosges a accueilli mardi l'ambassadeur du Kazakhstan venu rencontrer les "
    "industriels du bois et de la papeterie. La visite s'est achevée par un déjeuner à Épinal avec les élus "
    "de la chambre de commerce, qui souhaitent développer les exportations vers l'Asie centrale. Une mission "
    "économique vosgienne pourrait se rendre à Astana au printemps prochain."
)


@pytest.mark.parametrize("later, expected", [
    (STORY, "first"),  # the same text from another site
    (STORY.upper().replace(". ", ".\n\n"), "first"),  # another edition's case and line breaks
    (STORY.replace("jeudi", "vendredi"), "first"),  # one word changed: near copy
    ("AMIENS. " + STORY + " Lire aussi notre dossier.", "first"),  # a dateline and a trailer added
    (OTHER_STORY, None),  # another story
    (STORY[: len(STORY) // 2], None),  # half the story is not the same article
])
def test_later_copy_points_to_the_first(later, expected):
    deduper = Deduper()
    assert deduper.check("first", signature(STORY)) is None
    assert deduper.check("later", signature(later)) == expected


def test_a_third_copy_points_to_the_original_not_to_the_copy():
    deduper = Deduper()
    deduper.check("first", signature(STORY))
    assert deduper.check("second", signature(STORY.replace("jeudi", "vendredi"))) == "first"
    assert deduper.check("third", signature(STORY.replace("jeudi", "vendredi"))) == "first"


@pytest.mark.parametrize("short, copy, expected", [
    ("Conseil municipal ce soir.", "Conseil municipal ce soir.", "a"),  # exact copies of short texts still match
    ("Conseil municipal ce soir à Lyon.", "Conseil municipal ce soir à Dijon.", None),  # too short to call near
])
def test_short_texts_are_compared_exactly_only(short, copy, expected):
    deduper = Deduper()
    deduper.check("a", signature(short))
    assert deduper.check("b", signature(copy)) == expected


@pytest.mark.parametrize("text", [STORY, OTHER_STORY, STORY.upper(), STORY + " " + OTHER_STORY])
def test_minhash_values_are_datasketchs(text):
    """Signatures stored by earlier runs (`_dedupe.jsonl`) were datasketch's: ours must equal them."""
    datasketch = pytest.importorskip("datasketch")
    shingles = [s.encode("utf-8") for s in signature_shingles(edition_key(text))]
    reference = datasketch.MinHash(num_perm=NUM_PERM, scheme="affine32")
    reference.update_batch(shingles)
    assert minhash_values(shingles) == reference.hashvalues.astype("<u8").tobytes()
    assert signature(text).minhash == minhash_values(shingles)


def test_signature_is_the_same_on_every_run():
    assert signature(STORY) == signature(STORY)
    assert signature(STORY).minhash is not None and signature("Trop court.").minhash is None


def document(doc_id: str, text: str) -> Document:
    return Document(doc_id=doc_id, source=f"{doc_id}.txt", text=text)


def events(doc_id: str, text: str) -> list:
    start = text.index("Une délégation")
    evidence = Evidence(text=text[start:start + 14], start=start, end=start + 14)
    common = dict(doc_id=doc_id, evidence=evidence, rule="test", confidence=0.9, cameo="042", plover="CONSULT")
    return [Visit(event_id=f"v-{doc_id}", visitor={"name": "Henan", "country": "CN"},
                  destination={"name": "Amiens", "country": "FR"}, **common),
            SectorInterest(event_id=f"s-{doc_id}", actor={"name": "Henan", "country": "CN"}, sector="agrifood",
                           **common)]


def read(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_duplicate_document_and_its_events_are_marked_and_kept(tmp_path):
    with OutputDir(tmp_path) as out:
        out.write_article(document("a", STORY), events("a", STORY), signature(STORY))
        out.write_article(document("b", OTHER_STORY), [], signature(OTHER_STORY))
        copy = STORY.replace("jeudi", "vendredi")
        out.write_article(document("c", copy), events("c", copy))  # signed from its text when not given
    docs = {d["doc_id"]: d for d in read(tmp_path / DOCUMENTS)}
    assert {k: d["duplicate_of"] for k, d in docs.items()} == {"a": None, "b": None, "c": "a"}
    assert [(e["event_id"], e["duplicate_of"]) for e in read(tmp_path / EVENTS)] == \
        [("v-a", None), ("s-a", None), ("v-c", "a"), ("s-c", "a")]


def test_resumed_run_rebuilds_the_duplicate_index(tmp_path):
    with OutputDir(tmp_path) as out:
        out.write_article(document("a", STORY), [])
    with OutputDir(tmp_path) as out:  # a later run: the index comes back from the files
        assert out.write_article(document("b", STORY.upper()), [])
        assert not out.write_article(document("a", STORY), [])  # already written: skipped
    docs = read(tmp_path / DOCUMENTS)
    assert [(d["doc_id"], d["duplicate_of"]) for d in docs] == [("a", None), ("b", "a")]


def test_index_is_rebuilt_from_documents_when_signatures_are_missing(tmp_path):
    with OutputDir(tmp_path) as out:
        out.write_article(document("a", STORY), [])
    (tmp_path / "_dedupe.jsonl").unlink()
    with OutputDir(tmp_path) as out:
        out.write_article(document("b", STORY), [])
    assert [d["duplicate_of"] for d in read(tmp_path / DOCUMENTS)] == [None, "a"]
