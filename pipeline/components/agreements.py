"""presse_agreements: cooperation agreements, read off the visits and the layers below.

An agreement is a trigger ("accord", "convention", "protocole d'accord", "mémorandum",
"lettre d'intention", "jumelage", "charte de jumelage" ... in `models/agreements/triggers.jsonl`)
whose parties carry two countries at least.  Parties are read in widening scopes: the
trigger's own words, its clause, its sentence.  Mentions carry a country through the place
layer (`Span._.place`, `doc.spans["demonyms"]`), the people layer (`Span._.role`) or a place
named inside an organisation ("Ville de Zhengzhou").  When the text names one side only,
the visit told before gives the other: "les deux villes ont signé" are both sides of the
visit, "cette délégation a signé" its visitors, and a signing in the clause of a one-sided
mention ("Le maire a signé un accord avec la ville de Zhengzhou") takes the visit's other
side, else the article's home country; a signing that names no party of its own (nobody,
a pronoun, a person: "une convention sera signée vendredi") takes both sides of the visit.

Cues (`cues.jsonl`): `hedge` (a hope, a project, a negation: no agreement yet), `block`
(an institution's name: "comité de jumelage"; a text named after a place, "l'accord de
Paris"; consent, "donner son accord"; co-organising, "en partenariat avec"), `signing` (signed, renewed, concluded),
`anaphor` ("à cette occasion": the date of the visit told before).  `party_nouns.tsv`
lists the collective nouns that stand for the visitors.

Output: spans appended to `doc.spans["events"]`, one per agreement (the evidence sentence),
with `Span._.event` = {"type": "agreement", "parties": [{"name", "country"}], "date", "rule",
"confidence", "cameo": "057", "plover": "AGREE"}; one agreement per set of party countries.
"""
from __future__ import annotations

import hashlib
import json
import re

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from . import ext
from .base import TableComponent
from .countries import Mention, doc_mentions, home_country, press_country, ranked_countries, resolve
from .events.time import timex_range
from .syntax import clause_head, determiner, subtree

SPANS_KEY = "events"
_SENTENCE_END = {".", "!", "?", "…", "»", "\"", "”"}
CUE_KINDS = ("hedge", "block", "signing", "anaphor")
# field -> type of a row of each table (checked at load)
TRIGGER_FIELDS = {"id": str, "anchor": int, "confidence": float, "pattern": list}
CUE_FIELDS = {"id": str, "cue": str, "pattern": list}
PARTY_FIELDS = {"lemma": str}


class AgreementsComponent(TableComponent):
    """Finds agreements and their parties; see the module docstring."""

    TABLES = ("triggers.jsonl", "cues.jsonl", "party_nouns.tsv")

    def __init__(self, nlp: Language, name: str, *, min_countries: int, hedge_before: int,
                 hedge_after: int, place_prepositions: list[str], home_country: str | None):
        super().__init__(nlp, name)
        self.min_countries = min_countries
        self.hedge_window = (hedge_before, hedge_after)
        self.place_prepositions = frozenset(place_prepositions)
        self.home_country = home_country

    def compile(self) -> None:
        vocab = self.nlp.vocab
        triggers = _checked(self.name, "triggers.jsonl", self.tables["triggers.jsonl"], TRIGGER_FIELDS)
        cues = _checked(self.name, "cues.jsonl", self.tables["cues.jsonl"], CUE_FIELDS)
        for n, row in enumerate(cues, 1):
            if row["cue"] not in CUE_KINDS:
                raise ValueError(f"{self.name}: cues.jsonl row {n}, field 'cue': unknown kind {row['cue']!r}"
                                 f" (known: {', '.join(CUE_KINDS)})")
        parties = _checked(self.name, "party_nouns.tsv", self.tables["party_nouns.tsv"], PARTY_FIELDS)
        self.rules = {row["id"]: row for row in triggers}
        self.cue_of = {row["id"]: row["cue"] for row in cues}
        self.matcher = Matcher(vocab, validate=True)
        for row in triggers:
            self.matcher.add(row["id"], [row["pattern"]])
        self.cue_matcher = Matcher(vocab, validate=True)
        for row in cues:
            self.cue_matcher.add(row["id"], [row["pattern"]])
        self.party_nouns = {row["lemma"] for row in parties}

    # ------------------------------------------------------------------ entry
    def __call__(self, doc: Doc) -> Doc:
        matches = self.matcher(doc)  # an AnchoredMatcher: it runs around the words the triggers need
        if not matches:
            return doc
        view = _View(doc, self, matches)
        self.set_annotations(doc, _Builder(view, self).build(matches))
        return doc

    def set_annotations(self, doc: Doc, events: list[tuple[Span, dict]]) -> None:
        group = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []
        for n, (sent, event) in enumerate(events):
            digest = hashlib.sha1(json.dumps(event, sort_keys=True, ensure_ascii=False).encode())
            span = Span(doc, sent.start, sent.end, label="agreement",
                        span_id=f"agreement:{n}:{digest.hexdigest()[:10]}")
            span._.event = event
            group.append(span)
        doc.spans[SPANS_KEY] = group


def _checked(component: str, table: str, rows: list[dict], fields: dict) -> list[dict]:
    """The rows, each with its fields of the right type; else an error naming table, row and field."""
    for n, row in enumerate(rows, 1):
        for field, kind in fields.items():
            value = row.get(field)
            ok = isinstance(value, (int, float)) if kind is float else isinstance(value, kind)
            if not ok or (kind is str and not value.strip()):
                raise ValueError(f"{component}: {table} row {n}, field {field!r}: expected {kind.__name__},"
                                 f" got {value!r}")
        if "confidence" in fields and not 0 < row["confidence"] <= 1:
            raise ValueError(f"{component}: {table} row {n}, field 'confidence': {row['confidence']} not in (0, 1]")
    return rows


class _View:
    """The layers below, indexed for the builder: units, country mentions, dates, cues, visits."""

    def __init__(self, doc: Doc, comp: AgreementsComponent, matches: list[tuple[int, int, int]]):
        self.doc = doc
        self.units: dict[int, Span] = {}  # token -> its unit (`unit`)
        self.home = home_country(doc)
        self.mentions = doc_mentions(doc, self.home, comp.place_prepositions)
        self.dates = [(s, t) for s in doc.spans.get("dates", [])
                      if (t := ext(s, "timex")) and timex_range(t)[0]]
        self.cues: dict[str, list[tuple[int, int]]] = {}
        anchors = {comp.rules[doc.vocab.strings[mid]]["anchor"] + start for mid, start, _ in matches}
        units = {(u.start, u.end): u for u in map(self.unit, anchors)}
        for unit in units.values():   # cues count only in a trigger's unit
            for mid, start, end in comp.cue_matcher(unit):
                self.cues.setdefault(comp.cue_of[doc.vocab.strings[mid]], []).append(
                    (unit.start + start, unit.start + end))
        self.visits = [e for s in doc.spans.get(SPANS_KEY, []) if (e := ext(s, "event")) and e.get("type") == "visit"]

    def unit(self, i: int) -> Span:
        """The sentence of token i, cut at line breaks (a title is not one sentence with the lead);
        a sentence the parser cut mid-way ("France et Italie | ont signé") is joined again.  Kept per
        token: the cues are read in each trigger's unit, then the builder asks for it again."""
        if i not in self.units:
            self.units[i] = self._unit(i)
        return self.units[i]

    def _unit(self, i: int) -> Span:
        doc = self.doc
        sent = doc[i].sent
        start, end = sent.start, sent.end
        while start > 0 and doc[start - 1].text not in _SENTENCE_END and not doc[start - 1].is_space:
            start = doc[start - 1].sent.start
        while end < len(doc) and (doc[end].text[:1].islower() or doc[end].text in (",", ";", ")")
                                   or (doc[end].text == "-" and not doc[end - 1].whitespace_)) \
                and doc[end - 1].text not in _SENTENCE_END:   # "Un accord | -cadre a été signé"
            end = doc[end].sent.end
        for t in doc[start:end]:
            if t.is_space and "\n" in t.text:
                if t.i < i:
                    start = t.i + 1
                elif t.i > i:
                    end = t.i
                    break
        return doc[start:end]

    def main_pair(self) -> list[dict]:
        """The two countries the article names most (mentions, the first named first on a tie)."""
        ranked = ranked_countries((m.country, m.start) for m in self.mentions if m.country)[:2]
        return [{"name": None, "country": c} for c in ranked] if len(ranked) == 2 else []

    def mentions_in(self, tokens) -> list[Mention]:
        tokens = set(tokens)
        return [m for m in self.mentions if m.start in tokens]

    def cue_spans(self, kind: str, unit: Span) -> list[tuple[int, int]]:
        return [(s, e) for s, e in self.cues.get(kind, []) if unit.start <= s < unit.end]


class _Builder:
    """Agreements: a trigger, its parties (two countries at least), a date."""

    def __init__(self, view: _View, comp: AgreementsComponent):
        self.v = view
        self.doc = view.doc
        self.comp = comp

    def build(self, matches) -> list[tuple[Span, dict]]:
        doc = self.doc
        blocked = {i for s, e in self.v.cues.get("block", []) for i in range(s, e)}
        out: list[tuple[Span, dict]] = []
        seen: dict[tuple, dict] = {}
        for mid, start, end in sorted(matches, key=lambda m: m[1]):
            rule = self.comp.rules[doc.vocab.strings[mid]]
            tok = doc[start + rule["anchor"]]
            sent = self.v.unit(tok.i)
            if tok.i in blocked or self.hedged(tok, sent):
                continue
            signed = self.signed(tok, sent)
            if _plural(tok) and not signed:  # "des partenariats", "les jumelages avec": a kind, nothing signed
                continue
            named = _named(tok)  # "l'Accord de Paris": a text of its own, its parties are its own words
            for scope in _scopes(tok, sent)[:1 if named else 3]:  # its own words, its clause, its sentence
                scope &= set(range(sent.start, sent.end))
                parties = self.parties(scope) + self.frame_parties(scope, signed)
                countries = tuple(sorted({p["country"] for p in parties}))
                if len(countries) >= self.comp.min_countries:
                    break
            else:
                if named or not signed or len(countries) > 1:
                    continue
                if countries:
                    other = [self.other_side(countries[0])]  # "Le maire a signé un accord avec Zhengzhou"
                else:  # "À cette occasion, une convention a été signée", "Il a signé avec X un accord"
                    other = self.occasion_sides(sent, unnamed=not _common_party(tok))
                if None in other or not other:
                    continue
                parties.extend(other)
                countries = tuple(sorted({p["country"] for p in parties}))
            date = self.date(subtree(clause_head(tok)) | scope, tok) \
                or self.date(set(range(sent.start, tok.i)), tok) or self.occasion_date(sent)
            if countries in seen:
                if not seen[countries]["date"]:
                    seen[countries]["date"] = date
                continue
            event = {"type": "agreement", "parties": parties, "date": date, "rule": rule["id"],
                     "confidence": rule["confidence"], "cameo": "057", "plover": "AGREE"}
            seen[countries] = event
            out.append((sent, event))
        return out

    def occasion_date(self, sent: Span) -> str | None:
        """"signée à cette occasion", "lors de cette visite": the date of the visit told before."""
        if not self.v.visits or not self.v.cue_spans("anaphor", sent):
            return None
        visit = self.v.visits[0]
        if visit.get("start") and visit["start"] == visit.get("end"):
            return visit["start"]
        return None

    def occasion_sides(self, sent: Span, unnamed: bool = False) -> list[dict]:
        """A signing "à cette occasion", or one whose clause names no party of its own (a pronoun,
        a person, nobody: "une convention sera signée vendredi"): the two sides of the visit told before."""
        if not self.v.visits or not (unnamed or self.v.cue_spans("anaphor", sent)):
            return []
        visit = self.v.visits[0]
        visitor, dest = visit.get("visitor") or {}, visit.get("destination") or {}
        if not visitor.get("country") or not dest.get("country") or visitor["country"] == dest["country"]:
            return []
        return [{"name": visitor.get("place") or visitor.get("name"), "country": visitor["country"]},
                {"name": dest.get("name"), "country": dest["country"]}]

    def hedged(self, tok: Token, sent: Span) -> bool:
        before, after = self.comp.hedge_window
        return any(tok.i - before <= s <= tok.i + after for s, e in self.v.cue_spans("hedge", sent))

    def signed(self, tok: Token, sent: Span) -> bool:
        """The agreement is signed, renewed or about to be in its clause ("ont renouvelé la charte"),
        or is the complement of a signing noun ("la signature de plusieurs accords")."""
        head = clause_head(tok)
        near = subtree(head) | {head.i} | {t.i for t in tok.ancestors}
        return any(s in near for s, e in self.v.cue_spans("signing", sent))

    def other_side(self, country: str) -> dict | None:
        """The party a signing leaves unnamed: the visit's side that is not `country`, else the paper's own
        country (its address's domain, else the config's `home_country`)."""
        if self.v.visits:
            visit = self.v.visits[0]
            for side in (visit.get("visitor") or {}, visit.get("destination") or {}):
                if side.get("country") and side["country"] != country:
                    return {"name": side.get("place") or side.get("name"), "country": side["country"]}
            return None
        home = press_country(self.doc) or self.comp.home_country  # "lesoleil.sn": the paper's own, SN
        return {"name": None, "country": home} if home and home != country else None

    def parties(self, scope: set[int]) -> list[dict]:
        out, seen = [], set()
        for m in self.v.mentions_in(scope):
            parties = [{"name": m.text, "country": m.country}] if m.country else _pair(m.text, self.v.home)
            for party in parties:
                key = _key(party["name"])
                if key not in seen:
                    seen.add(key)
                    out.append(party)
        return out

    def frame_parties(self, scope: set[int], signed: bool) -> list[dict]:
        """"Cette délégation a signé...", "les deux villes signeront": the sides of the visit told before;
        with no visit, "les deux parties ont signé" are the article's two main countries."""
        if not self.v.visits:
            return self.v.main_pair() if signed and any(self._both_sides(self.doc[i]) for i in scope) else []
        visit = self.v.visits[0]
        visitor, dest = visit.get("visitor") or {}, visit.get("destination") or {}
        out = []
        for i in sorted(scope):
            tok = self.doc[i]
            both = signed and self._both_sides(tok)
            if not both and (tok.lemma_.lower() not in self.comp.party_nouns or determiner(tok) not in ("dem", "def")):
                continue                         # the costlier test below, only for a side's words
            if any(m.country for m in self.v.mentions_in(subtree(tok))):
                continue
            if both:
                out.append({"name": visitor.get("place") or visitor.get("name") or tok.text,
                            "country": visitor.get("country")})
                out.append({"name": dest.get("name"), "country": dest.get("country")})
            else:
                out.append({"name": visitor.get("name") or tok.text, "country": visitor.get("country")})
        return [p for p in out if p["country"]]

    @staticmethod
    def _both_sides(tok: Token) -> bool:
        """"les deux villes", "les 2 parties" (not "deux villes"): both sides of the agreement."""
        return tok.pos_ == "NOUN" and any(c.lower_ in ("deux", "2") for c in tok.children) and determiner(tok) != "ind"

    def date(self, scope: set[int], tok: Token) -> str | None:
        dates = [(s, t) for s, t in self.v.dates if s.start in scope]
        if not dates:
            return None
        s, t = min(dates, key=lambda it: abs(it[0].start - tok.i))
        start, end = timex_range(t)
        return start if start == end else f"{start}/{end}"


# ---------------------------------------------------------------- parties
def _pair(text: str, home: str | None) -> list[dict]:
    """"jumelage Vendôme-Gevelsberg": two places joined by a hyphen are two parties."""
    parts = [p for p in re.split(r"\s*[-–]\s*", text) if p]
    if len(parts) != 2:
        return []
    places = [resolve(p, home) for p in parts]
    if not all(p and p.get("country") for p in places):
        return []
    return [{"name": name, "country": p["country"]} for name, p in zip(parts, places)]


def _key(name: str | None) -> str:
    return " ".join((name or "").lower().split())


# ---------------------------------------------------------------- helpers
def _plural(tok: Token) -> bool:
    """A trigger noun in the plural: agreements as a kind, unless the text signs them."""
    return tok.pos_ == "NOUN" and "Plur" in tok.morph.get("Number")


def _common_party(tok: Token) -> bool:
    """The signing is with a party named by a common noun ("avec le département", "entre les communes"),
    which may be of one country; a pronoun, a person or a name ("avec Aerospace Valley") is no such party."""
    head = clause_head(tok)
    for token in (tok, head):
        for child in token.children:
            dep = child.dep_.split(":")[0]
            if dep in ("obl", "nmod") and child.pos_ == "NOUN" and child.i != tok.i \
                    and any(c.dep_ == "case" and c.lower_ in ("avec", "entre") for c in child.children):
                return True
    return False


def _named(tok: Token) -> bool:
    """A capitalised trigger inside a sentence names a text ("l'Accord de Paris", "le Pacte vert");
    an acronym ("un MoU") does not."""
    return tok.text[:1].isupper() and tok.text[1:].islower() and not tok.is_sent_start and tok.i > 0 and not tok.nbor(-1).is_space \
        and tok.nbor(-1).text not in _SENTENCE_END


def _scopes(tok: Token, unit: Span) -> list[set[int]]:
    if tok.dep_.startswith("acl") or tok.dep_ == "amod":  # "communes jumelées de X et Y"
        return [subtree(tok.head)]
    return [subtree(tok), subtree(clause_head(tok)), set(range(unit.start, unit.end))]




@Language.factory(
    "presse_agreements",
    assigns=["doc.spans", "span._.event"],
    requires=["doc.ents", "doc.spans", "span._.event", "span._.place", "span._.timex"],
    default_config={"min_countries": 2, "hedge_before": 5, "hedge_after": 2, "home_country": "FR",
                    "place_prepositions": ["à", "au", "aux", "en", "dans", "chez", "avec", "et"]},
)
def make_agreements(nlp: Language, name: str, min_countries: int, hedge_before: int, hedge_after: int,
                    place_prepositions: list[str], home_country: str | None) -> AgreementsComponent:
    """`min_countries`: party countries an agreement needs; `hedge_before`/`hedge_after`: tokens
    around the trigger where a hedge ("un éventuel jumelage") cancels it; `place_prepositions`:
    words after which a name no entity covers is read as a place ("avec Commercy");
    `home_country`: the press's own country, the side of a party the text leaves unnamed."""
    return AgreementsComponent(nlp, name, min_countries=min_countries, hedge_before=hedge_before,
                               hedge_after=hedge_after, place_prepositions=place_prepositions,
                               home_country=home_country)
