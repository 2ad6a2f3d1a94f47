"""Which country a mention carries: one model for visits, sector interests and agreements.

French press says a party's country in many ways, and the same reading must hold
for every extractor (a visit's visitor, an interest's actor, an agreement's
party), so it is written once here:

- a place names its country through the place layer ("Kanazawa" -> JP);
- a demonym is its people's country ("chinois", "les Allemands");
- a person carries the country of their title or organisation, from the people
  layer ("le ministre marocain de l'Industrie", "le maire de Tokyo");
- an organisation carries the place named inside its name ("Ville de Marseille",
  "Amiens Métropole", "la délégation de la province du Hubei", "le canton de
  Vaud", "le ministère de l'Économie du Québec"), else its demonym ("le Gouvernement
  flamand");
- the article's home country (its most named country) stands in only when
  nothing else says: `country_of(mention, home)`.

API (stable: other components rely on it):
    doc_mentions(doc, home=None, place_prepositions=()) -> list[Mention]
        every country-bearing stretch of a parsed doc, sorted by start;
    home_country(doc) -> str | None       the article's most named country;
    ranked_countries(named) -> list     countries by how often mentions name them, first named first;
    press_country(doc) -> str | None      the paper's own country, by its address's country-code domain;
    relation_countries(text) -> list   "franco-malgache": the two countries of a relation;
    text_country(text, home=None) -> str | None   the country a free phrase names
        ("la délégation de la province de Québec" -> CA), or None;
    country_of(mention, home) -> str | None        its own country, else home;
    resolve(text, home) / inner_place(text, home) -> place dict or None.
"""
from __future__ import annotations

import re
import weakref
from collections import Counter
from dataclasses import dataclass

import numpy
from spacy.attrs import ENT_IOB, ENT_TYPE, ORTH, POS, SPACY
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc

from ..tables import MODELS_DIR, read_table
from ..text import fold_words as fold, place_key
from . import domain_country, ext, press_country  # noqa: F401  (the paper's country, part of this API)
from .columns import doc_columns, doc_positions
from .places import country_code, pipeline_gazetteer, resolve_place


@dataclass
class Mention:
    """A stretch of text that carries a country: place, demonym, person, organisation."""
    start: int
    end: int
    kind: str  # place | demonym | person | org
    text: str
    label: str
    country: str | None = None
    place: dict | None = None  # the place named or implied, from the place layer
    title: str | None = None  # a person's title, from the people layer
    inner: bool = False  # the place is named inside the mention ("Carlton de Cannes")

    @property
    def place_name(self) -> str | None:
        if self.place and self.place.get("kind") != "country":
            return self.place.get("name")
        return None


def country_of(mention: Mention, home: str | None) -> str | None:
    """The mention's own country; the article's home country only when the text says none."""
    return mention.country or home


def home_country(doc: Doc) -> str | None:
    """The country most of the article's places lie in (read once per doc while its entities stay)."""
    ents = doc.ents
    facts = _DocFacts.of(doc, ents, list(doc.spans.get("demonyms", [])))
    if facts.home is _UNREAD:
        homes = Counter((ext(e, "place") or {}).get("country") for e in ents if e.label_ == "LOC")
        homes.pop(None, None)
        facts.home = homes.most_common(1)[0][0] if homes else None
    return facts.home


_UNREAD = object()


def ranked_countries(named) -> list[str]:
    """The countries of `named` ((country, position) per mention, in text order) by how often the
    article names them, the first named first on a tie: an article's main sides, read alike by sector
    interests and agreements."""
    counts, first = Counter(), {}
    for code, at in named:
        counts[code] += 1
        first.setdefault(code, at)
    return sorted(counts, key=lambda code: (-counts[code], first[code]))


def resolve(text: str, home: str | None = None) -> dict | None:
    """A place by name, read in the article's home country when ambiguous ("Brest")."""
    if not text or not text.strip():
        return None
    return resolve_place(text.strip(), context_country=home)


_CAPITALISED_RUN = re.compile(r"[A-ZÀ-Ý][\w'’\-]*(?:(?:[ \-]|\sd['’])[A-ZÀ-Ý][\w'’\-]*)*")
_PLACE_COMPLEMENT = re.compile(r"(?:\b(?:de|du|des|à|en)\s*|\bd['’]|\bl['’])$", re.I)
# "Union africaine", "Banque mondiale": a capitalised word its lower-case adjective continues is the
# head of a body's name, no town ("Union", US); an article, a preposition, a conjunction or a town's own
# body or part ("Brest métropole", "Dakar plateau") ends the name.
_NAME_GOES_ON = re.compile(r"^ (?!(?:de|du|des|d|à|au|aux|en|et|ou|la|le|les|l|sur|pour|par|avec|métropole|"
                           r"agglomération|ville|centre|plateau|nord|sud|est|ouest)\b)[a-zà-ÿ]")


_ELIDED_OF = re.compile(r"\sd['’]")
# Possessives that open a form of address ("Sa Majesté", "Son Excellence", "Leurs Altesses").
_POSSESSIVES = {"Sa", "Son", "Ses", "Leur", "Leurs", "Notre", "Votre", "Nos", "Vos"}


def inner_place(text: str, home: str | None = None, nouns=frozenset()) -> dict | None:
    """The place named inside an organisation or a title ("Ville de Marseille", "Amiens Métropole").

    A country, region or département anywhere counts; a city only as the complement of
    "de/à", as the head of a capitalised compound or after an acronym ("CHU Toulouse"), so
    "Chambre de commerce" is no place.
    `nouns`: the words the parser read as common nouns; such a word heads a title ("Mission
    Ouzbékistan", "MISSION DE COOPERATION"), it is no town of that name.
    """
    best, best_score = None, 0
    for m in _CAPITALISED_RUN.finditer(text or ""):
        run = m.group()
        words = run.split()
        if words[0] in _POSSESSIVES:  # "Sa Majesté le Roi", "Son Excellence": a form of address, no town "Sa"
            if len(words) == 1:
                continue
            run, words = " ".join(words[1:]), words[1:]
        after_de = bool(_PLACE_COMPLEMENT.search(text[:m.start()]))
        headed_by_noun = words[0] in nouns
        pieces = [(run, after_de or (run == text.strip() and not headed_by_noun))]
        if _ELIDED_OF.search(run):  # "Côte d'Ivoire" whole, else "Agence d'Amiens": the place after "d'"
            pieces.append((_ELIDED_OF.split(run)[-1], True))
            words = _ELIDED_OF.split(run)[0].split()
        if len(words) > 1 and not headed_by_noun:  # "Amiens Métropole", "Caen Normandie": a place heading a compound
            pieces.append((words[0], True))
        if len(words) > 1 and (words[0].isupper() or not headed_by_noun):
            # "CCI Nouvelle-Aquitaine", "CHU Toulouse": the place an institution's name ends with
            pieces.append((" ".join(words[1:]), words[0].isupper()))
        continued = bool(_NAME_GOES_ON.match(text[m.end():]))
        for piece, city_ok in pieces:
            place = resolve(piece, home)
            if not place or not place.get("country"):
                continue
            score = 3 if place.get("kind") in ("country", "region", "departement", "area") else 2
            if score == 2 and continued and text.endswith(piece, 0, m.end()):
                break  # "la Commission de l'Union africaine": no town "Union"
            if score == 2 and not city_ok:
                continue
            if score >= best_score:
                best, best_score = place, score
            break
    return best


_DEMONYM_WORD = re.compile(r"[a-zà-ÿ][a-zà-ÿ\-]+")


_TITLE_COUNTRIES = {fold(r["title"]): r["country"] for r in read_table(MODELS_DIR / "people" / "title_countries.tsv")}
# "le conseiller fédéral" alone, not "le conseiller fédéral du PS" nor "... de la fédération de Gironde"
_TITLE_ALONE = re.compile(r"\b(%s)\b(?!\s+(?:de|du|des|d['’])\b)" % "|".join(
    sorted(map(re.escape, _TITLE_COUNTRIES), key=len, reverse=True)))


def title_country(title: str | None, organisation: str | None = None) -> str | None:
    """The country of one country's office ("conseiller fédéral": CH), when no body is named beside it."""
    if not title or organisation:
        return None
    return _TITLE_COUNTRIES.get(fold(title))


def text_country(text: str, home: str | None = None) -> str | None:
    """The country a free phrase names: a place inside it, else a demonym among its words
    ("une délégation de la province de Québec" -> CA, "des industriels japonais" -> JP), else an
    office of title_countries.tsv ("le conseiller fédéral" -> CH)."""
    place = inner_place(text, home)
    if place and place.get("country"):
        return place["country"]
    for word in _DEMONYM_WORD.findall(text or ""):
        code = country_code(word)
        if code and pipeline_gazetteer().demonym(word) is not None:
            return code
    folded = fold(text or "")
    titled = _TITLE_ALONE.search(folded)
    if not titled:
        return None
    after = (text or "").split()[len(folded[:titled.end()].split()):][:1]
    if after and after[0].isupper() and len(after[0]) > 1:
        return None  # "le conseiller fédéral PS": a party's office
    return _TITLE_COUNTRIES[titled.group(1)]


def relation_countries(text: str) -> list[str]:
    """"franco-malgache", "sino-américains": the countries of a relation (empty for any other word);
    the party it names is the one that is not on the other side."""
    gazetteer = pipeline_gazetteer()
    if "-" not in text or gazetteer.demonym(text) is not None:
        return []
    codes = [c.country for c in gazetteer.compound_demonym(text) if c.country]
    return codes if len(set(codes)) > 1 else []


def demonym_not_place(text: str, place: dict | None) -> bool:
    """"les Allemands", "des Québécois": a people's name, a demonym that is not a name of the place."""
    if len(text.split()) != 1:
        return False
    gazetteer = pipeline_gazetteer()
    if gazetteer.demonym(text) is None or place_key(text) in gazetteer.country_keys:
        return False
    return not place or fold(place.get("name")) != fold(text)


def people_index(doc: Doc) -> dict:
    """The people layer's roles by folded full name and by surname."""
    people = ext(doc, "people") or []
    items = people.values() if isinstance(people, dict) else people
    index = {}
    for p in items:
        if isinstance(p, dict) and p.get("name"):
            role = p.get("role") if isinstance(p.get("role"), dict) else p
            index[fold(p["name"])] = role
            index.setdefault(fold(p["name"].split()[-1]), role)
    return index


def doc_mentions(doc: Doc, home: str | None = None, place_prepositions=()) -> list[Mention]:
    """Every stretch of `doc` that carries a country, sorted by start.

    Entities (LOC, PER, ORG, MISC) and the demonym spans of the place layer, plus
    proper-noun runs no entity covers right after one of `place_prepositions`
    ("à", "en", ...) or "de", which the NER often misses.

    Events, interests and agreements each ask with their own prepositions: what does not depend on
    them is read once per doc and home (`_DocFacts.memo`); each caller gets its own Mention objects.
    """
    out: list[Mention] = []
    ents, demonyms = doc.ents, list(doc.spans.get("demonyms", []))
    facts = _DocFacts.of(doc, ents, demonyms)
    memo = facts.memo.setdefault(home, {})
    for ent in ents:
        start, end = ent.start, ent.end
        key = (start, end)
        if key not in memo:
            memo[key] = _ent_mention(doc, ent, home, facts)
        found = memo[key]
        if not found:
            if found is not None:
                continue  # no label that carries a country
            # an ORG or MISC, whose reading depends on the word before it
            after_prep = start > 0 and doc[start - 1].lower_ in place_prepositions
            key = (start, end, after_prep)
            if key not in memo:
                memo[key] = _org_mention(ent, home, facts, after_prep)
            found = memo[key]
        mention, untold = found
        if untold:  # a person whose role says no country: the title it stands in apposition to
            place = _title_place(ent, facts.countries_at, place_prepositions)
            if place:
                mention = Mention(mention.start, mention.end, mention.kind, mention.text, mention.label,
                                  place.get("country"), place, mention.title)
                out.append(mention)
                continue
        out.append(_copy(mention))
    if "demonyms" not in memo:
        memo["demonyms"] = _demonym_mentions(doc, demonyms, facts)
    out += [_copy(m) for m in memo["demonyms"]]
    for start, end, before in facts.runs:
        if before not in place_prepositions and before not in _OF:
            continue
        key = ("run", start, end)
        if key not in memo:
            text = doc[start:end].text
            place = resolve(text, home)
            memo[key] = Mention(start, end, "place", text, "LOC", place.get("country"), place) if place else None
        if memo[key] is not None:
            out.append(_copy(memo[key]))
    out.sort(key=lambda m: (m.start, -m.end))
    return out


def _demonym_mentions(doc: Doc, demonyms: list, facts: "_DocFacts") -> list[Mention]:
    """The demonyms of the place layer, a hyphenated one read whole ("équato-guinéen" is GQ, not the
    "guinéen" after its hyphen; "sierra-léonais"), and one of two peoples ("congolais": CD or CG) read
    as the paper's own when no place of the article tells (a paper of Brazzaville's "congolais")."""
    found = []
    for start, end, place in facts.hyphenated:
        found.append(Mention(start, end, "demonym", doc[start:end].text, "DEM", place["country"], place))
    inside = {i for m in found for i in range(m.start, m.end)}
    own, shared = press_country(doc), pipeline_gazetteer().shared_demonyms
    for span in demonyms:
        place = ext(span, "place")
        if not place or span.start in inside:
            continue
        if own and own != place.get("country") and place.get("country") not in facts.named:
            mine = [c for c in shared.get(fold(span.text), ()) if c.country == own]
            place = mine[0].as_dict() if mine else place
        found.append(Mention(span.start, span.end, "demonym", span.text, "DEM", place.get("country"), place))
    return found


def _hyphenated_demonyms(doc: Doc) -> list[tuple]:
    """(start, end, place) of the demonyms the tokenizer cut at their hyphen ("équato - guinéen"): only
    the hyphens are visited (their positions from the shared ORTH index), not every token."""
    dash = get_string_id("-")
    hyphens = doc_positions(doc, ORTH, (dash,)).get(dash)
    if not hyphens:
        return []
    gazetteer, found, space = pipeline_gazetteer(), [], doc_columns(doc, (SPACY,))[SPACY]
    for i in hyphens:
        if space[i] or i == 0 or i + 1 >= len(doc) or space[i - 1]:
            continue
        before, after = doc[i - 1], doc[i + 1]
        if not (before.is_alpha and after.is_alpha and after.is_lower):
            continue
        cand = gazetteer.demonym(f"{before.text}-{after.text}")
        if cand is not None and cand.country:
            found.append((i - 1, i + 2, cand.as_dict()))
    return found


def _copy(mention: Mention) -> Mention:
    """A caller's own copy of a kept mention (the stages may change theirs); its place dict too."""
    return Mention(mention.start, mention.end, mention.kind, mention.text, mention.label, mention.country,
                   dict(mention.place) if mention.place is not None else None, mention.title, mention.inner)


def _ent_mention(doc: Doc, ent, home: str | None, facts: "_DocFacts"):
    """(mention, untold) for an entity whatever the caller's prepositions, untold when a person's role
    says no country; None for an ORG or MISC (`_org_mention`), () for any other label."""
    people, surnames = facts.people, facts.surnames
    label = ent.label_
    if label == "LOC" and len(ent) == 1 and fold(ent.text) in surnames \
            and (ent.start == 0 or doc[ent.start - 1].pos_ not in ("ADP", "DET")):
        role = people.get(fold(ent.text)) or {}  # "Santos sera reçu par ...": a person named before
        place = inner_place(role.get("organisation") or "", home)
        return Mention(ent.start, ent.end, "person", ent.text, "PER",
                       role.get("country") or (place or {}).get("country"), place, role.get("title")), False
    if label == "LOC":
        return _place_mention(ent, home), False
    if label == "PER":
        role = ext(ent, "role") or {}
        if not role.get("country") and not role.get("organisation"):
            role = people.get(fold(ent.text)) or role
        place = inner_place(role.get("organisation") or "", home)
        country = role.get("country") or (place or {}).get("country") \
            or title_country(role.get("title"), role.get("organisation"))
        return Mention(ent.start, ent.end, "person", ent.text, "PER", country, place, role.get("title")), not country
    return None if label in ("ORG", "MISC") else ()


def _org_mention(ent, home: str | None, facts: "_DocFacts", after_prep: bool):
    """(mention, False) for an ORG or MISC entity, `after_prep`: after one of the caller's place prepositions."""
    whole = resolve(ent.text, home) if ent.label_ == "MISC" or len(ent) > 1 or after_prep else None
    if whole and whole.get("country"):  # a place the NER called MISC ("Cannes")
        return Mention(ent.start, ent.end, "place", ent.text, "LOC", whole["country"], whole), False
    place = inner_place(ent.text, home, {t.text for t in ent if t.pos_ == "NOUN"})
    if not place:  # "le Gouvernement flamand", "l'université italienne Perugia": whose it is
        demonym_at = facts.demonym_at
        place = next((demonym_at[i] for i in range(ent.start + 1, ent.end) if i in demonym_at), None)
    return Mention(ent.start, ent.end, "org", ent.text, ent.label_, (place or {}).get("country"), place), False


def _title_place(ent, countries_at: dict, prepositions) -> dict | None:
    """"la ministre colombienne des Affaires étrangères, Maria Angela Holguin": the place or demonym of
    the title a name stands in apposition to (not one after a place preposition: "l'ambassadeur de
    France au Maroc" is French)."""
    root = ent.root
    if root.dep_ != "appos" or root.head.i >= ent.start or root.head.pos_ != "NOUN":
        return None
    for t in root.head.subtree:
        if t.i >= ent.start:
            break
        place = countries_at.get(t.i)
        if place and not (t.i > 0 and t.doc[t.i - 1].lower_ in prepositions):
            return place
    return None


def _place_mention(ent, home: str | None) -> Mention:
    place = ext(ent, "place")
    code = country_code(ent[0].text) if ent[0].is_lower or demonym_not_place(ent.text, place) else None
    if code:  # a demonym the NER swallowed into a place ("chinois du Commerce", "Allemands")
        return Mention(ent.start, ent.end, "demonym", ent.text, "DEM", code,
                       {"name": ent[0].text, "country": code, "kind": "country"})
    if ent[0].is_lower:  # a title the NER took for a place ("vice-ministre chinois du Commerce"): its demonym
        word = next((t for t in ent[1:] if t.is_lower and t.pos_ == "ADJ" and country_code(t.text)), None)
        if word is not None:
            code = country_code(word.text)
            return Mention(word.i, word.i + 1, "demonym", word.text, "DEM", code,
                           {"name": word.text, "country": code, "kind": "country"})
    place = place or resolve(ent.text, home)
    inner = None if place else inner_place(ent.text, home, {t.text for t in ent if t.pos_ == "NOUN"})
    return Mention(ent.start, ent.end, "place", ent.text, "LOC", (place or inner or {}).get("country"),
                   place or inner, inner=bool(inner))


_OF = frozenset({"de", "du", "des", "d'", "d’"})


def _propn_runs(doc: Doc, covered: set):
    """Proper-noun runs that no entity covers, with the word before each (lower case): after a
    locative preposition or as the complement of "de" ("la ministre des Relations internationales du
    Québec"), places the NER missed.  Only the proper nouns are visited (POS read off the array)."""
    propn = numpy.flatnonzero(doc.to_array(POS) == POS_IDS["PROPN"]).tolist()
    is_propn = set(propn)
    runs, after = [], 0
    for i in propn:
        if i < after or i in covered or not doc[i].text[:1].isupper():
            continue
        j = i
        while j + 1 in is_propn and j + 1 not in covered:
            j += 1
        runs.append((i, j + 1, doc[i - 1].lower_ if i > 0 else ""))
        after = j + 1
    return runs


class _DocFacts:
    """What `doc_mentions` reads off a doc whatever the caller's prepositions.  Events, interests and
    agreements each ask for the mentions of the same doc with their own prepositions: a doc's facts
    are kept while the doc lives (weakly) and reused while its entities, demonyms and people are unchanged."""

    kept: "weakref.WeakKeyDictionary[Doc, _DocFacts]" = weakref.WeakKeyDictionary()

    def __init__(self, doc: Doc, key: tuple, ents: tuple, demonyms: list):
        # plain values only, never a span: it would keep its doc, and so this entry, alive
        self.key = key
        self.people = people_index(doc)
        self.surnames = {fold(e.text.split()[-1]) for e in ents if e.label_ == "PER" and len(e) > 1
                         and (ext(e, "role") or {}).get("title")}  # a titled person's, not a place the NER took for one
        self.hyphenated = _hyphenated_demonyms(doc)
        self.named = {(ext(e, "place") or {}).get("country") for e in ents if e.label_ == "LOC"}
        self.countries_at = {s.start: place for s in list(ents) + demonyms
                             if (place := ext(s, "place")) and place.get("country")}
        for start, _end, place in self.hyphenated:  # "le ministre équato-guinéen": GQ, read at its first word
            self.countries_at[start] = place
            self.countries_at.pop(start + 2, None)
        self.demonym_at = {s.start: place for s in demonyms
                           if (place := ext(s, "place")) and place.get("country") and not relation_countries(s.text)}
        for start, _end, place in self.hyphenated:
            self.demonym_at[start] = place
            self.demonym_at.pop(start + 2, None)
        covered = {i for s in list(ents) + [d for d in demonyms if ext(d, "place")] for i in range(s.start, s.end)}
        self.runs = _propn_runs(doc, covered)
        self.memo: dict = {}  # home -> what `doc_mentions` read whatever the caller's prepositions
        self.home = _UNREAD  # `home_country`

    @classmethod
    def of(cls, doc: Doc, ents: tuple, demonyms: list) -> "_DocFacts":
        key = (doc.to_array([ENT_IOB, ENT_TYPE]).tobytes(), tuple((s.start, s.end) for s in demonyms),
               id(ext(doc, "people")))
        facts = cls.kept.get(doc)
        if facts is None or facts.key != key:
            facts = cls.kept[doc] = cls(doc, key, ents, demonyms)
        return facts
