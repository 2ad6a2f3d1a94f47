"""presse_people: titles, organisations and countries of persons, and mentions merged into people."""
from __future__ import annotations

import pytest

from casetables import case_rows
from pipeline.nlp import build_nlp

COMPONENTS = ["presse_entity_ruler", "presse_entity_repair", "presse_places", "presse_people"]


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(components=COMPONENTS)


def person(doc, name):
    matches = [p for p in doc._.people if p["name"] == name]
    assert matches, f"{name!r} not in {[p['name'] for p in doc._.people]}"
    return matches[0]


# tests/cases/people_roles.jsonl: sentence, person, title, organisation, country
ROLES = case_rows("people_roles.jsonl", ('text', 'name', 'title', 'organisation', 'country'))


@pytest.mark.parametrize("text,name,title,organisation,country", ROLES)
def test_roles(nlp, text, name, title, organisation, country):
    doc = nlp(text)
    p = person(doc, name)
    assert (p["title"], p["organisation"], p["country"]) == (title, organisation, country)
    ent = next(e for e in doc.ents if e.text == name)
    assert ent._.role == {"title": title, "organisation": organisation, "country": country}


def test_possessive_title_inherits_country(nlp):
    doc = nlp("L'ambassadeur du Maroc, Karim Alaoui, et son conseiller économique, Youssef Amrani, étaient à Lille.")
    assert person(doc, "Karim Alaoui")["country"] == "MA"
    p = person(doc, "Youssef Amrani")
    assert (p["title"], p["country"]) == ("conseiller économique", "MA")


def test_possessive_title_takes_nearest_party(nlp):
    doc = nlp("Le maire, Hervé Guihard, a accueilli une délégation de la ville japonaise de Kanazawa conduite par "
              "son adjoint, Takeshi Yamada.")
    p = person(doc, "Takeshi Yamada")
    assert (p["title"], p["organisation"]) == ("adjoint", "Kanazawa")


def test_region_is_not_a_country(nlp):
    doc = nlp("Hélène Boulanger, présidente de l'université de Lorraine, a signé l'accord.")
    p = person(doc, "Hélène Boulanger")
    assert (p["organisation"], p["country"]) == ("université de Lorraine", None)


def test_respectively(nlp):
    doc = nlp("Jacques Martin et Pierre Leroy, respectivement maire de Dijon et maire de Besançon, ont signé l'accord.")
    assert person(doc, "Jacques Martin")["organisation"] == "Dijon"
    assert person(doc, "Pierre Leroy")["organisation"] == "Besançon"


# (text, full name, number of mentions merged into it)
MERGES = case_rows("people_merges.jsonl", ('text', 'name', 'count'))


@pytest.mark.parametrize("text,name,count", MERGES)
def test_merge_mentions(nlp, text, name, count):
    doc = nlp(text)
    p = person(doc, name)
    assert len(p["mentions"]) == count
    for start, end in p["mentions"]:
        assert doc.text[start:end] in name or name.endswith(doc.text[start:end].split()[-1])


def test_role_filled_from_other_mentions(nlp):
    doc = nlp("Hier à Épinal, Nourlan Kaliyev a rencontré les industriels. Nourlan Kaliyev, ambassadeur du Kazakhstan, a visité l'usine.")
    roles = [e._.role for e in doc.ents if e.label_ == "PER"]
    assert len(roles) == 2 and all(r["country"] == "KZ" for r in roles)


def test_round_trip(nlp, tmp_path):
    pipe = nlp.get_pipe("presse_people")
    pipe.to_disk(tmp_path / "people")
    assert type(pipe)(nlp, "presse_people").from_disk(tmp_path / "people").tables == pipe.tables


def test_saved_pipeline_gives_the_same_people(nlp, tmp_path):
    import spacy

    text = "Frédéric Lajoux, Président Amiens Cluster, a reçu la CCI des Vosges et Thalès."
    nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    a, b = nlp(text), reloaded(text)
    assert [(e.text, e.label_) for e in a.ents] == [(e.text, e.label_) for e in b.ents]
    assert a._.people == b._.people and a._.people[0]["organisation"] == "Amiens Cluster"
