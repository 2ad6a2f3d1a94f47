"""Sector-interest events: a party says it is interested in, wants to cooperate or invest in, a sector.

"Ils étaient particulièrement intéressés par les secteurs de l'automobile",
"l'agro-alimentaire est également important pour nous", "ce sont les secteurs
du textile et du bois qui ont attiré l'attention du Kazakhstan".

Trigger rules are Matcher patterns in `models/interests/triggers.jsonl`, or dependency patterns
(`kind: "dep"`: DependencyMatcher syntax, `>` relations and LEMMA/POS/DEP/LOWER values only, read off
token arrays by `_dep_matches`); each row also says where the sectors are read (`scope`: the anchor's
`subtree`, its predicate's `clause`, the enumeration up to the next verb `phrase`, its `nmod`
complements, the subtrees of the other `matched` words of a dependency pattern, or the `right` of the
sentence), who the actor is (`actor`, tried in order: the trigger noun's own `origin` ("des investisseurs
canadiens"), `subject`, `object`, `pour` X, `de` X, `possessive`, `head_noun`, `preceding` words, the
trigger's own phrase `self`) and how sure the rule
is (`confidence`); `visitor: false` keeps a rule from giving its sectors to the visiting party when
its own words name no country (`visitor: "party"`: unless its subject is a pronoun or a travelling
party noun of `parties.tsv`), `in_names: true` lets it fire on a capitalised trigger ("le Salon de
l'agriculture").  Rows with `role: "mutual"` are the mutual cues; `mutual_if` lists lemmas that make
a match mutual when one is in its scope (an agreement "dans le domaine de ..." is both parties'
interest, an agreement alone is its signer's); `head_not` lists the words whose complement the
trigger may not be (a firm "spécialisée dans le domaine de ..." is described, not interested);
`discussed: true` marks a rule that reads what was talked over or signed, not what a party wants: there
the training of a group of people ("un mémorandum sur la formation des marins") is a means of the
cooperation, no sector interest.  A
subject that names two countries ("la France et le Maroc veulent coopérer") makes both interested.
Sectors come from `doc.spans["sectors"]` (presse_sectors), the country a mention carries from the
one model of `countries` (places, demonyms, people's roles, places inside organisations).

When the trigger names no country (pronoun, "la délégation"), the actor is the visiting party of
the article: the visitor of its international visits (presse_events runs before), else the country
most tied, as origin, to the party nouns of `models/interests/parties.tsv` ("l'ambassadeur du
Kazakhstan", "une délégation ivoirienne"); a main visit then takes the sectors its visitors are
interested in.  Mutual wording ("les deux parties", "intérêts mutuels", an agreement) gives one
event to each of the article's two main countries.

The syntax it reads (sentences, enumerations, subjects) is in `interests_syntax.py`.

Output: spans appended to `doc.spans["events"]` with `Span._.event` =
{"type": "sector_interest", "actor": {"name", "country"}, "sector", "nace",
"rule", "confidence", "cameo": "061", "plover": "COOPERATE"}; one event per
(actor country, sector) per doc, the first evidence kept.  The evidence span is
the trigger-to-sector stretch of the sentence (not the whole sentence), because
Span extensions are keyed by character offsets: two events sharing one sentence
span would share one `_.event`.
"""
from __future__ import annotations

import itertools
from collections import Counter
from typing import Iterable

from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from .base import TableComponent
from .countries import doc_mentions, home_country, ranked_countries
from .places import country_code
from .interests_syntax import (between_parties, case, described, fronted_side, in_title, led_to, listed_after,
                               phrase_end, quote_segments, subjects, top_nominal, trains_people, whole_sentence)
from .sectors import SPANS_KEY as SECTORS_KEY
from .syntax import argument_head

EVENTS_KEY = "events"
DE = {"de", "du", "des", "d'", "d’"}
# prepositions that introduce where a party goes or where it stands, not where it comes from
NOT_ORIGIN = {"en", "à", "au", "aux", "dans", "vers", "pour", "chez", "auprès", "sur", "avec"}
SCOPES = {"subtree", "clause", "right", "nmod", "phrase", "matched"}
ACTORS = {"origin", "subject", "object", "pour", "de", "possessive", "head_noun", "preceding", "self"}
ROLES = {"trigger", "mutual"}
# the token attributes a dependency pattern may test, and their columns in `_dep_matches`' array
DEP_ATTRS = {"LEMMA": LEMMA, "POS": POS, "DEP": DEP, "LOWER": LOWER}
# weight of parties.tsv from which a noun names a travelling party ("la délégation"), not a host's title
TRAVEL_PARTY = 3
# nouns that count what they govern: the clause of "une série d'accords" is the clause of "série"
QUANTITY_NOUNS = {"dizaine", "douzaine", "quinzaine", "vingtaine", "trentaine", "centaine", "série", "ensemble",
                  "nombre", "multitude", "kyrielle", "batterie", "train", "paquet", "lot", "foule", "panoplie"}
ACTOR_WEIGHTS = {"named": 1.0, "mutual": 0.9, "visitor": 0.8, "partner_other": 0.7}


def _check_rule(component: str, n: int, row: dict) -> None:
    """A row of triggers.jsonl, checked field by field; the error names the row and the field."""
    def bad(field: str, why: str) -> ValueError:
        return ValueError(f"{component}: triggers.jsonl row {n} ({row.get('id')!r}), field {field!r}: {why}")
    if not isinstance(row.get("id"), str) or not isinstance(row.get("pattern"), list):
        raise bad("id" if not isinstance(row.get("id"), str) else "pattern", "missing or of the wrong type")
    if row.get("role") not in ROLES:
        raise bad("role", f"{row.get('role')!r} not in {sorted(ROLES)}")
    if row["role"] == "mutual":
        return
    scope = row.get("scope", "subtree")
    if set(scope if isinstance(scope, list) else [scope]) - SCOPES:
        raise bad("scope", f"{scope!r} not in {sorted(SCOPES)}")
    for field in ("mutual_if", "head_not"):
        if not isinstance(row.get(field, []), list):
            raise bad(field, "not a list of lemmas")
    if set(row.get("actor", [])) - ACTORS:
        raise bad("actor", f"{sorted(set(row['actor']) - ACTORS)} not in {sorted(ACTORS)}")
    if not isinstance(row.get("discussed", False), bool):
        raise bad("discussed", "not true or false")
    if not isinstance(row.get("confidence"), (int, float)) or not 0 < row["confidence"] <= 1:
        raise bad("confidence", f"{row.get('confidence')!r} not in (0, 1]")


class SectorInterests(TableComponent):
    """Finds sector-interest statements and resolves their actor to a country."""

    TABLES = ("triggers.jsonl", "parties.tsv")

    def __init__(self, nlp: Language, name: str, *, weights: dict[str, float]):
        super().__init__(nlp, name)
        missing = set(ACTOR_WEIGHTS) - set(weights)
        if missing:
            raise ValueError(f"{name}: weights lack {sorted(missing)}")
        self.weights = dict(weights)

    def compile(self) -> None:
        self.rules: dict[str, dict] = {}
        self.dep_rules: list[tuple[dict, list[tuple]]] = []
        self.matcher = Matcher(self.nlp.vocab, validate=True)
        self.mutual_matcher = Matcher(self.nlp.vocab, validate=True)
        for n, row in enumerate(self.tables["triggers.jsonl"], 1):
            _check_rule(self.name, n, row)
            if row["role"] == "mutual":
                self.mutual_matcher.add(row["id"], [row["pattern"]])
                continue
            self.rules[row["id"]] = row
            if row.get("kind") == "dep":
                self.dep_rules.append((row, _dep_nodes(self.name, n, row)))
            else:
                self.matcher.add(row["id"], [row["pattern"]])
        for n, row in enumerate(self.tables["parties.tsv"], 1):
            try:
                float(row.get("weight") or "")
            except ValueError:
                raise ValueError(f"{self.name}: parties.tsv row {n}, field 'weight': not a number: "
                                 f"{row.get('weight')!r}") from None
        self.party_nouns = {row["lemma"]: float(row["weight"]) for row in self.tables["parties.tsv"]}

    # -- the component --------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        group = doc.spans.setdefault(EVENTS_KEY, [])
        sectors = list(doc.spans[SECTORS_KEY]) if SECTORS_KEY in doc.spans else []
        triggers = self._triggers(doc, sectors)
        if not triggers:
            return doc
        countries = DocCountries(doc)
        visitor = self._visitor(doc, countries)
        used = {(s.start_char, s.end_char) for s in group}
        seen: set[tuple] = {(s._.event["actor"]["country"], s._.event["sector"]) for s in group
                            if s._.event and s._.event.get("type") == "sector_interest"}
        mutual: dict[int, list[int]] = {}  # sentence start -> where its mutual cues start, read once
        voices: dict[int, dict[int, int]] = {}  # sentence start -> its `quote_segments`
        for rule, anchor, match_tokens in triggers:
            if _negated(anchor) or (_in_name(anchor) and not rule.get("in_names")) \
                    or anchor.head.lemma_ in rule.get("head_not", ()):
                continue
            sentence = whole_sentence(anchor)
            if rule.get("sentence_requires") and not any(
                    t.lemma_ in rule["sentence_requires"] for t in sentence):
                continue
            if sentence.start not in voices:
                voices[sentence.start] = quote_segments(sentence)
            voice = voices[sentence.start]
            scope = {i for i in self._scope(rule, anchor, match_tokens, sentence.end)
                     if sentence.start <= i < sentence.end and voice[i] == voice[anchor.i]}
            parties = between_parties(match_tokens)
            stop = {t.i for t in match_tokens}
            found = [s for s in sectors if s.start in scope and s.start not in parties and not in_title(s.root, stop)
                     and not described(s.root, anchor) and not (rule.get("discussed") and trains_people(s))]
            if not found:
                continue
            for actor in self._actors(rule, anchor, match_tokens, scope, countries, visitor, mutual):
                for sector in found:
                    key = (actor["country"], sector._.sector["slug"])
                    if actor["country"] is None or key in seen:
                        continue
                    span = _evidence(doc, match_tokens, sector, used)
                    if span is None:
                        continue
                    seen.add(key)
                    used.add((span.start_char, span.end_char))
                    span._.event = {
                        "type": "sector_interest",
                        "actor": {"name": actor["name"], "country": actor["country"]},
                        "sector": sector._.sector["slug"],
                        "nace": sector._.sector["nace"],
                        "rule": rule["id"],
                        "confidence": round(rule["confidence"] * actor["weight"], 3),
                        "cameo": "061",
                        "plover": "COOPERATE",
                    }
                    group.append(span)
        _add_visit_sectors(doc)
        return doc

    def _triggers(self, doc: Doc, sectors: list[Span]) -> list[tuple[dict, Token, list[Token]]]:
        """(rule, anchor token, matched tokens) in text order, in the sentences that name a sector
        (a rule reads its sectors in its trigger's sentence only)."""
        found = []
        sentences = {sent.start: sent for sector in sectors for sent in led_to(sector.sent)}
        for sentence in sentences.values():  # an AnchoredMatcher: it runs around the words the triggers need
            for match_id, start, end in self.matcher(sentence):
                rule = self.rules[self.nlp.vocab.strings[match_id]]
                tokens = list(sentence[start:end])
                found.append((rule, tokens[rule.get("anchor", 0)], tokens))
        for rule, token_ids in self._dep_matches(doc, sentences):
            tokens = [doc[i] for i in token_ids]
            found.append((rule, tokens[rule.get("anchor", 0)], sorted(tokens, key=lambda t: t.i)))
        found.sort(key=lambda f: (f[1].i, f[0]["id"]))
        return found

    def _dep_matches(self, doc: Doc, sentences: dict[int, Span]) -> list[tuple[dict, list[int]]]:
        """(rule, token of each node in pattern order) for every match of the dependency patterns whose first
        node is in these sentences, as a DependencyMatcher gives them, without its copy of the doc."""
        if not sentences or not self.dep_rules:
            return []
        array = doc.to_array([*DEP_ATTRS.values(), HEAD])
        columns = dict(zip(DEP_ATTRS.values(), array[:, :-1].T.tolist()))
        heads = array[:, -1].astype("int64").tolist()  # signed offsets to the head, stored unsigned
        tokens = [i for sentence in sentences.values() for i in range(sentence.start, sentence.end)]
        children: dict[int, list[int]] = {}
        for i in (i for i in tokens if heads[i]):   # a root is its own head, no child of itself
            children.setdefault(i + heads[i], []).append(i)

        def fitting(pool: Iterable[int], tests: tuple) -> list[int]:
            for attr, allowed in tests:                 # one pass a test, no call a token
                column = columns[attr]
                pool = [i for i in pool if column[i] in allowed]
            return pool

        found = []
        for rule, nodes in self.dep_rules:
            for root in fitting(tokens, nodes[0][2]):
                assignments = [{nodes[0][0]: root}]
                for node, parent, tests in nodes[1:]:
                    assignments = [{**a, node: child} for a in assignments
                                   for child in fitting(children.get(a[parent], ()), tests)]
                for assignment in assignments:
                    found.append((rule, [assignment[node] for node, _, _ in nodes]))
        return found

    # -- where the sectors are read -------------------------------------------------------------
    @classmethod
    def _scope(cls, rule: dict, anchor: Token, match_tokens: list[Token], end: int) -> set[int]:
        """Token indices where the rule reads its sectors (a list of scopes gives their union); `end`: the
        end of the anchor's whole sentence, read once per trigger."""
        scope = rule.get("scope", "subtree")
        if isinstance(scope, list):
            return set().union(*(cls._scope({**rule, "scope": one}, anchor, match_tokens, end) for one in scope))
        if scope == "right":
            return set(range(anchor.i, end))
        if scope == "phrase":
            return {t.i for t in anchor.subtree} | set(range(anchor.i, phrase_end(anchor, end))) | listed_after(anchor)
        if scope == "matched":                   # the visited site, the theme a meeting bore on
            return {t.i for token in match_tokens if token.i != anchor.i for t in token.subtree}
        if scope == "nmod":
            return {t.i for child in anchor.children if child.dep_.startswith("nmod") for t in child.subtree}
        if anchor.dep_ == "nmod" and anchor.head.lemma_ in QUANTITY_NOUNS:
            anchor = anchor.head                 # "une dizaine d'accords ont été signés en matière de ..."
        head = argument_head(anchor) if scope == "clause" else anchor
        if head.dep_ in ("acl:relcl", "acl") and head.head.pos_ in ("NOUN", "PROPN", "PRON"):
            head = top_nominal(head.head)      # "ce sont les secteurs X ... qui ont attiré"
        return {t.i for t in head.subtree} | {t.i for t in match_tokens}

    # -- who is interested ----------------------------------------------------------------------
    def _actors(self, rule: dict, anchor: Token, match_tokens: list[Token], scope: set[int],
                countries: "DocCountries", visitor: dict | None, mutual: dict[int, list[int]]) -> list[dict]:
        """The interested parties: the countries of a cooperation "entre X et Y", named by the trigger,
        else mutual, else the visiting party."""
        partner = _partner_country(anchor, countries)
        between = countries.all_of_tokens([anchor.doc[i] for i in sorted(between_parties(match_tokens))])
        subject = next(iter(_actor_phrases("subject", anchor, match_tokens)), None)
        if len(between) > 1 and (subject is None or anchor in subject or self._no_party(subject, countries)):
            # "la coopération entre Lyon et Dakar en matière de ..." (a party that wishes it is its actor)
            return [{"name": None, "country": c, "weight": self.weights["mutual"]} for c in between]
        domain = rule.get("mutual_if") and any(anchor.doc[i].lemma_ in rule["mutual_if"] for i in scope)
        if rule.get("mutual") or domain or self._mutual_cue(anchor, scope, mutual):
            pair = countries.main_pair(visitor["country"] if visitor else None)
            if pair:
                return [{"name": None, "country": c, "weight": self.weights["mutual"]} for c in pair]
        side = fronted_side(anchor)
        if side is not None and (country := countries.of_tokens(list(side))):
            return [{"name": side.text, "country": country, "weight": self.weights["named"]}]
        for kind in rule.get("actor", []):
            phrases = _actor_phrases(kind, anchor, match_tokens)
            if kind == "origin":                 # the first of the trigger noun's own origins that names a country
                phrases = (p for p in phrases if countries.of_tokens(list(p)))
            phrase = next(iter(phrases), None)
            if phrase is None:
                continue
            named = countries.all_of_tokens(_origin_tokens(phrase))
            if len(named) > 1 and kind == "subject":   # "la France et le Maroc veulent coopérer"
                return [{"name": None, "country": c, "weight": self.weights["mutual"]} for c in named]
            country = named[0] if named else None
            if kind == "self" and visitor and country != visitor["country"]:
                continue                         # the host's own firms of a sector are no interest
            if country and country != partner:
                return [{"name": _name(phrase), "country": country, "weight": self.weights["named"]}]
            if country is None and phrase[0].pos_ == "PRON":
                break                            # "nous", "ils": the speaker, i.e. the visiting party
            if country is None and kind == "subject" and rule.get("visitor") == "party" \
                    and self.party_nouns.get(phrase.root.lemma_.lower(), 0) < TRAVEL_PARTY:
                return []                        # "le maire a parlé de ...": a host's words, not the visitors'

        if rule.get("visitor") is False:       # the rule's own words must name the party
            return []
        if visitor and visitor["country"] != partner:
            return [dict(visitor, weight=self.weights["visitor"])]
        if partner:
            other = countries.main_pair(partner)
            if other:
                return [{"name": None, "country": other[1], "weight": self.weights["partner_other"]}]
        return []

    def _no_party(self, subject: Span, countries: "DocCountries") -> bool:
        """A subject that is nobody's ("cette visite s'inscrit dans ..."): no pronoun, person, party noun, country."""
        return subject[0].pos_ != "PRON" and subject.root.ent_type_ != "PER" \
            and subject.root.lemma_.lower() not in self.party_nouns and not countries.of_tokens(list(subject))

    def _mutual_cue(self, anchor: Token, scope: set[int], mutual: dict[int, list[int]]) -> bool:
        """Mutual wording in the trigger's scope or its predicate's arguments ("permettre aux deux régions");
        `mutual` keeps each sentence's cues, for the triggers of one sentence."""
        sentence = anchor.sent
        if sentence.start not in mutual:
            mutual[sentence.start] = [start + sentence.start for _, start, _ in self.mutual_matcher(sentence)]
        head = argument_head(anchor)
        near = scope | {t.i for predicate in (head, head.head) for child in predicate.children
                        if child.dep_ in ("iobj", "obl:arg", "nsubj", "obj") for t in child.subtree}
        # the subject of the trigger's clause ("les deux parties ont passé en revue la coopération")
        near |= {t.i for subject in itertools.islice(subjects(anchor), 1) for t in subject.subtree}
        return any(start in near for start in mutual[sentence.start])

    def _visitor(self, doc: Doc, countries: "DocCountries") -> dict | None:
        """The visiting party: the visitor of the article's main visit (presse_events), else the
        country most often given as the origin of a party noun ("l'ambassadeur du Kazakhstan")."""
        visits = _visits(doc)
        for visit in sorted(visits, key=lambda v: v.get("salience") != "main"):
            return {"name": visit["visitor"].get("name"), "country": visit["visitor"]["country"]}
        votes: Counter = Counter()
        names: dict[str, str] = {}
        for token in doc:
            if token.lemma_.lower() not in self.party_nouns or token.pos_ not in ("NOUN", "PROPN"):
                continue
            for phrase in _origin_phrases(token):
                country = countries.of_tokens(list(phrase))
                if country:
                    votes[country] += self.party_nouns[token.lemma_.lower()]
                    names.setdefault(country, _name(doc[token.left_edge.i:phrase.end]))
                    break
        if not votes:
            return None
        country = max(votes, key=lambda c: (votes[c], -countries.first.get(c, 0)))
        return {"name": names[country], "country": country}


class DocCountries:
    """The countries a Doc's mentions carry (the one model of `countries`), by token, with counts."""

    def __init__(self, doc: Doc):
        self.by_token: dict[int, str] = {}
        for mention in doc_mentions(doc, home_country(doc)):
            if mention.country:
                for i in range(mention.start, mention.end):
                    self.by_token.setdefault(i, mention.country)
        self.first: dict[str, int] = {}
        for i, code in sorted(self.by_token.items()):
            self.first.setdefault(code, i)
        # count mentions, not tokens: a two-word place is one mention
        starts = [i for i in sorted(self.by_token) if i - 1 not in self.by_token]
        self.ranked = ranked_countries((self.by_token[i], i) for i in starts)

    def of_tokens(self, tokens: list[Token]) -> str | None:
        """The first country named by these tokens, through the place layer, else `country_code`."""
        return next((code for token in tokens if (code := self._of_token(token))), None)

    def all_of_tokens(self, tokens: list[Token]) -> list[str]:
        """Every country these tokens name, in text order."""
        return list(dict.fromkeys(code for token in tokens if (code := self._of_token(token))))

    def _of_token(self, token: Token) -> str | None:
        if token.i in self.by_token:
            return self.by_token[token.i]
        if token.pos_ in ("PROPN", "ADJ", "NOUN") and token.text[:1].isalpha():
            return country_code(token.text)
        return None

    def main_pair(self, first: str | None) -> list[str] | None:
        """The two main countries of the doc, `first` (the visitor or a partner) leading."""
        ranked = self.ranked
        if first:
            others = [c for c in ranked if c != first]
            return [first, others[0]] if others else None
        return ranked[:2] if len(ranked) >= 2 else None


def _dep_nodes(component: str, n: int, row: dict) -> list[tuple[str, str | None, tuple]]:
    """A dependency pattern as (node, parent node, ((attribute column, allowed ids), ...)) in pattern
    order; the error names the row and the field of what `_dep_matches` does not read."""
    def bad(field: str, why: str) -> ValueError:
        return ValueError(f"{component}: triggers.jsonl row {n} ({row['id']!r}), field {field!r}: {why}")
    nodes: list[tuple[str, str | None, tuple]] = []
    for k, node in enumerate(row["pattern"]):
        parent = node.get("LEFT_ID")
        if not isinstance(node.get("RIGHT_ID"), str) or (k == 0) != (parent is None) \
                or (k and parent not in [name for name, _, _ in nodes]):
            raise bad("pattern", f"node {k}: a RIGHT_ID, and a LEFT_ID naming an earlier node (none on the first)")
        if k and node.get("REL_OP") != ">":
            raise bad("REL_OP", f"node {k}: {node.get('REL_OP')!r}, only '>' is read")
        tests = []
        for attr, value in node.get("RIGHT_ATTRS", {}).items():
            values = value["IN"] if isinstance(value, dict) and set(value) == {"IN"} else [value]
            if attr not in DEP_ATTRS or not all(isinstance(v, str) and (attr != "POS" or v in POS_IDS)
                                                for v in values):
                raise bad("RIGHT_ATTRS", f"node {k}: {attr} {value!r}; read: a string or an IN list of "
                                         f"{sorted(DEP_ATTRS)}")
            ids = [POS_IDS[v] if attr == "POS" else get_string_id(v) for v in values]
            tests.append((DEP_ATTRS[attr], frozenset(ids)))
        nodes.append((node["RIGHT_ID"], parent, tuple(tests)))
    return nodes


def _visits(doc: Doc) -> list[dict]:
    """The international visits of presse_events (a party's trip inside its own country is no visit)."""
    return [e for span in doc.spans.get(EVENTS_KEY, []) if (e := span._.event) and e.get("type") == "visit"
            and e["visitor"].get("country") and e["visitor"]["country"] != (e.get("destination") or {}).get("country")]


def _add_visit_sectors(doc: Doc) -> None:
    """A main visit is about the sectors its visitors say they are interested in."""
    interests = [e for span in doc.spans.get(EVENTS_KEY, []) if (e := span._.event)
                 and e.get("type") == "sector_interest"]
    for visit in _visits(doc):
        if visit.get("salience") != "main":
            continue
        sectors = visit.setdefault("sectors", [])
        for interest in interests:
            if interest["actor"]["country"] == visit["visitor"].get("country") and interest["sector"] not in sectors:
                sectors.append(interest["sector"])


def _actor_phrases(kind: str, anchor: Token, match_tokens: list[Token]) -> Iterable[Span]:
    doc = anchor.doc
    if kind == "subject":
        for subject in subjects(anchor):
            yield doc[subject.left_edge.i:subject.right_edge.i + 1]
    elif kind == "origin":                      # "des investisseurs canadiens", "les opérateurs du Golfe"
        if anchor.pos_ in ("NOUN", "PROPN"):
            yield from _origin_phrases(anchor)
    elif kind == "object":                      # "le secteur minier attire les investisseurs émiratis"
        for child in anchor.children:
            if child.dep_ == "obj":
                yield doc[child.left_edge.i:child.right_edge.i + 1]
    elif kind == "self":                        # "des chefs d'entreprise indiens du secteur X"
        first = match_tokens[0]
        yield doc[first.left_edge.i:first.right_edge.i + 1]
    elif kind == "head_noun":
        if anchor.dep_ in ("acl", "amod"):
            yield doc[anchor.head.left_edge.i:anchor.head.i + 1]
    elif kind in ("pour", "de"):
        wanted = {"pour"} if kind == "pour" else DE
        for token in [anchor, match_tokens[-1]]:
            for child in token.children:
                if child.dep_.split(":")[0] in ("obl", "nmod") and case(child) in wanted:
                    yield doc[child.left_edge.i:child.right_edge.i + 1]
    elif kind == "preceding":                    # mis-parsed subject: "L'Inde recherche des partenaires"
        start = anchor.i
        while start > anchor.sent.start and doc[start - 1].pos_ not in ("VERB", "AUX", "PUNCT", "SCONJ", "PRON"):
            start -= 1
        if start < anchor.i:
            yield doc[start:anchor.i]
    elif kind == "possessive":
        for child in anchor.children:
            if child.dep_ == "det" and "Poss=Yes" in str(child.morph):
                yield doc[child.i:child.i + 1]


def _origin_phrases(token: Token) -> Iterable[Span]:
    """Where a party noun says its party comes from: adjectives and de-complements, 3 levels deep."""
    doc = token.doc
    frontier = [token]
    for _ in range(3):
        next_frontier = []
        for head in frontier:
            for child in head.children:
                dep = child.dep_.split(":")[0]
                if dep in ("amod",) and child.pos_ == "ADJ":
                    yield doc[child.i:child.i + 1]
                elif dep in ("nmod", "appos", "flat") and case(child) not in NOT_ORIGIN:
                    yield doc[child.i:child.i + 1] if child.pos_ == "PROPN" else doc[child.left_edge.i:child.i + 1]
                    next_frontier.append(child)
        frontier = next_frontier


def _origin_tokens(phrase: Span) -> list[Token]:
    """A party phrase without its destination complements: "cette visite [à Dakar]"."""
    dropped: set[int] = set()
    for token in phrase:
        if token.i not in dropped and token.i != phrase.root.i and case(token) in NOT_ORIGIN:
            dropped.update(t.i for t in token.subtree)
    return [t for t in phrase if t.i not in dropped]


def _partner_country(anchor: Token, countries: DocCountries) -> str | None:
    """The country a cooperation is *with* ("axes de la coopération renforcée avec la Catalogne")."""
    for token in anchor.subtree:
        if case(token) == "avec" and token.dep_.split(":")[0] in ("nmod", "obl"):
            country = countries.of_tokens(list(token.subtree))
            if country:
                return country
    return None


def _in_name(anchor: Token) -> bool:
    """A trigger inside an organisation's name ("l'association Cuba Coopération Guadeloupe") says nothing."""
    return anchor.ent_type_ in ("ORG", "MISC") or (
        anchor.text[:1].isupper() and not anchor.is_sent_start and anchor.i > 0
        and anchor.nbor(-1).is_alpha and not anchor.nbor(-1).is_space)


def _negated(anchor: Token) -> bool:
    return any(child.lower_ in ("pas", "jamais", "guère", "nullement") for child in argument_head(anchor).children)


def _name(phrase: Span) -> str | None:
    return text if (text := phrase.text.strip()) and phrase[0].pos_ != "PRON" else None


def _evidence(doc: Doc, match_tokens: list[Token], sector: Span, used: set) -> Span | None:
    """The trigger-to-sector stretch, else the sector mention, else the sentence: offsets not yet used."""
    start = min(match_tokens[0].i, sector.start)
    end = max(match_tokens[-1].i + 1, sector.end)
    for span in (doc[start:end], sector, doc[match_tokens[0].i:match_tokens[-1].i + 1], sector.sent):
        if (span.start_char, span.end_char) not in used:
            return Span(doc, span.start, span.end, label="sector_interest")
    return None


@Language.factory(
    "presse_interests",
    assigns=["doc.spans", "span._.event"],
    requires=["doc.ents", "doc.spans", "span._.event", "span._.sector", "span._.place", "token.dep", "token.lemma"],
    default_config={"weights": ACTOR_WEIGHTS},
)
def make_interests(nlp: Language, name: str, weights: dict[str, float]) -> SectorInterests:
    """`weights`: the factor on a rule's confidence by how the actor was found: `named` by the
    trigger, `mutual` wording, the article's `visitor`, the other side of a `partner_other`."""
    return SectorInterests(nlp, name, weights=weights)
