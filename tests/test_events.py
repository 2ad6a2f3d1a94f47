"""presse_events: visits read from French sentences written for these tests.

Each case is a short French text (one or a few sentences), its publication date,
and what the events must say (tests/cases/events_*.jsonl).  The pipeline is built once per session.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.components.countries import fold

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
GOLD = ROOT.parent / "shared" / "gold" / "seeds.jsonl"


def cases(*names):
    """Rows {text, published, expected} of tests/cases/<name>.jsonl.

    expected: one dict per visit, with the fields to check: vc = visitor country, dest =
    destination name (folded prefix match), dc = destination country, start/end, status,
    cameo, salience, rule, hosts / visitors (names that must be among them), no_hosts / no_visitors, vname,
    vplace, purpose (words it must contain); [] when the text tells no visit.
    """
    rows = []
    for name in names:
        for line in (CASES / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows.append(pytest.param(row["text"], row["published"], row["expected"],
                                         id=f"{name}:{len(rows)}"))
    return rows


def run(nlp, text, published):
    doc = nlp.make_doc(text)
    doc._.published = published
    doc = nlp(doc)
    return [(span, span._.event) for span in doc.spans.get("events", [])
            if span._.event and span._.event["type"] == "visit"]


def find_visit(events, want):
    """The visit with the wanted visitor country and destination (and start, when two share them)."""
    found = [e for _, e in events if e["type"] == "visit" and e["visitor"]["country"] == want["vc"]
             and fold(e["destination"]["name"]).startswith(fold(want["dest"]))]
    dated = [e for e in found if e["start"] == want.get("start")]
    return (dated or found or [None])[0]


def check_visit(e, want):
    if "dc" in want:
        assert e["destination"]["country"] == want["dc"]
    for key in ("start", "end", "status", "cameo", "salience", "rule"):
        if key in want:
            assert e[key] == want[key], (key, e[key])
    for name in want.get("no_hosts", []):
        assert fold(name) not in {fold(h["name"]) for h in e["hosts"]}, (name, e["hosts"])
    if "vname" in want:
        assert fold(e["visitor"]["name"] or "") == fold(want["vname"]), e["visitor"]
    if "vplace" in want:
        assert e["visitor"]["place"] == want["vplace"], e["visitor"]
    hosts = {fold(h["name"]) for h in e["hosts"]}
    for name in want.get("hosts", []):
        assert fold(name) in hosts, (name, e["hosts"])
    visitors = {fold(v["name"]) for v in e["visitors"]}
    for name in want.get("visitors", []):
        assert fold(name) in visitors, (name, e["visitors"])
    for name in want.get("no_visitors", []):
        assert fold(name) not in visitors, (name, e["visitors"])
    if "purpose" in want:
        assert fold(want["purpose"]) in fold(e["purpose"] or "")
    assert e["plover"] == "CONSULT" and e["rule"].startswith("visit.") and 0 < e["confidence"] <= 1


@pytest.mark.parametrize("text,published,expected", cases("events_sentences", "events_documents", "events_general", "events_stops", "events_sides"))
def test_visits(nlp, text, published, expected):
    events = run(nlp, text, published)
    visits = [e for _, e in events if e["type"] == "visit"]
    if not expected:
        assert visits == []
        return
    assert len(visits) == len(expected), [(v["visitor"], v["destination"]) for v in visits]
    for want in expected:
        e = find_visit(events, want)
        assert e is not None, (want, [(v["visitor"], v["destination"]) for v in visits])
        check_visit(e, want)


@pytest.mark.parametrize("text,published,expected", cases("events_triggers"))
def test_trigger_cases(nlp, text, published, expected):
    """How French-language press at home and abroad tells a trip or a reception (tests/cases/events_triggers.jsonl),
    and near misses that tell none: a meeting held from afar, a trip cancelled or put off, the host's own
    officials at home (a visit inside its own country is never annotated, so only international ones count)."""
    events = [(s, e) for s, e in run(nlp, text, published) if e["visitor"]["country"] != e["destination"]["country"]]
    visits = [e for _, e in events]
    assert len(visits) == len(expected), [(v["rule"], v["visitor"], v["destination"]) for v in visits]
    for want in expected:
        e = find_visit(events, want)
        assert e is not None, (want, [(v["visitor"], v["destination"]) for v in visits])
        check_visit(e, want)


@pytest.mark.parametrize("row", [json.loads(line) for line in (CASES / "events_triggers_press.jsonl").read_text(
    encoding="utf-8").splitlines() if line.strip()], ids=lambda row: row["text"][:40])
def test_office_receives_in_the_papers_country(nlp, row):
    """An office of state no people names ("le Premier ministre a reçu") is the paper's own, its address
    tells which; with no place of that country in the article, the audience is held in that country."""
    doc = nlp.make_doc(row["text"])
    doc._.published, doc._.url = row["published"], row["url"]
    events = [(s, s._.event) for s in nlp(doc).spans.get("events", []) if s._.event and s._.event["type"] == "visit"
              and s._.event["visitor"]["country"] != s._.event["destination"]["country"]]
    assert len(events) == len(row["expected"]), [(e["visitor"], e["destination"]) for _, e in events]
    for want in row["expected"]:
        e = find_visit(events, want)
        assert e is not None, want
        check_visit(e, want)


def test_evidence_is_the_sentence(nlp):
    text = "Le salon a ouvert. Une délégation chinoise s'est rendue à Lyon le 12 mars 2019."
    (span, event), = run(nlp, text, None)
    assert span.text == "Une délégation chinoise s'est rendue à Lyon le 12 mars 2019."
    assert event["destination"]["code"]


def test_interest_spans_are_kept(nlp):
    text = ("Vendredi, l'ambassadeur du Kazakhstan était dans les Vosges. Il était particulièrement "
            "intéressé par les secteurs de l'automobile et des éco-matériaux.")
    doc = nlp.make_doc(text)
    doc = nlp(doc)
    types = [span._.event["type"] for span in doc.spans["events"]]
    assert "visit" in types and "sector_interest" in types
    interests = [span._.event for span in doc.spans["events"] if span._.event["type"] == "sector_interest"]
    assert len({json.dumps(i, sort_keys=True) for i in interests}) == len(interests) >= 2


def seed(doc_id):
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] == doc_id:
            return record
    raise KeyError(doc_id)


@pytest.mark.skipif(not GOLD.exists(), reason="shared gold seeds not mounted")
def test_seed_amiens(nlp):
    record = seed("seed-amiens")
    events = run(nlp, record["text"], record.get("published"))
    main = [e for _, e in events if e["type"] == "visit" and e["salience"] == "main"]
    assert len(main) == 1
    visit = main[0]
    assert visit["visitor"]["country"] == "CN" and visit["visitor"]["place"] == "Zhengzhou"
    assert visit["destination"]["name"] == "Amiens" and visit["destination"]["country"] == "FR"
    assert (visit["start"], visit["end"]) == ("2019-08-25", "2019-08-27")
    hosts = {h["name"] for h in visit["hosts"]}
    assert {"Armand Mazloumian", "Pascal Fradcourt", "Frédéric Lajoux"} <= hosts
    assert visit["cameo"] == "043"
    mentions = {(e["visitor"]["country"], e["destination"]["name"], e["start"])
                for _, e in events if e["type"] == "visit" and e["salience"] == "mention"}
    assert ("CN", "Amiens", "2018") in mentions and ("FR", "Zhengzhou", "2019-04") in mentions


@pytest.mark.skipif(not GOLD.exists(), reason="shared gold seeds not mounted")
def test_seed_vosges(nlp):
    record = seed("seed-vosges")
    events = run(nlp, record["text"], record.get("published"))
    visits = [e for _, e in events if e["type"] == "visit"]
    assert len(visits) == 1
    visit = visits[0]
    assert visit["visitor"]["country"] == "KZ" and visit["destination"]["name"] == "Vosges"
    # "Vendredi" cannot be resolved without a publication date; the exhibition's dates are not the visit's
    assert (visit["start"], visit["end"]) == (None, None)
    assert visit["visitor"]["name"] and not visit["visitor"]["name"].lower().startswith("vendredi")
    assert {v["name"] for v in visit["visitors"]} == {"Nourlan Danenov", "Anuarbek Akhmetov"}
    assert "étudier les possibilités de coopération" in visit["purpose"]
    hosts = {fold(h["name"]) for h in visit["hosts"]}
    assert {"cci des vosges et de lorraine", "pole fibres", "pole materalia"} <= hosts
    assert {"automobile", "eco-materiaux"} <= set(visit["sectors"])


def _visit(vc, dest, party, visitors=(), hosts=(), mention=False, stop=None, days=(None, None)):
    from types import SimpleNamespace

    return {"visitor": {"name": party, "country": vc}, "destination": {"name": dest, "country": "FR"},
            "visitors": [{"name": n} for n in visitors], "hosts": [{"name": n} for n in hosts],
            "_mention": mention, "_stop": stop, "start": days[0], "end": days[1], "_head": None,
            "_sent": SimpleNamespace(text=f"{party} {' '.join(visitors)} à {dest}")}


def test_tour_stops_take_the_partys_named_visitors():
    """A stop told by "le ministre" or "il" with no name of its own has the tour's named visitors;
    another party of the same country, and a trip told as an earlier one, do not."""
    from types import SimpleNamespace

    from pipeline.components.events.sides import SideStage

    tour = _visit("CA", "Finistère", "Le ministre québécois", ["André Lamontagne"])
    tour["visitors"][0]["title"] = "ministre"
    stop = _visit("CA", "Pouldreuzic", "Le ministre québécois", hosts=["André Lamontagne"])
    other = _visit("CA", "Quimperlé", "Une délégation d'éleveurs québécois")
    past = _visit("CA", "Lyon", "Le ministre québécois", mention=True)
    second = _visit("CA", "Brest", "Le ministre québécois")
    stage = SideStage()
    stage.comp = SimpleNamespace(party_kind={})
    stage.tour_visitors([tour, stop, other, past, second])
    assert stop["visitors"] == []  # a host there is not its visitor
    assert [p["name"] for p in second["visitors"]] == ["André Lamontagne"]
    assert other["visitors"] == [] and past["visitors"] == []
    # on days of its own, a stop takes the person the party names, not those who went along elsewhere
    paris = _visit("CA", "Paris", "Le premier ministre", ["Nadia Roy"], days=("2025-01-20", "2025-01-22"))
    davos = _visit("CA", "Davos", "Le premier ministre", days=("2025-01-23", "2025-01-25"))
    stage.tour_visitors([paris, davos])
    assert davos["visitors"] == []


def test_each_person_on_one_side():
    """A person found among hosts and visitors of one visit keeps one side: the agent of a passive
    ("sera reçu par le président X") hosts; one named in the visiting party, or none told, visits."""
    from types import SimpleNamespace

    from pipeline.components.events.sides import SideStage

    stage = SideStage()
    stage.v = SimpleNamespace(mentions=[])
    stage.doc = SimpleNamespace(text="Le ministre chinois Wang Yi sera reçu par le président Denis Sassou Nguesso. "
                                     "La délégation, composée de Paul Kouassi, est à Lyon. Le maire, Luc Morel, "
                                     "lui a fait visiter la ville. Dmitri Orlov sera reçu à Berne.")
    received = _visit("CN", "Brazzaville", "Le ministre chinois Wang Yi", ["Wang Yi", "Denis Sassou Nguesso"],
                      ["Denis Sassou Nguesso", "Wang Yi"])
    member = _visit("CI", "Lyon", "La délégation", ["Paul Kouassi"], ["Paul Kouassi"])
    mayor = _visit("EC", "Brive", "Les élus de Cuenca", ["Luc Morel"], ["Luc Morel"])
    subject = _visit("RU", "Berne", "la première visite", ["Dmitri Orlov"], ["Dmitri Orlov"])
    stage.one_side([received, member, mayor, subject])
    assert mayor["visitors"] == [] and [p["name"] for p in mayor["hosts"]] == ["Luc Morel"]
    assert subject["hosts"] == [] and [p["name"] for p in subject["visitors"]] == ["Dmitri Orlov"]
    assert [p["name"] for p in received["hosts"]] == ["Denis Sassou Nguesso"]
    assert [p["name"] for p in received["visitors"]] == ["Wang Yi"]
    assert member["hosts"] == [] and [p["name"] for p in member["visitors"]] == ["Paul Kouassi"]
