"""The spaCy component presse_places: places and demonyms of a Doc resolved through the gazetteer."""
from __future__ import annotations

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from ...text import fold, place_key
from .. import press_country
from ..base import Field, TableComponent
from .context import Candidate, PlaceContext
from .gazetteer import REGION_ARTICLES
from .shared import gazetteer_for, set_pipeline_gazetteer

if not Span.has_extension("place"):
    # The place a LOC entity or a demonym names: {name, country, kind, code, geonames_id, lat, lon} or None.
    Span.set_extension("place", default=None)
if not Span.has_extension("places"):
    # Every place a demonym names: two for "franco-britannique" (France, then the head, United Kingdom).
    Span.set_extension("places", default=None)

DEMONYMS_KEY = "demonyms"
# Words between a town and the unit that places it: "Annaba, en Algérie", "Saint-Vallier (Drôme)".
_QUALIFIER_WORDS = {",", "(", "en", "au", "aux", "à", "dans", "le", "la", "les", "l'", "l’"}
# Nouns of a settlement that a demonym qualifies: "la ville espagnole de Cuenca", "Syracuse, cité sicilienne".
_OF = {"de", "du", "des", "d'", "d’"}
# Prepositions that set the next name as a place ("à Salon", "en Orange"), which a common noun needs to be a town.
_PLACE_PREPOSITIONS = {"à", "en"}
_SETTLEMENT_NOUNS = {"ville", "villes", "cité", "commune", "capitale", "port", "région", "province", "village",
                     "métropole", "localité", "bourg", "station", "île", "agglomération", "préfecture"}
# Nouns of a unit inside a country: the name after "la province de" is that unit, never a country ("la
# province de Luxembourg" is Belgian, "la région de Guinée forestière" no country of its own).
_UNIT_NOUNS = {"province", "région", "département", "wilaya", "gouvernorat", "comté", "canton"}


class PlacesComponent(TableComponent):
    """Sets `Span._.place` on LOC entities and fills `doc.spans["demonyms"]` (label: the country).

    Places that name themselves unambiguously (countries, regions, départements, towns without a
    namesake) are read first; they give the context (countries, regions, points) that decides
    between namesakes such as the two Saint-Vallier, or Valence (Drôme) and Valencia.
    """

    READINGS_KEPT = 200_000  # distinct token texts whose demonym readings are remembered
    TABLES = ("fr_admin.tsv", "fr_communes.tsv", "names.tsv", "regions.tsv", "names_world.tsv", "demonyms.tsv",
              "demonyms_world.tsv", "not_places.tsv", "common_nouns.tsv", "capitals_world.tsv", "capitals.tsv")
    SPECS = {"capitals.tsv": {"country": Field(str, required=True), "name": Field(str, required=True),
                              "geonames": Field(str, required=True),
                              "kind": Field(str, required=True, values={"capital", "economic", "usual"})},
             "capitals_world.tsv": {"country": Field(str, required=True), "name": Field(str, required=True),
                                    "geonames": Field(str, required=True)},
             "regions.tsv": {"name": Field(str, required=True), "kind": Field(str, required=True,
                                                                            values={"region", "area"}),
                             "country": Field(str, required=True), "code": Field(str)}}

    def __init__(self, nlp: Language, name: str, home_country: str | None = "FR", small_communes: bool = False):
        super().__init__(nlp, name)
        self.home_country = home_country
        self.small_communes = small_communes

    def compile(self) -> None:
        self.gazetteer = gazetteer_for(self.tables, self.small_communes)
        # What the other components read: the same tables, towns GeoNames knows whatever `small_communes` says.
        self.lookup = gazetteer_for(self.tables)
        set_pipeline_gazetteer(self.lookup)
        self._readings_by_orth: dict[int, list[Candidate]] = {}  # `_demonyms`: token text hash -> readings

    def __call__(self, doc: Doc) -> Doc:
        gaz = self.gazetteer
        locs = [ent for ent in doc.ents if ent.label_ == "LOC"]
        demonyms = self._demonyms(doc)
        context = PlaceContext(home=press_country(doc) or self.home_country)
        for _, cands in demonyms:
            context.demonym_countries.update(c.country for c in cands if c.country)
        for ent in locs:
            if gaz.is_clear(ent.text):
                gaz.add_context(context, gaz.choose(ent.text))
        # A name placed by its own words ("la ville espagnole de Cuenca", "Valence (Drôme)") keeps that
        # reading in its other mentions: one article speaks of one Cuenca.
        locals_ = [self._qualifier(doc, ent, following) for ent, following in zip(locs, locs[1:] + [None])]
        placed: dict[str, Candidate] = {}
        for ent, local in zip(locs, locals_):
            if local is not None and place_key(ent.text) not in placed:
                cand = gaz.choose(ent.text, context, local)
                if cand is not None:
                    placed[place_key(ent.text)] = cand
                    gaz.add_context(context, cand)
        for ent, local in zip(locs, locals_):
            cand = placed.get(place_key(ent.text)) if local is None else None
            marked = ent.start > 0 and doc[ent.start - 1].lower_ in _PLACE_PREPOSITIONS
            cand = cand or gaz.choose(ent.text, context, local, marked, self._article(doc, ent)) \
                or self._whole_name(doc, ent, context)
            names = self._unit_names(doc, ent) if cand is not None and cand.place[2] == "country" else ()
            # "la province de Luxembourg" is Belgian: a unit of that name, as its table writes it or bare
            cand = next((c for name in names for c in gaz.rank(name, context)
                         if c.place[2] in ("region", "departement")), cand)
            ent._.place = cand.as_dict() if cand else None
        named = {ent._.place["country"] for ent in locs if ent._.place}
        group = doc.spans.setdefault(DEMONYMS_KEY, [])
        for span, cands in map(lambda found: self._shared_reading(*found, named), demonyms):
            span._.places = [c.as_dict() for c in cands]
            span._.place = span._.places[-1]
            group.append(span)
        return doc

    def _whole_name(self, doc: Doc, ent: Span, context: PlaceContext) -> Candidate | None:
        """A name the entity cuts short at a hyphen ("Addis-Abeba" read as "Abeba", "Tanger-Tétouan-Al
        Hoceïma" as "Tanger-Tétouan-Al"): the reading of the whole hyphenated name, with at most two
        capitalised words after it, the longest that names a region or town."""
        start, end = ent.start, ent.end
        while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
                and not doc[start - 2].whitespace_ and doc[start - 2].text[:1].isupper():
            start -= 2
        while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper():
            end += 2
        last = end
        while last < min(end + 2, len(doc)) and doc[last].text[:1].isupper() and doc[last].text.isalpha():
            last += 1
        if (start, last) == (ent.start, ent.end):
            return None
        for stop in range(last, end - 1, -1):
            cand = self.gazetteer.choose(doc[start:stop].text, context)
            if cand is not None and cand.place[2] in ("region", "departement", "city"):
                return cand
        return None

    @staticmethod
    def _unit_names(doc: Doc, ent: Span) -> tuple[str, ...]:
        """"la province du Luxembourg", "[province de Luxembourg]": when a unit noun and "de" open the
        name, the unit's name with its noun ("province de Luxembourg") and bare ("Luxembourg"), the two
        ways a table writes a unit; else none."""
        words = list(doc[max(ent.start - 2, 0):ent.start]) + list(ent[:2])
        for a, b in zip(words, words[1:]):
            if a.lower_ in _UNIT_NOUNS and b.lower_ in _OF and b.i + 1 < ent.end:
                name = doc[b.i + 1:ent.end].text
                return f"{a.lower_} de {name}", name
        return ()

    @staticmethod
    def _article(doc: Doc, ent: Span) -> bool:
        return ent.start > 0 and fold(doc[ent.start - 1].text) in REGION_ARTICLES

    def _shared_reading(self, span: Span, cands: list[Candidate],
                        named: set[str]) -> tuple[Span, list[Candidate]]:
        """A demonym several countries share ("congolais", "sino-congolais") names the one the document's
        places name."""
        parts = fold(span.text).split("-")
        if len(parts) != len(cands):
            return span, cands
        shared = self.gazetteer.shared_demonyms
        chosen = [next((c for c in shared.get(part, ()) if c.country in named), cand)
                  for part, cand in zip(parts, cands)]
        if chosen == cands:
            return span, cands
        return Span(span.doc, span.start, span.end, label=chosen[-1].country or ""), chosen

    def _qualifier(self, doc: Doc, ent: Span, following: Span | None) -> PlaceContext | None:
        """The unit the text sets right after a name: "Annaba, en Algérie", "Valence (Drôme)", "(26)";
        or the demonym of the phrase around it: "la ville espagnole de Cuenca", "Cuenca, ville espagnole"."""
        gaz = self.gazetteer
        demonym, settlement = self._demonym_qualifier(doc, ent)
        if demonym is not None:
            return gaz.add_context(PlaceContext(strict=settlement), demonym)
        if ent.end >= len(doc) or doc[ent.end].text not in (",", "("):
            return None  # both readings below open on the token after the name
        after = doc[ent.end:ent.end + 3]
        if len(after) == 3 and after[0].text == "(" and after[2].text == ")":
            code = f"FR-{after[1].text.upper()}"
            if after[1].text[:1].isdigit() and code in gaz.admin_context:
                area, seat = gaz.admin_context[code]
                return PlaceContext(countries={"FR"}, areas={area}, points=[seat] if seat else [])
        if following is None:
            return None
        between = doc[ent.end:following.start]
        # "Annaba, en Algérie", "Mérida, capitale de l'Estrémadure": a settlement noun may take "de"
        words = _QUALIFIER_WORDS | (_SETTLEMENT_NOUNS | _OF if any(t.lower_ in _SETTLEMENT_NOUNS for t in between)
                                    else set())
        if not (0 < len(between) <= 4 and between[0].text in (",", "(") and all(t.lower_ in words for t in between)):
            return None
        # the unit's reading as a unit: "Londres, dans l'Ontario" is the province, not a Californian town
        unit = next((c for c in gaz.rank(following.text) if c.place[2] in ("country", "region", "departement")),
                    None)
        if unit is None:
            return None  # "Amiens, Lille et Rouen" is a list, not a town and its unit
        return gaz.add_context(PlaceContext(strict=True), unit)

    def _demonym_qualifier(self, doc: Doc, ent: Span) -> tuple[Candidate | None, bool]:
        """The place of a demonym that qualifies the name, and whether it qualifies a settlement noun:
        "<noun> espagnole de Cuenca" before it ("la ville espagnole de", "une délégation espagnole de"),
        ", <noun> espagnole" right after it."""
        gaz = self.gazetteer
        # the cheapest test first: the word next to the name
        if ent.start >= 3 and doc[ent.start - 1].lower_ in _OF:
            before = doc[ent.start - 3:ent.start]
            if before[0].is_lower and before[1].is_lower:
                cand = gaz.demonym(before[1].text)
                if cand is not None:
                    return cand, before[0].lower_ in _SETTLEMENT_NOUNS
        if ent.end + 3 <= len(doc) and doc[ent.end].text == ",":
            after = doc[ent.end:ent.end + 4]
            if after[1].lower_ in _SETTLEMENT_NOUNS and after[2].is_lower:
                return gaz.demonym(after[2].text), True
        return None, False

    def _demonyms(self, doc: Doc) -> list[tuple[Span, list[Candidate]]]:
        """Demonym tokens outside person names and outside longer place names ("Polynésie française")."""
        gaz = self.gazetteer
        blocked = set()
        for ent in doc.ents:
            # A place name that is also an adjective ("Lorraine") is the place; a LOC that is only a
            # demonym ("les Sud-Africains") stays a demonym.
            if ent.label_ == "PER" or (ent.label_ == "LOC" and gaz.names_place(ent.text, self._article(doc, ent))):
                blocked.update(range(ent.start, ent.end))
        # a token's readings depend on its text only: remembered by the text's hash, across docs
        readings = self._readings_by_orth
        if len(readings) > self.READINGS_KEPT:
            readings.clear()
        strings = doc.vocab.strings
        found = []
        for i, orth in enumerate(doc.to_array(ORTH).tolist()):
            cands = readings.get(orth)
            if cands is None:
                cands = readings[orth] = self._demonym_readings(strings[orth])
            if cands and i not in blocked:
                found.append((Span(doc, i, i + 1, label=cands[-1].country or ""), list(cands)))
        return found

    def _demonym_readings(self, text: str) -> list[Candidate]:
        """The places a word names as a demonym, one or one per part of a compound ("franco-allemand")."""
        if not (text.isalpha() or "-" in text):
            return []
        single = self.gazetteer.demonym(text)
        return [single] if single else self.gazetteer.compound_demonym(text)


@Language.factory("presse_places", default_config={"home_country": "FR", "small_communes": False},
                  assigns=["span._.place", "span._.places", "doc.spans"], requires=["doc.ents"])
def make_places(nlp: Language, name: str, home_country: str | None, small_communes: bool) -> PlacesComponent:
    """`home_country`: the country of the press read, whose towns win over smaller foreign namesakes.
    `small_communes`: also resolve the French communes GeoNames lacks (mostly under 500 people), with their
    INSEE code and no coordinates.  Off by default: measured on the blind gold, events then makes a visit
    of each stop of a tour in such a commune (visits F1 0.811 -> 0.789).  Towns GeoNames knows get their
    INSEE code either way."""
    return PlacesComponent(nlp, name, home_country, small_communes)
