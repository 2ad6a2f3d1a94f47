"""Builds the sample output folder (documents.jsonl, events.jsonl) through the records.

The articles are short French texts written for the tests; every record goes through the pydantic
models and every offset is computed from the text, so the sample is valid by construction.
`python tests/data/outputs_sample/make_sample.py` rewrites the files; test_schema checks they
equal a fresh build.
"""
from __future__ import annotations

from pathlib import Path

from pipeline.records import (Agreement, DateMention, Document, Entity, Person, Place, SectorInterest,
                              SectorMention, Visit, stable_hash)

HERE = Path(__file__).resolve().parent

AMIENS = (
    "Une délégation de la ville de Zhengzhou, conduite par le vice-maire Li Wei, a été reçue "
    "du 25 au 27 août à Amiens par Pascale Moreau, vice-présidente d'Amiens Métropole. "
    "Les visiteurs chinois se disent particulièrement intéressés par l'agroalimentaire et le tourisme. "
    "Un accord de coopération avait été signé en 2018 entre la ville de Zhengzhou et Amiens Métropole."
)
VOSGES = (
    "Une délégation du Kazakhstan, menée par l'ambassadeur Nurlan Abenov, a visité les Vosges "
    "en octobre pour rencontrer les entreprises du département. "
    "Les Kazakhs cherchent des partenaires dans l'automobile."
)
DAKAR = (
    "Le président de la région Nouvelle-Aquitaine, Jean-Marc Lefèvre, s'est rendu à Dakar "
    "la semaine dernière, où il a été reçu par le ministre Moussa Diop."
)


def span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def entity(text: str, part: str, label: str, place: Place | None = None, after: int = 0) -> Entity:
    start, end = span(text, part, after)
    return Entity(text=part, label=label, start=start, end=end, place=place)


def evidence(text: str, sentence: str) -> dict:
    start, end = span(text, sentence)
    return {"text": sentence, "start": start, "end": end}


def event_id(doc_id: str, kind: str, *parts: object) -> str:
    return "e" + stable_hash(doc_id, kind, *parts)


def build() -> tuple[list[Document], list]:
    amiens_fr = Place(name="Amiens", country="FR", kind="city", code="80021", geonames_id=3037854,
                      lat=49.8942, lon=2.2957)
    zhengzhou = Place(name="Zhengzhou", country="CN", kind="city", geonames_id=1784658,
                      lat=34.7578, lon=113.6486)
    vosges = Place(name="Vosges", country="FR", kind="department", code="FR-88", lat=48.1667, lon=6.5)
    kazakhstan = Place(name="Kazakhstan", country="KZ", kind="country", code="KZ")
    dakar = Place(name="Dakar", country="SN", kind="city", code="SN-DK", geonames_id=2253354,
                  lat=14.6937, lon=-17.4441)
    aquitaine = Place(name="Nouvelle-Aquitaine", country="FR", kind="region", code="FR-NAQ")

    first, second, amiens_accord = AMIENS.split(". ")
    amiens_visit, amiens_interest = first + ".", second + "."
    doc1 = Document(
        doc_id="amiens-2019", source="sample/amiens.txt", published="2019-08-28",
        published_source="input", title="Une délégation de Zhengzhou à Amiens", text=AMIENS,
        url="https://example.org/amiens",
        entities=[entity(AMIENS, "Zhengzhou", "LOC", zhengzhou), entity(AMIENS, "Li Wei", "PER"),
                  entity(AMIENS, "Amiens", "LOC", amiens_fr), entity(AMIENS, "Pascale Moreau", "PER"),
                  entity(AMIENS, "Amiens Métropole", "ORG")],
        dates=[DateMention(text="du 25 au 27 août", start=span(AMIENS, "du 25 au 27 août")[0],
                           end=span(AMIENS, "du 25 au 27 août")[1], value="2019-08-25/2019-08-27",
                           kind="interval"),
               DateMention(text="en 2018", start=span(AMIENS, "en 2018")[0], end=span(AMIENS, "en 2018")[1],
                           value="2018", kind="year")],
        people=[Person(name="Li Wei", title="vice-maire", organisation="ville de Zhengzhou", country="CN",
                       mentions=[span(AMIENS, "Li Wei")]),
                Person(name="Pascale Moreau", title="vice-présidente", organisation="Amiens Métropole",
                       country="FR", mentions=[span(AMIENS, "Pascale Moreau")])],
        sectors=[SectorMention(text="agroalimentaire", start=span(AMIENS, "agroalimentaire")[0],
                               end=span(AMIENS, "agroalimentaire")[1], slug="agroalimentaire", nace="C10;C11"),
                 SectorMention(text="tourisme", start=span(AMIENS, "tourisme")[0],
                               end=span(AMIENS, "tourisme")[1], slug="tourisme", nace="I55;I56;N79")],
    )
    vosges_visit, vosges_interest = VOSGES.split("département. ")
    vosges_visit += "département."
    doc2 = Document(
        doc_id="vosges-kz", source="sample/vosges.txt", published="2019-10", published_source="input",
        title="Le Kazakhstan dans les Vosges", text=VOSGES,
        entities=[entity(VOSGES, "Kazakhstan", "LOC", kazakhstan), entity(VOSGES, "Nurlan Abenov", "PER"),
                  entity(VOSGES, "Vosges", "LOC", vosges)],
        dates=[DateMention(text="en octobre", start=span(VOSGES, "en octobre")[0],
                           end=span(VOSGES, "en octobre")[1], value="2019-10", kind="month")],
        people=[Person(name="Nurlan Abenov", title="ambassadeur", country="KZ",
                       mentions=[span(VOSGES, "Nurlan Abenov")])],
        sectors=[SectorMention(text="automobile", start=span(VOSGES, "automobile")[0],
                               end=span(VOSGES, "automobile")[1], slug="automobile", nace="C29")],
    )
    doc3 = Document(
        doc_id="dakar-2021", source="sample/dakar.txt", published="2021-03-12", published_source="input",
        title="Nouvelle-Aquitaine : mission à Dakar", text=DAKAR,
        entities=[entity(DAKAR, "Nouvelle-Aquitaine", "LOC", aquitaine), entity(DAKAR, "Jean-Marc Lefèvre", "PER"),
                  entity(DAKAR, "Dakar", "LOC", dakar), entity(DAKAR, "Moussa Diop", "PER")],
        dates=[DateMention(text="la semaine dernière", start=span(DAKAR, "la semaine dernière")[0],
                           end=span(DAKAR, "la semaine dernière")[1], value=None, kind="relative")],
        people=[Person(name="Jean-Marc Lefèvre", title="président", organisation="région Nouvelle-Aquitaine",
                       country="FR", mentions=[span(DAKAR, "Jean-Marc Lefèvre")]),
                Person(name="Moussa Diop", title="ministre", country="SN", mentions=[span(DAKAR, "Moussa Diop")])],
    )

    common = {"rule": "sample", "confidence": 0.9}
    events = [
        Visit(event_id=event_id("amiens-2019", "visit"), doc_id="amiens-2019",
              evidence=evidence(AMIENS, amiens_visit), cameo="042", plover="CONSULT", **common,
              visitor={"name": "ville de Zhengzhou", "country": "CN", "place": "Zhengzhou"},
              visitors=[{"name": "Li Wei", "title": "vice-maire"}],
              destination={"name": "Amiens", "country": "FR", "kind": "city", "code": "80021"},
              hosts=[{"name": "Pascale Moreau", "label": "PER"}, {"name": "Amiens Métropole", "label": "ORG"}],
              start="2019-08-25", end="2019-08-27", sectors=["agroalimentaire", "tourisme"],
              status="past", salience="main"),
        SectorInterest(event_id=event_id("amiens-2019", "interest", "agroalimentaire"), doc_id="amiens-2019",
                       evidence=evidence(AMIENS, amiens_interest), cameo="030", plover="COOPERATE", **common,
                       actor={"name": "ville de Zhengzhou", "country": "CN"}, sector="agroalimentaire",
                       nace="C10;C11"),
        SectorInterest(event_id=event_id("amiens-2019", "interest", "tourisme"), doc_id="amiens-2019",
                       evidence=evidence(AMIENS, amiens_interest), cameo="030", plover="COOPERATE", **common,
                       actor={"name": "ville de Zhengzhou", "country": "CN"}, sector="tourisme",
                       nace="I55;I56;N79"),
        Agreement(event_id=event_id("amiens-2019", "agreement"), doc_id="amiens-2019",
                  evidence=evidence(AMIENS, amiens_accord), cameo="057", plover="AGREE", **common,
                  parties=[{"name": "ville de Zhengzhou", "country": "CN"},
                           {"name": "Amiens Métropole", "country": "FR"}], date="2018"),
        Visit(event_id=event_id("vosges-kz", "visit"), doc_id="vosges-kz",
              evidence=evidence(VOSGES, vosges_visit), cameo="042", plover="CONSULT", **common,
              visitor={"name": "délégation du Kazakhstan", "country": "KZ", "place": None},
              visitors=[{"name": "Nurlan Abenov", "title": "ambassadeur"}],
              destination={"name": "Vosges", "country": "FR", "kind": "department", "code": "FR-88"},
              start="2019-10", end="2019-10", sectors=["automobile"], status="past", salience="main"),
        SectorInterest(event_id=event_id("vosges-kz", "interest", "automobile"), doc_id="vosges-kz",
                       evidence=evidence(VOSGES, vosges_interest), cameo="030", plover="COOPERATE", **common,
                       actor={"name": "Kazakhs", "country": "KZ"}, sector="automobile", nace="C29"),
        Visit(event_id=event_id("dakar-2021", "visit"), doc_id="dakar-2021",
              evidence=evidence(DAKAR, DAKAR), cameo="042", plover="CONSULT", **common,
              visitor={"name": "région Nouvelle-Aquitaine", "country": "FR", "place": "Nouvelle-Aquitaine"},
              visitors=[{"name": "Jean-Marc Lefèvre", "title": "président"}],
              destination={"name": "Dakar", "country": "SN", "kind": "city", "code": "SN-DK"},
              hosts=[{"name": "Moussa Diop", "label": "PER"}], status="past", salience="main"),
    ]
    return [doc1, doc2, doc3], events


def write(folder: Path = HERE) -> None:
    documents, events = build()
    for name, records in (("documents.jsonl", documents), ("events.jsonl", events)):
        (folder / name).write_text("".join(r.to_json() + "\n" for r in records), encoding="utf-8")


if __name__ == "__main__":
    write()
