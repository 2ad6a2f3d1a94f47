"""presse_people: titles, organisations and countries of persons, and mentions merged into people."""
from __future__ import annotations

import pytest

from pipeline.nlp import build_nlp

COMPONENTS = ["presse_entity_ruler", "presse_entity_repair", "presse_places", "presse_people"]


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(components=COMPONENTS)


def person(doc, name):
    matches = [p for p in doc._.people if p["name"] == name]
    assert matches, f"{name!r} not in {[p['name'] for p in doc._.people]}"
    return matches[0]


# (sentence, person, title, organisation, country)
ROLES = [
    ("Sophie Marchand, présidente de la CCI Bretagne, a ouvert la séance.",
     "Sophie Marchand", "présidente", "CCI Bretagne", None),
    ("Paul Girard, vice-président d’Angers Loire Métropole, était présent.",
     "Paul Girard", "vice-président", "Angers Loire Métropole", None),
    ("Marc Lenoir, directeur général adjoint du conseil départemental du Nord, a pris la parole.",
     "Marc Lenoir", "directeur général adjoint", "conseil départemental du Nord", None),
    ("Léa Fontaine, Présidente Rouen Cluster, a accueilli les visiteurs.",
     "Léa Fontaine", "Présidente", "Rouen Cluster", None),
    ("L'ambassadeur du Japon, Kenji Tanaka, a visité l'usine.", "Kenji Tanaka", "ambassadeur", None, "JP"),
    ("Le maire de Lyon Grégory Doucet a accueilli la délégation.", "Grégory Doucet", "maire", "Lyon", None),
    ("Le maire de la ville de Grenoble, Éric Piolle, a reçu ses homologues.",
     "Éric Piolle", "maire", "Grenoble", None),
    ("Anna Kowalski, consule générale de Pologne à Lyon, a salué l'initiative.",
     "Anna Kowalski", "consule générale", None, "PL"),
    ("Le ministre chinois du Commerce, Wang Wentao, est arrivé à Paris.",
     "Wang Wentao", "ministre", None, "CN"),
    ("Claire Dubois est la présidente de l'Université de Nantes.",
     "Claire Dubois", "présidente", "Université de Nantes", None),
    ("Mohamed Salah, ambassadeur d’Égypte en France, a rencontré les industriels.",
     "Mohamed Salah", "ambassadeur", None, "EG"),
    ("Le président turc Recep Tayyip Erdogan est attendu à Strasbourg.",
     "Recep Tayyip Erdogan", "président", None, "TR"),
    ("Yuki Sato, directrice commerciale de Toyota Europe, a présenté la voiture.",
     "Yuki Sato", "directrice commerciale", "Toyota Europe", None),
    ("La préfète de la Somme, Muriel Nguyen, a inauguré le site.", "Muriel Nguyen", "préfète", "Somme", None),
    ("Il a rencontré le sénateur-maire Jean Dupuis à Chartres.", "Jean Dupuis", "sénateur-maire", None, None),
    ("Pierre Durand a visité le salon de l'agriculture.", "Pierre Durand", None, None, None),
    ("Julie Bernard, 45 ans, gérante de la société Bernard Transports, témoigne.",
     "Julie Bernard", "gérante", "Bernard Transports", None),
    ("Thomas Petit, récemment élu président de la Fédération française du bâtiment, s'est exprimé.",
     "Thomas Petit", "président", "Fédération française du bâtiment", None),
    ("Le Premier ministre ivoirien, Daniel Kablan Duncan, est arrivé à Metz.",
     "Daniel Kablan Duncan", "Premier ministre", None, "CI"),
    ("Ahmed Benali, consul général du Maroc à Bordeaux, salue le partenariat.",
     "Ahmed Benali", "consul général", None, "MA"),
    # Regional press on foreign delegations, prefects, business leaders.
    ("La délégation était conduite par Haruto Saeki, vice-gouverneur chargé des affaires économiques.",
     "Haruto Saeki", "vice-gouverneur", None, None),
    ("Patrick Pouyanné, PDG de TotalEnergies, a annoncé un investissement.",
     "Patrick Pouyanné", "PDG", "TotalEnergies", None),
    ("Le préfet du Cantal, Serge Castel, s'est rendu à Aurillac.", "Serge Castel", "préfet", "Cantal", None),
    ("Lucía Montalvo, adjointe au maire chargée de la culture, conduisait la délégation.",
     "Lucía Montalvo", "adjointe au maire", None, None),
    ("L'ambassadeur du Vietnam en France, Dinh Toan Thang, était l'invité de la CCI.",
     "Dinh Toan Thang", "ambassadeur", None, "VN"),
    ("Le patron de Renault, Luca de Meo, était à Douai mercredi.", "Luca de Meo", "patron", "Renault", None),
    ("Nathalie Appéré, maire de Rennes, a signé la convention.", "Nathalie Appéré", "maire", "Rennes", None),
    ("Annie Vergne, présidente de l'office de tourisme, les a accueillis.",
     "Annie Vergne", "présidente", None, None),
    ("Le gouverneur de la province de Kumamoto, Ikuo Kabashima, a rencontré les élus.",
     "Ikuo Kabashima", "gouverneur", "Kumamoto", None),
    ("Marc Dupuis, directeur général de la CCI du Cher, a signé la lettre.",
     "Marc Dupuis", "directeur général", "CCI du Cher", None),
    ("Le consul de Chine à Marseille, Wang Wei, a visité l'usine.", "Wang Wei", "consul", None, "CN"),
    ("Jean Dupuy, sous-préfet de Brive, a accueilli la délégation.",
     "Jean Dupuy", "sous-préfet", "Brive", None),
    # "son maire" is the mayor of the town, not of the region named after it.
    ("Ils ont reçu une délégation de Bra, petite ville du Piémont, emmenée par son maire, Gianni Fogliato.",
     "Gianni Fogliato", "maire", "Bra", None),
]


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
MERGES = [
    ("Le Premier ministre ivoirien, Daniel Kablan Duncan, est arrivé à Metz. M. Duncan a ensuite visité Nancy.",
     "Daniel Kablan Duncan", 2),
    ("Hélène Roux, directrice de l'office de tourisme, a reçu la délégation. Roux a souligné l'intérêt du projet.",
     "Hélène Roux", 2),
    ("Texte : B. Boulay. Bernard Boulay est journaliste à Épinal.", "Bernard Boulay", 2),
    ("Marie Curie et Pierre Curie ont visité Varsovie.", "Marie Curie", 1),
]


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
