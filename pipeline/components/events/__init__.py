"""presse_events: delegation visits, read off the layers below in explicit stages.

French press tells a visit from either side: the visitor moves ("une délégation
s'est rendue à Miami", "l'ambassadeur était dans les Vosges", "en visite à
Dakar") or the host receives ("le maire a reçu une délégation chinoise").
The stages, each its own module:

1. `view`: the layers below indexed once (sentence units, country-bearing
   mentions from `countries`, dates, sectors, cue matches);
2. `triggers`: Matcher patterns of `models/events/visit_triggers.jsonl`, each
   with a voice; every match gives a candidate;
3. `places`: the most specific place visited, one per stop of a tour;
4. `participants`: the visitor party, its country and named visitors; `hosts`: who receives;
5. `time`: dates and status of the candidate;
6. `trips`: candidates merged into trips, the first framing the rest; salience.

Cue patterns (`cues.jsonl`), party nouns (`party_nouns.tsv`), place
prepositions (`prepositions.tsv`) and institutions that stand for a place
(`seats.tsv`: "reçue au Sénat") and nouns that stand for a place told before
(`place_nouns.tsv`: "dans ce pays") and words that make a phrase no host
(`non_hosts.tsv`: "l'Accord de Paris", "Sa Majesté") are data too.  The rule that fires is the
event's `rule`.  Output: spans appended to `doc.spans["events"]` (shared with
presse_interests), one per event, covering the evidence sentence; `Span._.event`
holds the event.
"""
from __future__ import annotations

import hashlib
import json

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from ...text import KeyOpenings, place_key
from ..base import Field, TableComponent
from .participants import COUNCIL_NOUNS
from .trips import VisitBuilder
from .view import SPANS_KEY, DocView

# How specific a place kind of the place layer is: the most specific place visited wins.
DEFAULT_PLACE_RANK = {"continent": -1, "country": 0, "region": 1, "area": 2, "departement": 2, "city": 3}


@Language.factory(
    "presse_events",
    default_config={"place_rank": DEFAULT_PLACE_RANK, "frame_confidence": 0.8, "home_country": "FR"},
    assigns=["doc.spans", "span._.event"],
    requires=["doc.ents", "doc.sents", "token.dep", "token.lemma", "token.morph"],
)
def make_events(nlp: Language, name: str, place_rank: dict, frame_confidence: float,
                home_country: str | None) -> "EventsComponent":
    """`place_rank`: how specific each place kind is; `frame_confidence`: the factor on a visit
    whose visitor comes from the trip told before; `home_country`: the press's own country."""
    return EventsComponent(nlp, name, place_rank, frame_confidence, home_country)


class EventsComponent(TableComponent):
    """Finds visits; see the package docstring."""

    TABLES = ("visit_triggers.jsonl", "cues.jsonl", "party_nouns.tsv", "prepositions.tsv", "seats.tsv",
              "place_nouns.tsv", "non_hosts.tsv")
    SPECS = {"seats.tsv": {"name": Field(str, required=True), "country": Field(str)},
             "non_hosts.tsv": {"word": Field(str, required=True), "kind": Field(
                 str, required=True, values={"document", "address"})},
             "place_nouns.tsv": {"word": Field(str, required=True), "kind": Field(
                 str, required=True, values=set(DEFAULT_PLACE_RANK))}}

    def __init__(self, nlp: Language, name: str, place_rank: dict, frame_confidence: float,
                 home_country: str | None):
        super().__init__(nlp, name)
        self.place_rank = dict(place_rank)
        self.frame_confidence = frame_confidence
        self.home_country = home_country

    def compile(self) -> None:
        vocab = self.nlp.vocab
        self.visit_rules = {r["id"]: r for r in self.tables["visit_triggers.jsonl"]}
        self.cue_rules = {r["id"]: r for r in self.tables["cues.jsonl"]}
        self.visit_matcher = Matcher(vocab, validate=True)
        for r in self.visit_rules.values():
            self.visit_matcher.add(r["id"], [r["pattern"]])
        self.cue_matcher = Matcher(vocab, validate=True)
        for r in self.cue_rules.values():
            self.cue_matcher.add(r["id"], [r["pattern"]])
        self.party_kind = {r["lemma"]: r["kind"] for r in self.tables["party_nouns.tsv"]}
        self.non_host = {r["word"]: r["kind"] for r in self.tables["non_hosts.tsv"]}
        self.prepositions = {r["word"]: r["role"] for r in self.tables["prepositions.tsv"] if r["role"] == "locative"}
        self.origin_words = {r["word"] for r in self.tables["prepositions.tsv"] if r["role"] == "origin"}
        self.onward_verbs = {r["word"] for r in self.tables["prepositions.tsv"] if r["role"] == "onward"}
        self.place_nouns = {r["word"]: r["kind"] for r in self.tables["place_nouns.tsv"]}
        # nouns of a town's own body ("la ville de", "la municipalité de"): the place units, and councils
        self.town_nouns = {w for w, kind in self.place_nouns.items() if kind != "country"} | COUNCIL_NOUNS
        self.seats = {place_key(r["name"]): r["country"] for r in self.tables["seats.tsv"]}
        self.seat_openings = KeyOpenings(self.seats)
        # the most tokens a seat's name takes, an article before it included ("l'Assemblée nationale")
        self.seat_length = max((len(self.nlp.make_doc(r["name"])) for r in self.tables["seats.tsv"]), default=0) + 1

    def __call__(self, doc: Doc) -> Doc:
        events = self.match(doc)
        self.set_annotations(doc, events)
        return doc

    def match(self, doc: Doc) -> list[tuple[Span, dict]]:
        """The visits of `doc`, each with its evidence sentence."""
        matches = self.visit_matcher(doc)
        if not matches:
            return []  # no trigger: nothing else is read
        return VisitBuilder(DocView(doc, self, matches), self).build(matches)

    @staticmethod
    def set_annotations(doc: Doc, events: list[tuple[Span, dict]]) -> None:
        group = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else []
        for n, (sent, event) in enumerate(events):
            digest = hashlib.sha1(json.dumps(event, sort_keys=True, ensure_ascii=False).encode())
            span = Span(doc, sent.start, sent.end, label=event["type"],
                        span_id=f"{event['type']}:{n}:{digest.hexdigest()[:10]}")
            span._.event = event
            group.append(span)
        doc.spans[SPANS_KEY] = group
