"""Sites stage: the place the press names for a stop without a place phrase of its own.

- an institution named by its noun and a town, alone or numbered ("l'université Alger 1", "le CHU
  Toulouse", a numbered university the NER read as a person): that town; a town after "à" the NER
  read as a person ("à Hassi Messaoud"): a place;
- a seat most countries have ("la Présidence de la République", "la Primature", "le palais
  présidentiel"): in the country its own complement names ("de la République du Sénégal", "de
  Koulouba"), else the one country the places a preposition introduces in its sentence name ("reçu à
  la Primature par son homologue, à Ouagadougou"), else the host's people ("par le président
  camerounais"); a seat whose name goes on to a town ("le palais présidentiel de Yaoundé"): that town;
- the names the press gives a town or a country (periphrases.tsv: "la Ville rose", "le pays du
  Cèdre") and a region's capital by its adjective (region_capitals.tsv: "la capitale bavaroise" is
  Munich, not Berlin);
- a country's stops that a stage noun introduces ("La première étape de la mission, à Namur");
- a commune or quarter no gazetteer knows that a town places right after it ("la commune de Cocody,
  à Abidjan"): a part of that town, finer;
- the host's town past the unit nouns of his title ("le gouverneur de la région de Thiès");
- an ambassador's town that is no capital: no posting, where he is received ("l'ambassadeur du
  Japon à Rouen"; a consul sits anywhere).
"""
from __future__ import annotations

from functools import lru_cache

from ...tables import MODELS_DIR, read_table
from ...text import KeyOpenings, place_key
from ..countries import Mention, fold, resolve
from ..places import capital_place

_OF = ("de", "du", "des", "d'", "d’")


@lru_cache(maxsize=1)
def periphrasis_rows() -> list[dict]:
    return read_table(MODELS_DIR / "places" / "periphrases.tsv")


@lru_cache(maxsize=1)
def periphrases() -> dict[str, tuple[str, str]]:
    """"ville rose" -> ("Toulouse", "FR"): models/places/periphrases.tsv by key."""
    return {place_key(r["phrase"]): (r["place"], r["country"]) for r in periphrasis_rows()}


@lru_cache(maxsize=4)
def periphrasis_length(nlp) -> int:
    """The most tokens a periphrasis of periphrases.tsv takes as `nlp` splits it, its article off."""
    return max((len(nlp.make_doc(r["phrase"])) for r in periphrasis_rows()), default=0)


@lru_cache(maxsize=1)
def periphrasis_openings() -> KeyOpenings:
    return KeyOpenings(periphrases())


@lru_cache(maxsize=1)
def region_capitals() -> dict[tuple[str, str], str]:
    """("bavière", "DE") -> "Munich": models/places/region_capitals.tsv by region key and country."""
    return {(place_key(r["region"]), r["country"]): r["capital"]
            for r in read_table(MODELS_DIR / "places" / "region_capitals.tsv")}


# The nouns of a trip a stage noun may take as its complement: "la première étape de la mission, à".
_TRIP_NOUNS = frozenset({"mission", "visite", "séjour", "tournée", "voyage", "périple", "déplacement", "délégation"})
# The nouns of a town's unit between a host's title and the town: "le gouverneur de la région de Thiès".
_UNIT_NOUNS = frozenset({"région", "commune", "ville", "province", "wilaya", "département", "district",
                         "préfecture", "municipalité", "canton", "gouvernorat", "comté", "arrondissement", "cercle"})
# The nouns of a part of a town: "la commune de Cocody, à Abidjan", "le quartier de Ngor, à Dakar".
_QUARTERS = frozenset({"commune", "quartier", "arrondissement", "district", "faubourg", "banlieue", "secteur"})
_NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")


class SiteStage:
    """Mixin of PlaceStage: where a visited institution lies when its own words say it."""

    def site_town(self, m: Mention) -> Mention:
        """A town after "à" the NER read as a person's name ("à Hassi Messaoud"); an institution with no place
        of its own whose name is its noun and a town, alone or numbered
        ("l'université Constantine 3", "le CHU Toulouse", "l'université X Y Sétif 2"): the mention with
        that town's place; else `m` as it is.  The noun may stand outside a name the NER read as a
        person's ("l'université [Mohamed Lamine Debaghine Sétif] 2"), which then needs the number."""
        doc = self.doc
        if m.kind == "person" and not m.title and m.start > 0 and doc[m.start - 1].lower_ == "à" \
                and (m.end - m.start > 1 or "-" in m.text):  # one word may be a surname ("dîner à Mandela")
            place = resolve(m.text, self.v.home)  # "à Hassi Messaoud" the NER read as a person's name
            if place and place.get("country") and place.get("kind") == "city":
                return Mention(m.start, m.end, "place", m.text, "LOC", place["country"], place)
        if m.kind == "org" and not m.place and m.end - m.start >= 2:
            noun, run = doc[m.start], doc[m.start + 1:m.end]
        elif m.kind == "person" and m.start > 0:
            noun, run = doc[m.start - 1], doc[m.start:m.end]
        else:
            return m
        if any(x.kind == "place" and x.country for x in self.v.mentions_in(range(m.end, m.end + 4))):
            return m  # "l'université Laval, à Québec": the town named beside it says where it is
        end = m.end
        numbered = end < len(doc) and (doc[end].like_num or doc[end].text in _NUMERALS)
        if len(run) > 1 and (run[-1].like_num or run[-1].text in _NUMERALS):  # "[université Lyon 1]"
            run, end, numbered = run[:-1], end - 1, True
        if not noun.is_lower or noun.pos_ != "NOUN" or self.comp.party_kind.get(noun.lemma_.lower()) \
                or not all(t.text[:1].isupper() or t.text == "-" for t in run):
            return m
        if not numbered and m.kind == "person":
            return m
        # the whole run, else (only when a number follows it) the town that ends it
        for k in [0] + (list(range(max(len(run) - 3, 1), len(run))) if numbered else []):
            if run[k].text == "-":
                continue
            place = resolve(doc[run[k].i:end].text, self.v.home)
            if place and place.get("country") and place.get("kind") == "city":
                return Mention(noun.i, m.end, "org", doc[noun.i:m.end].text, "ORG", place["country"], place,
                               None, True)
        return m

    def seat_country(self, m: Mention, end: int) -> str | None:
        """The country of a seat most countries have (`m`, ending at token `end`), as its sentence tells it:
        its own complement, the one country the places a preposition introduces in the sentence name, the
        host's people; None when the sentence does not say."""
        doc = self.doc
        unit = self.v.unit(m.start)
        if end < unit.end and doc[end].lower_ in _OF:  # "la Présidence de la République du Sénégal"
            k = end + 1
            while k < unit.end and doc[k].pos_ == "DET":
                k += 1
            named = next((x for x in self.v.mentions_in(range(m.start, min(k + 2, unit.end)))
                          if x.start <= k < x.end and x.country and x.kind in ("place", "org")), None)
            if named is not None:
                return named.country
            j = self.seat_after(k - 1)
            seat = self.comp.seats[place_key(self.v.span_text(k, j))] if j is not None and j <= unit.end else None
            if seat:  # "le palais présidentiel de Koulouba"
                return seat
        placed = set()
        for x in self.v.mentions_in(range(unit.start, unit.end)):
            if x.kind != "place" or not x.country or m.start <= x.start < end:
                continue
            k = x.start - 1
            while k > unit.start and doc[k].pos_ == "DET":
                k -= 1
            if doc[k].lower_ in self.comp.prepositions:
                placed.add(x.country)
        if len(placed) == 1:  # "reçu à la Primature par son homologue, à Ouagadougou"
            return placed.pop()
        if placed:
            return None
        hosts = {x.country for x in self.v.mentions_in(range(end, unit.end)) if x.kind == "demonym" and x.country
                 and x.start > 0 and self.comp.party_kind.get(doc[x.start - 1].lemma_.lower()) in ("person", "counterpart")}
        return hosts.pop() if len(hosts) == 1 else None  # "par son homologue camerounais"

    def periphrasis_after(self, i: int) -> Mention | None:
        """"dans la Ville rose", "au pays du Cèdre", "a visité la cité phocéenne": the town or country a
        name of periphrases.tsv right after token `i` (a preposition or a verb, then an article) stands for;
        once per position (every candidate of a sentence reads its prepositions). The mention is shared:
        callers must not change it."""
        return self.v.unit_fact(f"periphrasis@{i}", self.v.unit(i), lambda _: self.find_periphrasis(i))

    def find_periphrasis(self, i: int) -> Mention | None:
        doc, table = self.doc, periphrases()
        start = i + 1
        if start < len(doc) and doc[start].pos_ == "DET":
            start += 1
        last = min(start + periphrasis_length(self.comp.nlp), len(doc))
        if last <= start or not periphrasis_openings().opens(place_key(self.v.span_text(start, last))):
            return None  # no periphrasis opens on these words
        for j in range(last, start, -1):
            found = table.get(place_key(self.v.span_text(start, j)))
            if found:
                place = resolve(found[0], found[1])
                if place and place.get("country") == found[1]:
                    return Mention(i + 1, j, "place", place["name"], "LOC", found[1], place)
        return None

    def region_capital(self, demonym: Mention, start: int, end: int) -> Mention | None:
        """"la capitale bavaroise", "la capitale québécoise", "la capitale genevoise": a region's or a town's
        adjective names that place's capital (region_capitals.tsv) or the town itself, not the country's
        capital; a region whose capital the table does not give is the place named."""
        own = demonym.place or {}
        if own.get("kind") in ("city",):
            town = own
        else:
            name = region_capitals().get((place_key(own.get("name") or ""), demonym.country))
            town = resolve(name, demonym.country) if name else None
            if not town or town.get("country") != demonym.country:
                town = own if own.get("kind") in ("region", "departement") else None
        if not town:
            return None
        return Mention(start, end, "place", town["name"], "LOC", demonym.country, town)

    def stop_towns(self, m: Mention, country: str) -> list[Mention]:
        """"a séjourné en Belgique du 19 au 30 avril. [...] La première étape de la mission, à Namur, ...":
        the towns of the visited country that a stage noun ("étape", "escale") introduces with "à", in the
        sentence of the country `m` or the three after it: the trip's stops, which the press names after
        the country."""
        doc, v, out = self.doc, self.v, []
        first = v.unit_of[m.start]
        for unit in v.units[first:first + 4]:
            for _, end, _ in v.cue_spans("stage", unit):
                j = end
                while j < min(end + 6, unit.end) and (doc[j].pos_ in ("DET", "ADJ", "NUM") or doc[j].text == ","
                                                      or doc[j].lower_ in _OF or doc[j].lemma_.lower() in _TRIP_NOUNS):
                    j += 1
                if j >= unit.end or doc[j].lower_ != "à":
                    continue
                k = j + 1 + (doc[j + 1].pos_ == "DET")
                town = next((x for x in v.mentions_in(range(k, k + 1)) if x.start == k and x.kind == "place"
                             and x.country == country and (x.place or {}).get("kind") == "city"), None)
                if town is not None and all(t.text != town.text for t in out):
                    out.append(town)
        return out

    def unit_head(self, head):
        """The word a town's unit noun hangs on ("le gouverneur de [la région de] Thiès", "le maire de [la
        commune de] Bobo-Dioulasso"): past the unit nouns, the title that names the town's host."""
        for _ in range(2):
            if head.lower_ not in _UNIT_NOUNS or head.head.i == head.i or head.head.i > head.i:
                break
            head = head.head
        return head

    def no_posting(self, m: Mention, title) -> bool:
        """Whether the town `m` under an ambassador's title (`title`) cannot be his posting: an ambassador
        sits in a capital ("l'ambassadeur de France à Dakar"), so "l'ambassadeur du Japon à Rouen" is in
        Rouen on a visit (a consul sits anywhere: "le consul du Maroc à Bordeaux")."""
        place = m.place or {}
        if not title.lemma_.lower().startswith("ambassad") or place.get("kind") != "city" or not m.country:
            return False
        capitals = [capital_place(m.country, kind) for kind in ("capital", "economic", "usual")]
        return not any(c and fold(c["name"]) == fold(place.get("name") or "") for c in capitals)

    def fineness(self, m: Mention, country: str | None = None) -> float:
        """How specific a place is (`place_rank`); a commune or quarter no gazetteer knows that a town places
        right after it is a part of that town, finer ("la commune de Cocody, à Abidjan", "le quartier de
        Ngor, à Dakar"; not a site's name: "la ferme de la Houssaye, à Moyon" is at Moyon)."""
        kind = (m.place or {}).get("kind")
        rank = self.comp.place_rank.get(kind, 2.5)
        doc = self.doc
        k = m.start - 1
        while k > 0 and doc[k].pos_ == "DET":
            k -= 1
        if kind is None and m.kind == "place" and m.end + 2 < len(doc) and doc[m.end].text == "," \
                and doc[m.end + 1].lower_ in ("à", "dans") and doc[k].lower_ in _OF and doc[k - 1].lower_ in _QUARTERS:
            town = next((x for x in self.v.mentions_in(range(m.end + 2, m.end + 4)) if x.kind == "place"), None)
            if town is not None and (town.place or {}).get("kind") == "city" and town.country == (m.country or country):
                return self.comp.place_rank.get("city", 3) + 0.5
        return rank

    @staticmethod
    def town_of_seat(mentions, start: int, end: int) -> bool:
        """Whether a place the text names from `start` on goes past the seat's name (ending at `end`) to a
        town ("le palais présidentiel de Yaoundé"): that place, not the seat, is the one to read."""
        return any(x.start == start and x.end > end and x.kind == "place" and x.country
                   and (x.place or {}).get("kind") == "city" for x in mentions)
