"""presse_places: countries, territories, towns and demonyms resolved to codes, on sentences written for presse."""
import re
import pycountry
import pytest

from pipeline.components.places import (
    PlacesComponent,
    country_code,
    default_gazetteer,
    gazetteer_for,
    inflections,
    resolve_place,
)
from pipeline.nlp import build_nlp
from pipeline.tables import MODELS_DIR, read_tables


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(components=["presse_places"])


@pytest.fixture(scope="module")
def nlp_entities():
    """Places on the corrected entities, as in the full pipeline."""
    return build_nlp(components=["presse_entity_ruler", "presse_entity_repair", "presse_places"])


# -- country_code: names with articles and variants, demonyms in every gender and number -------------
@pytest.mark.parametrize("text, expected", [
    ("la Chine", "CN"),
    ("Chine", "CN"),
    ("Côte d’Ivoire", "CI"),
    ("la Côte d'Ivoire", "CI"),
    ("Royaume-Uni", "GB"),
    ("les États-Unis", "US"),
    ("Etats-Unis", "US"),
    ("du Kazakhstan", "KZ"),
    ("en Pologne", "PL"),
    ("l'Algérie", "DZ"),
    ("Russie", "RU"),
    ("Corée du Sud", "KR"),
    ("Iran", "IR"),
    ("Hexagone", "FR"),
    ("chinoise", "CN"),
    ("Chinois", "CN"),
    ("chinoises", "CN"),
    ("polonais", "PL"),
    ("Polonaises", "PL"),
    ("kazakh", "KZ"),
    ("kazakhe", "KZ"),
    ("kazakhs", "KZ"),
    ("kazakhes", "KZ"),
    ("ivoirien", "CI"),
    ("ivoirienne", "CI"),
    ("ivoiriens", "CI"),
    ("ivoiriennes", "CI"),
    ("grecque", "GR"),
    ("turques", "TR"),
    ("britanniques", "GB"),
    ("sud-africaines", "ZA"),
    ("québécoise", "CA"),
    ("marseillaise", "FR"),
    ("amiénoises", "FR"),
    ("vosgienne", "FR"),
    ("Zhengzhou", None),  # a town, not a country: resolve_place() reads it
    ("Vendredi", None),
    ("président", None),
    ("Corée", None),  # both Koreas
])
def test_country_code(text, expected):
    assert country_code(text) == expected


# -- resolve_place: territories with ISO 3166-2 codes, towns with GeoNames ids -------------------------
@pytest.mark.parametrize("name, kind, country, code", [
    ("Vosges", "departement", "FR", "FR-88"),
    ("Drôme", "departement", "FR", "FR-26"),
    ("Ille-et-Vilaine", "departement", "FR", "FR-35"),
    ("Saône-et-Loire", "departement", "FR", "FR-71"),
    ("Grand Est", "region", "FR", "FR-GES"),
    ("Grand-Est", "region", "FR", "FR-GES"),
    ("la région Grand Est", "region", "FR", "FR-GES"),
    ("Occitanie", "region", "FR", "FR-OCC"),
    ("Rhône Alpes", "region", "FR", "FR-ARA"),
    ("Auvergne", "region", "FR", "FR-ARA"),
    ("Lorraine", "region", "FR", "FR-GES"),
    ("Picardie", "region", "FR", "FR-HDF"),
    ("PACA", "region", "FR", "FR-PAC"),
    ("Guadeloupe", "region", "FR", "FR-971"),
    ("Nouvelle-Calédonie", "region", "FR", "FR-NC"),
    ("Saumurois", "area", "FR", "FR-49"),
    ("Xinjiang", "region", "CN", "CN-XJ"),
    ("Catalogne", "region", "ES", "ES-CT"),
    ("Bavière", "region", "DE", "DE-BY"),
    ("Côte d’Ivoire", "country", "CI", "CI"),
    ("les États-Unis", "country", "US", "US"),
    ("Europe", "continent", None, "EU"),
    ("Zhengzhou", "city", "CN", "1784658"),
    ("Rybnik", "city", "PL", "3086586"),
    ("Annaba", "city", "DZ", "2506999"),
    ("Rishon LeZion", "city", "IL", "293703"),
    ("Astana", "city", "KZ", "1526273"),
    ("Pékin", "city", "CN", "1816670"),
    ("Londres", "city", "GB", "2643743"),
    ("Alger", "city", "DZ", "2507480"),
    ("Tunis", "city", "TN", "2464470"),
    ("Montréal", "city", "CA", "6077243"),
    ("Amiens", "city", "FR", "80021"),
    ("Le Tampon", "city", "FR", "97422"),  # La Réunion is France
    ("Mâcon", "city", "FR", "71270"),  # not Macon, Georgia: accents count
    ("Valence", "city", "FR", "26362"),  # the Drôme town before Valencia (Spain) without context
    ("Ville de Zhengzhou", "city", "CN", "1784658"),
    # A generic head announces the kind of unit.
    ("canton de Genève", "region", "CH", "CH-GE"),
    ("Genève", "city", "CH", "2660646"),
    ("État de New York", "region", "US", "US-NY"),
    ("département des Vosges", "departement", "FR", "FR-88"),
    ("ville de Vienne", "city", "FR", "38544"),
    ("Vienne", "departement", "FR", "FR-86"),
    # a people's name is its country, not a town spelled alike once its article is dropped
    ("Allemands", "country", "DE", "DE"),
    ("Lorraine", "region", "FR", "FR-GES"),
])
def test_resolve_place(name, kind, country, code):
    place = resolve_place(name)
    assert (place["kind"], place["country"], place["code"]) == (kind, country, code)


def test_town_has_coordinates_and_geonames_id():
    place = resolve_place("Zhengzhou")
    assert place["geonames_id"] == 1784658
    assert place["lat"] == pytest.approx(34.76, abs=0.05) and place["lon"] == pytest.approx(113.65, abs=0.05)


@pytest.mark.parametrize("name", ["Vendredi", "la Ville", "Côte", "APC", "wali", "Jannah Theme", "Conseil général"])
def test_not_a_place(name):
    assert resolve_place(name) is None


@pytest.mark.parametrize("name, context, country, code", [
    ("Saint-Vallier", None, "FR", None),  # two towns of that name in France: the country only
    ("Valence", "ES", "ES", "2509954"),  # Valencia when the article is about Spain
    ("Valence", "FR", "FR", "26362"),
    ("Londres", "FR", "GB", "2643743"),  # an exonym holds against the doc's country
])
def test_resolve_place_with_context_country(name, context, country, code):
    place = resolve_place(name, context)
    assert (place["country"], place["code"]) == (country, code)


# -- the component on sentences ---------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Une délégation chinoise de Zhengzhou a été reçue à Amiens par le maire.",
     {"Zhengzhou": ("city", "CN", "1784658"), "Amiens": ("city", "FR", "80021")}),
    # Namesakes told apart by the département named nearby.
    ("Les hôtes polonais venus de Rybnik ont visité Saint-Vallier, en Saône-et-Loire.",
     {"Rybnik": ("city", "PL", "3086586"), "Saint-Vallier": ("city", "FR", "71486"),
      "Saône-et-Loire": ("departement", "FR", "FR-71")}),
    ("Le maire de Saint-Vallier, dans la Drôme, a reçu ses homologues italiens.",
     {"Saint-Vallier": ("city", "FR", "26333"), "Drôme": ("departement", "FR", "FR-26")}),
    ("L'ambassadeur du Kazakhstan a visité les Vosges et rencontré des industriels lorrains.",
     {"Kazakhstan": ("country", "KZ", "KZ"), "Vosges": ("departement", "FR", "FR-88")}),
    ("Le maire de Marseille s'est rendu à Annaba, en Algérie, avec une délégation marseillaise.",
     {"Marseille": ("city", "FR", "13055"), "Annaba": ("city", "DZ", "2506999"),
      "Algérie": ("country", "DZ", "DZ")}),
    ("Des élus d'Ille-et-Vilaine ont pris l'avion pour Montréal et Québec.",
     {"Ille-et-Vilaine": ("departement", "FR", "FR-35"), "Montréal": ("city", "CA", "6077243"),
      "Québec": ("city", "CA", "6325494")}),
    ("Le Xinjiang et Astana sont sur la route de la soie entre la Chine et l'Europe.",
     {"Xinjiang": ("region", "CN", "CN-XJ"), "Astana": ("city", "KZ", "1526273"),
      "Chine": ("country", "CN", "CN"), "l'Europe": ("continent", None, "EU")}),
    # Valencia, not the Drôme town, when the sentence is about Spain.
    ("Les supporters ont rejoint Valence, troisième ville d'Espagne, avant le match contre Séville.",
     {"Valence": ("city", "ES", "2509954"), "Séville": ("city", "ES", "2510911")}),
    ("La région Grand Est et la Côte d'Ivoire ont signé un partenariat à Abidjan.",
     {"région Grand Est": ("region", "FR", "FR-GES"), "Côte d'Ivoire": ("country", "CI", "CI"),
      "Abidjan": ("city", "CI", "2293538")}),
    ("Une délégation de Pékin est arrivée à Londres après une escale à Alger et à Tunis.",
     {"Pékin": ("city", "CN", "1816670"), "Londres": ("city", "GB", "2643743"),
      "Alger": ("city", "DZ", "2507480"), "Tunis": ("city", "TN", "2464470")}),
    ("La Guadeloupe et La Réunion accueillent des investisseurs qataris.",
     {"Guadeloupe": ("region", "FR", "FR-971"), "La Réunion": ("region", "FR", "FR-974")}),
    # French press: with no country named, a French town wins over a larger foreign namesake...
    ("Le maire d'Orange a reçu une délégation de Laval.",
     {"Orange": ("city", "FR", "84087"), "Laval": ("city", "FR", "53130")}),
    # ... and a town of a country the text names wins over the French one.
    ("Le maire d'Orange, dans le Vaucluse, s'est rendu à Saint-Louis, au Sénégal.",
     {"Orange": ("city", "FR", "84087"), "Vaucluse": ("departement", "FR", "FR-84"),
      "Saint-Louis": ("city", "SN", "2246452"), "Sénégal": ("country", "SN", "SN")}),
    # The unit written right after a name places it: département number, département, country.
    ("Le maire de Saint-Vallier (26) a reçu le maire de Saint-Vallier (71) et celui de Valence (Drôme).",
     {"Saint-Vallier": ("city", "FR", "71486"), "Valence": ("city", "FR", "26362")}),
    ("Des délégués d'Amiens, Lille et Rouen sont partis pour Valence, en Espagne.",
     {"Amiens": ("city", "FR", "80021"), "Rouen": ("city", "FR", "76540"),
      "Valence": ("city", "ES", "2509954")}),
    # A demonym names who comes, not where the article stands.
    ("Une délégation espagnole a été reçue à Valence par le maire.", {"Valence": ("city", "FR", "26362")}),
    # A demonym that qualifies the town decides its country, for every mention of it.
    ("Tulle a reçu une délégation de la ville espagnole de Cuenca. Le jumelage sera signé à Cuenca.",
     {"Tulle": ("city", "FR", "19272"), "Cuenca": ("city", "ES", "3124132")}),
    ("Cuenca, ville espagnole de Castille, est jumelée avec Tulle.", {"Cuenca": ("city", "ES", "3124132")}),
    ("Les élus de Cuenca sont arrivés à Quito mardi.", {"Cuenca": ("city", "EC", "3658666")}),
    ("La cité sicilienne de Syracuse accueille les élus de Grasse.", {"Syracuse": ("city", "IT", "2523083")}),
    ("Traversée de l'Atlantique et escale dans le Sud-Ouest.",
     {"Atlantique": ("area", None, None), "Sud-Ouest": ("area", "FR", None)}),
])
def test_component_places(nlp, text, expected):
    doc = nlp(text)
    found = {ent.text: ent._.place and (ent._.place["kind"], ent._.place["country"], ent._.place["code"])
             for ent in doc.ents if ent.label_ == "LOC"}
    assert {name: found.get(name) for name in expected} == expected


# The text places a town itself: a country or region right after it, a demonym on the phrase before it.
@pytest.mark.parametrize("text, name, country", [
    ("Le maire de Périgueux a reçu une délégation de Cordoue, en Andalousie.", "Cordoue", "ES"),
    ("La ville argentine de Córdoba accueille des étudiants de Nancy.", "Córdoba", "AR"),
    ("Les élus de Vienne, en Autriche, ont visité Lyon.", "Vienne", "AT"),
    ("Le maire de Vienne, en Isère, a reçu ses homologues italiens.", "Vienne", "FR"),
    ("Des chercheurs de Cambridge, au Royaume-Uni, travaillent avec Rennes.", "Cambridge", "GB"),
    ("Une délégation de Saint-Denis, à La Réunion, est attendue à Nantes.", "Saint-Denis", "FR"),
    ("Une délégation de la ville mexicaine de Mérida est arrivée à Bordeaux.", "Mérida", "MX"),
    ("Les lycéens de Tripoli, au Liban, ont été accueillis à Marseille.", "Tripoli", "LB"),
    ("Mérida, capitale de l'Estrémadure, est jumelée avec une ville française.", "Mérida", "ES"),
    ("Le maire de Hamilton, au Canada, a visité Angers.", "Hamilton", "CA"),
    ("La cité portugaise de Braga et la ville de Tours ont signé un accord.", "Braga", "PT"),
    ("Les musiciens de Saint-Louis, au Sénégal, joueront à Lille.", "Saint-Louis", "SN"),
    ("Kumamoto et Vierzon envisagent un jumelage, annonce la préfecture japonaise.", "Kumamoto", "JP"),
    ("Une délégation espagnole de Cuenca a été reçue à Tulle.", "Cuenca", "ES"),
])
def test_town_placed_by_its_phrase(nlp_entities, text, name, country):
    doc = nlp_entities(text)
    assert [e._.place["country"] for e in doc.ents if e.text == name][:1] == [country]


@pytest.mark.parametrize("text, expected", [
    ("Une délégation chinoise de Zhengzhou a été reçue à Amiens.", [("chinoise", "CN", "country")]),
    ("Les hôtes polonais ont goûté la cuisine kazakhe.", [("polonais", "PL", "country"),
                                                        ("kazakhe", "KZ", "country")]),
    ("Les entreprises vosgiennes exportent vers la Chine.", [("vosgiennes", "FR", "departement")]),
    ("Le maire a reçu une délégation marseillaise et des élus amiénois.",
     [("marseillaise", "FR", "city"), ("amiénois", "FR", "city")]),
    ("Le ministre ivoirien a rencontré des industriels lorrains.",
     [("ivoirien", "CI", "country"), ("lorrains", "FR", "region")]),
    # A place name that is also an adjective stays a place.
    ("L'industrie de Lorraine se porte bien.", []),
])
def test_component_demonyms(nlp, text, expected):
    doc = nlp(text)
    found = [(s.text, s.label_, s._.place["kind"]) for s in doc.spans["demonyms"]]
    assert found == expected


def test_each_namesake_placed_by_its_departement_number(nlp):
    doc = nlp("Le maire de Saint-Vallier (26) a reçu le maire de Saint-Vallier (71).")
    assert [e._.place["code"] for e in doc.ents if e.text == "Saint-Vallier"] == ["26333", "71486"]


def test_compound_demonym_names_both_countries(nlp):
    doc = nlp("La chambre de commerce franco-britannique a reçu l'ambassadeur à Caen.")
    (span,) = [s for s in doc.spans["demonyms"] if s.text == "franco-britannique"]
    assert [p["country"] for p in span._.places] == ["FR", "GB"]
    assert span.label_ == "GB" and span._.place["country"] == "GB"


# -- data and serialisation ----------------------------------------------------------------------------
@pytest.mark.parametrize("masculine, feminine, forms", [
    ("vosgien", None, {"vosgien", "vosgienne", "vosgiens", "vosgiennes"}),
    ("chinois", None, {"chinois", "chinoise", "chinoises"}),
    ("belge", None, {"belge", "belges"}),
    ("manceau", None, {"manceau", "mancelle", "manceaux", "mancelles"}),
    ("provençal", None, {"provençal", "provençale", "provençaux", "provençales"}),
    ("breton", None, {"breton", "bretonne", "bretons", "bretonnes"}),
    ("grec", "grecque", {"grec", "grecque", "grecs", "grecques"}),
])
def test_inflections(masculine, feminine, forms):
    assert inflections(masculine, feminine) == forms


def test_tables_name_real_codes():
    tables = read_tables(MODELS_DIR / "places")
    codes = [row["code"] for row in tables["names.tsv"] if row["code"] and "-" in row["code"]]
    assert [c for c in codes if pycountry.subdivisions.get(code=c) is None] == []
    gaz = default_gazetteer()
    assert [code for code, (_, seat) in gaz.admin_context.items() if seat is None] == []


def test_round_trip(nlp, tmp_path):
    pipe = nlp.get_pipe("presse_places")
    pipe.to_disk(tmp_path / "places")
    restored = PlacesComponent(nlp, "presse_places").from_disk(tmp_path / "places")
    assert restored.tables == pipe.tables
    assert PlacesComponent(nlp, "presse_places").from_bytes(pipe.to_bytes()).tables == pipe.tables
    text = "Le maire de Saint-Vallier, dans la Drôme, a reçu une délégation polonaise."
    expected = nlp(text)
    with nlp.select_pipes(disable=["presse_places"]):
        doc = restored(nlp(text))
    assert [e._.place for e in doc.ents] == [e._.place for e in expected.ents]
    assert [(s.text, s._.place) for s in doc.spans["demonyms"]] == \
        [(s.text, s._.place) for s in expected.spans["demonyms"]]


# -- every French commune, with its INSEE code -------------------------------------------------------
@pytest.mark.parametrize("name, code", [
    ("Damblain", "88123"),  # 250 inhabitants: below GeoNames' threshold
    ("Saint-Ouen-lès-Parey", "88430"),
    ("Bavilliers", "90008"),  # in GeoNames too: the INSEE code, GeoNames' coordinates
    ("Arbignieu", "01015"),  # a former commune, now part of a commune nouvelle
])
def test_french_commune_gets_its_insee_code(name, code):
    gazetteer = gazetteer_for(read_tables(MODELS_DIR / "places"), small_communes=True)
    place = gazetteer.resolve(name)
    assert (place["kind"], place["country"], place["code"]) == ("city", "FR", code)
    assert default_gazetteer().is_commune(name)


def test_small_communes_resolve_only_when_asked():
    assert resolve_place("Damblain") is None  # GeoNames lacks it; the default gazetteer keeps to GeoNames
    assert resolve_place("Bavilliers")["code"] == "90008"
    assert not default_gazetteer().is_commune("Kumamoto")


def test_commune_table_rows_are_well_formed():
    rows = read_tables(MODELS_DIR / "places")["fr_communes.tsv"]
    assert len(rows) > 34_000
    for row in rows:
        assert re.fullmatch(r"\d[\dAB]\d{3}", row["insee"]), row
        assert row["insee"].startswith(row["dep"][:2]) and row["name"].strip() == row["name"], row
