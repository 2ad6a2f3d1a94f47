"""presse_places: countries, territories, towns and demonyms resolved to codes, on sentences written for presse."""
import gettext
import re
import pycountry
import pytest

from pipeline.components.places import (
    capital_place,
    PlacesComponent,
    country_code,
    packaged_gazetteer,
    gazetteer_for,
    inflections,
    resolve_place,
)
from casetables import case_rows
from pipeline.countrynames import packaged_country_names
from pipeline.nlp import build_nlp
from pipeline.tables import MODELS_DIR, read_tables
from pipeline.text import fold, place_key


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
# places_world.jsonl: every country by its French names, a country's short name beating a namesake town
@pytest.mark.parametrize("name, kind, country, code",
                         case_rows("places_resolve.jsonl", ('name', 'kind', 'country', 'code'))
                         + case_rows("places_world.jsonl", ('name', 'kind', 'country', 'code')))
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


@pytest.mark.parametrize("name, context, country, code",
                         case_rows("places_resolve_in_context.jsonl", ('name', 'context', 'country', 'code')))
def test_resolve_place_with_context_country(name, context, country, code):
    place = resolve_place(name, context)
    assert (place["country"], place["code"]) == (country, code)


# -- the component on sentences ---------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", case_rows("places_component.jsonl", ('text', 'expected')))
def test_component_places(nlp, text, expected):
    doc = nlp(text)
    found = {ent.text: ent._.place and (ent._.place["kind"], ent._.place["country"], ent._.place["code"])
             for ent in doc.ents if ent.label_ == "LOC"}
    assert {name: found.get(name) for name in expected} == {name: v and tuple(v) for name, v in expected.items()}


# The text places a town itself: a country or region right after it, a demonym on the phrase before it.
@pytest.mark.parametrize("text, name, country",
                         case_rows("places_placed_by_phrase.jsonl", ('text', 'name', 'country')))
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
    # A region named like a town's people is the region only after its article.
    ("Les Vendômois ont accueilli des élus du Vendômois.", [("Vendômois", "FR", "city")]),
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
    gaz = packaged_gazetteer()
    assert [code for code, (_, seat) in gaz.admin_context.items() if seat is None] == []


def test_regions_table_adds_names_with_real_codes():
    tables = read_tables(MODELS_DIR / "places")
    rows = tables["regions.tsv"]
    assert [r["code"] for r in rows if r["code"] and pycountry.subdivisions.get(code=r["code"]) is None] == []
    curated = {place_key(r["name"]) for r in tables["names.tsv"]}
    assert [r["name"] for r in rows if place_key(r["name"]) in curated] == []


@pytest.mark.parametrize("row", read_tables(MODELS_DIR / "places")["regions.tsv"], ids=lambda r: r["name"])
def test_every_region_resolves_to_itself(row):
    """Each region of regions.tsv is its own first reading where its article sets it ("le Bordelais")."""
    place = packaged_gazetteer().choose(row["name"], article=True).as_dict()
    assert (place["name"], place["kind"], place["country"], place["code"]) == \
        (row["name"], row["kind"], row["country"], row["code"])


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
    assert packaged_gazetteer().is_commune(name)


def test_small_communes_resolve_only_when_asked():
    assert resolve_place("Damblain") is None  # GeoNames lacks it; the default gazetteer keeps to GeoNames
    assert resolve_place("Bavilliers")["code"] == "90008"
    assert not packaged_gazetteer().is_commune("Kumamoto")


def test_commune_table_rows_are_well_formed():
    rows = read_tables(MODELS_DIR / "places")["fr_communes.tsv"]
    assert len(rows) > 34_000
    for row in rows:
        assert re.fullmatch(r"\d[\dAB]\d{3}", row["insee"]), row
        assert row["insee"].startswith(row["dep"][:2]) and row["name"].strip() == row["name"], row


# -- every country by its French names; demonyms of every country (models/places/*_world.tsv) -----------
def _country_names():
    """(name, code) of every French name of a country: pycountry's and names_world.tsv's."""
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    overseas = packaged_gazetteer().overseas  # French territories are regions of France here
    names = {(french.gettext(getattr(c, attr)), c.alpha_2) for c in pycountry.countries
             for attr in ("common_name", "name", "official_name") if hasattr(c, attr) and c.alpha_2 not in overseas}
    names |= {(row["name"], row["country"]) for row in read_tables(MODELS_DIR / "places")["names_world.tsv"]}
    return sorted(names)


def test_every_country_name_resolves_to_its_country():
    wrong = [(name, code, resolve_place(name)) for name, code in _country_names()
             if (resolve_place(name) or {}).get("country") != code or resolve_place(name)["kind"] != "country"]
    assert wrong == []


def test_every_demonym_names_its_country():
    tables = read_tables(MODELS_DIR / "places")
    hand = {fold(form) for row in tables["demonyms.tsv"] for form in inflections(row["form"], row["feminine"])}
    first = {}  # a form two countries share reads first as the first row's (the more populous)
    for row in tables["demonyms_world.tsv"]:
        for form in inflections(row["form"], row["feminine"]):
            first.setdefault(fold(form), row["country"])
    wrong = [(form, country, country_code(form)) for form, country in first.items()
             if form not in hand and country_code(form) != country]
    assert wrong == []
    # the hand table wins on a form both give
    assert [row["form"] for row in tables["demonyms.tsv"]
            if not row["place"] and country_code(row["form"]) != row["country"]] == []


def test_country_names_without_the_gazetteer_agree_with_it():
    """`presse query` reads country names with `countrynames` alone: the gazetteer must read them alike."""
    tables = read_tables(MODELS_DIR / "places")
    names = packaged_country_names()
    gaz = packaged_gazetteer()
    texts = {name for iso in names.iso.values() for name in iso}
    texts |= {row["name"] for row in tables["names.tsv"] if row["kind"] == "country"}
    texts |= {row["name"] for row in tables["names_world.tsv"]}
    forms = {form for table in ("demonyms.tsv", "demonyms_world.tsv") for row in tables[table]
             for form in inflections(row["form"], row["feminine"])}
    assert len(texts) > 400 and len(forms) > 1000
    assert [(text, names.code(text), gaz.country_code(text)) for text in sorted(texts | forms)
            if names.code(text) is None or names.code(text) != gaz.country_code(text)] == []
    # and the gazetteer files that country under each name
    assert [text for text in sorted(texts) if names.code(text) not in
            {c.country for c in gaz.entries.get(place_key(text), ()) if c.place[2] == "country"}] == []


@pytest.mark.parametrize("text, expected", [
    ("Le ministre congolais a été reçu à Lille.", [("congolais", "CD", "country")]),
    ("Des étudiantes bhoutanaises et une chercheuse salvadorienne ont visité l'usine.",
     [("bhoutanaises", "BT", "country"), ("salvadorienne", "SV", "country")]),
])
def test_world_demonyms_in_sentences(nlp, text, expected):
    doc = nlp(text)
    assert [(s.text, s.label_, s._.place["kind"]) for s in doc.spans["demonyms"]] == expected


def test_compound_demonym_with_a_world_demonym():
    gaz = packaged_gazetteer()
    assert [c.country for c in gaz.compound_demonym("franco-congolais")] == ["FR", "CD"]
    assert [c.country for c in gaz.compound_demonym("sino-bhoutanais")] == ["CN", "BT"]


# -- common nouns that also name small foreign towns (models/places/common_nouns.tsv) -----------------
@pytest.mark.parametrize("name", ["Mission", "Forum", "Accord", "Échelon"])
def test_common_noun_is_no_foreign_town_by_itself(name):
    assert resolve_place(name) is None


@pytest.mark.parametrize("text, expected", [
    ("Le maire de Lorient a signé un jumelage à Mission, au Texas.", {"Lorient": "FR", "Mission": "US", "Texas": "US"}),
    ("Le maire de Lorient a signé un jumelage avec Mission, au Texas.", {"Lorient": "FR", "Mission": "US", "Texas": "US"}),
    ("Le maire de Lorient a visité une usine à Mission.", {"Lorient": "FR", "Mission": "US"}),
    ("Mission accomplie pour le maire de Lorient.", {"Lorient": "FR", "Mission": None}),
])
def test_common_noun_is_a_town_where_the_text_places_it(nlp, text, expected):
    """The NER rarely marks such a word LOC: here it is marked by hand, as the words of `expected`."""
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(text.index(name), text.index(name) + len(name), label="LOC") for name in expected]
    doc = nlp.get_pipe("presse_places")(doc)
    assert {e.text: e._.place and e._.place["country"] for e in doc.ents} == expected


def test_common_nouns_table_is_lower_case_words():
    rows = read_tables(MODELS_DIR / "places")["common_nouns.tsv"]
    assert len(rows) > 500 and [r["word"] for r in rows if not (r["word"].isalpha() and r["word"].islower())] == []


@pytest.mark.parametrize("text, country", [
    ("Le ministre congolais a été reçu à Lille.", "CD"),  # the more populous of the two Congos
    ("Arrivé à Brazzaville, le ministre congolais a reçu les industriels lillois.", "CG"),
    ("Le ministre congolais, venu de Kinshasa, a été reçu à Lille.", "CD"),
])
def test_shared_demonym_named_by_the_documents_places(nlp, text, country):
    doc = nlp(text)
    assert [s.label_ for s in doc.spans["demonyms"] if s.text == "congolais"] == [country]


def test_shared_demonym_in_a_compound(nlp):
    doc = nlp("À Brazzaville, le forum sino-congolais a réuni des industriels.")
    (span,) = [s for s in doc.spans["demonyms"] if s.text == "sino-congolais"]
    assert [p["country"] for p in span._.places] == ["CN", "CG"] and span.label_ == "CG"


# -- capitals (models/places/capitals_world.tsv, capitals.tsv): "la capitale sénégalaise" ------------------
@pytest.mark.parametrize("country, kind, name", case_rows("places_capitals.jsonl", ("country", "kind", "name")))
def test_capital_named_in_french(country, kind, name):
    place = capital_place(country, kind)
    assert (place["name"], place["country"], place["kind"]) == (name, country, "city") and place["geonames_id"]


def test_every_country_with_a_capital_in_geonames_has_one():
    rows = read_tables(MODELS_DIR / "places")["capitals_world.tsv"]
    assert len(rows) > 200 and all(capital_place(r["country"]) for r in rows)
