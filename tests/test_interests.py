"""presse_interests: sector-interest events with their actor's country."""
from __future__ import annotations

import pytest

from pipeline.components.interests import EVENTS_KEY


def interests(nlp, text: str) -> set[tuple[str, str]]:
    doc = nlp(text)
    return {(span._.event["actor"]["country"], span._.event["sector"])
            for span in doc.spans.get(EVENTS_KEY, []) if span._.event and span._.event["type"] == "sector_interest"}


@pytest.mark.parametrize("text, expected", [
    # interest, actor named by the trigger
    ("La délégation chinoise est particulièrement intéressée par le secteur de l'aéronautique.",
     {("CN", "aeronautique-spatial")}),
    ("Le Maroc s'intéresse aux énergies renouvelables.", {("MA", "energie")}),
    ("La filière bois a retenu l'attention de la délégation finlandaise.", {("FI", "bois-foret")}),
    ("Ce sont le textile et la mode qui ont attiré l'attention des investisseurs turcs.",
     {("TR", "textile-habillement")}),
    ("Les batteries sont un secteur stratégique pour la Corée du Sud.", {("KR", "electronique")}),
    ("Tous les pôles d'innovation de la région sont intéressants pour le Vietnam.",
     {("VN", "recherche-innovation")}),
    ("Les investisseurs canadiens souhaitent investir dans l'immobilier à Bordeaux.", {("CA", "immobilier")}),
    ("L'Algérie mise sur le tourisme saharien.", {("DZ", "tourisme")}),
    ("L'Inde recherche des partenaires dans l'industrie pharmaceutique.", {("IN", "pharmacie-sante")}),
    ("Le Québec coopère avec la Bretagne dans le numérique.", {("CA", "numerique")}),
    ("Les entreprises italiennes présentes dans les secteurs de l'agroalimentaire et du vin accompagnaient le ministre.",
     {("IT", "agroalimentaire"), ("IT", "vin-spiritueux")}),
    # pronoun or no country in the trigger: the visiting party of the article
    ("L'ambassadeur du Japon était à Lyon vendredi. Il s'est dit très intéressé par la robotique.",
     {("JP", "machines")}),
    ("Une délégation ukrainienne est en visite à Nantes. Elle s'intéresse notamment à la construction navale.",
     {("UA", "naval")}),
    ("Le ministre sénégalais était à Rennes. « L'agriculture est essentielle pour nous », a-t-il déclaré.",
     {("SN", "agriculture")}),
    ("L'ambassadeur du Brésil a visité Le Havre. « Nous cherchons un transfert de technologies », dit-il.",
     {("BR", "recherche-innovation")}),
    ("Une mission d'entreprises allemandes est venue à Metz. Elle veut développer des partenariats dans l'automobile.",
     {("DE", "automobile")}),
    ("Une délégation de Pologne est à Lille. Les échanges porteront sur les projets à développer dans le domaine "
     "de l'énergie et de la santé.", {("PL", "energie"), ("PL", "pharmacie-sante")}),
    ("La délégation mexicaine, composée d'élus et d'acteurs du tourisme, est arrivée à Nice.", {("MX", "tourisme")}),
    ("L'ambassadeur du Chili était à Lyon. Les discussions ont porté sur les opportunités d'investissement "
     "dans les énergies renouvelables.", {("CL", "energie")}),
    ("La délégation tunisienne a exprimé sa volonté de coopérer dans le domaine de l'eau.",
     {("TN", "eau-environnement")}),
    ("La Chine a manifesté un vif intérêt pour la filière lait et les produits laitiers normands.",
     {("CN", "agroalimentaire")}),
    # mutual wording and agreements: both countries
    ("Le ministre turc a rencontré son homologue grec. Les deux ministres ont évoqué la coopération, "
     "notamment dans l'énergie.", {("TR", "energie"), ("GR", "energie")}),
    ("Le Vietnam et la France ont signé un accord de coopération dans le domaine de la santé.",
     {("VN", "pharmacie-sante"), ("FR", "pharmacie-sante")}),
    ("Une délégation de Dakar a été reçue à Lille. Les deux villes veulent agir en commun dans le domaine "
     "de la formation.", {("SN", "education"), ("FR", "education")}),
    # cooperation *with* a country: the actor is the other party
    ("L'Occitanie accueille la Catalogne. Les axes de la coopération avec la Catalogne seront l'innovation "
     "et le tourisme en Occitanie.", {("FR", "recherche-innovation"), ("FR", "tourisme")}),
])
def test_trigger_gives_actor_and_sector(nlp, text, expected):
    assert interests(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "Le maire de Tokyo n'est pas intéressé par le tourisme.",
    "La formation politique du Japon a présenté son programme.",
    "Question transport, le Kazakhstan a décidé d'investir et de devenir un corridor.",
    "L'ambassadeur d'Espagne a visité le port et la gare.",
    "Le tourisme en Italie a progressé de 5 % l'an dernier.",
    "La délégation italienne a visité Vendôme pour en comprendre le patrimoine.",
    "Les coopérations avec le Mali concernent de grands groupes. « Il n'y a pas de coopération dans le textile ».",
    "Une délégation roumaine a visité plusieurs entreprises du secteur aéronautique à Toulouse.",
    "L'ambassadeur de Suède a salué l'énergie des bénévoles et la qualité de l'accueil.",
])
def test_no_interest(nlp, text):
    assert interests(nlp, text) == set()


def test_event_fields(nlp):
    doc = nlp("L'ambassadeur du Kazakhstan était dans les Vosges. Il est intéressé par l'automobile.")
    events = [s for s in doc.spans[EVENTS_KEY] if s._.event["type"] == "sector_interest"]
    assert len(events) == 1
    event = events[0]._.event
    assert event["actor"]["country"] == "KZ" and event["sector"] == "automobile"
    assert event["nace"] == "C29" and event["cameo"] == "061" and event["plover"] == "COOPERATE"
    assert event["rule"] == "interest.interesser" and 0 < event["confidence"] <= 1
    assert "intéressé par l'automobile" in events[0].text


def test_one_event_per_actor_and_sector(nlp):
    doc = nlp("La délégation chinoise s'intéresse au textile. Elle est aussi intéressée par le textile technique.")
    pairs = [(s._.event["actor"]["country"], s._.event["sector"]) for s in doc.spans[EVENTS_KEY]
             if s._.event["type"] == "sector_interest"]
    assert pairs == [("CN", "textile-habillement")]


def test_vosges_seed_end_to_end(nlp, corpus_dir):
    doc = nlp((corpus_dir / "vosges_kazakhstan.txt").read_text(encoding="utf-8"))
    found = {(s._.event["actor"]["country"], s._.event["sector"]) for s in doc.spans[EVENTS_KEY]
             if s._.event["type"] == "sector_interest"}
    assert {("KZ", slug) for slug in ("automobile", "eco-materiaux", "textile-habillement", "bois-foret",
                                      "agroalimentaire", "recherche-innovation")} <= found
    assert {country for country, _ in found} == {"KZ"}


def test_round_trip_to_disk_and_bytes(nlp, tmp_path):
    from pipeline.nlp import build_nlp

    text = "L'ambassadeur du Japon était à Lyon. Il est intéressé par la robotique et le textile."
    expected = interests(nlp, text)
    nlp.get_pipe("presse_interests").to_disk(tmp_path / "interests")
    fresh = build_nlp(components=["presse_places", "presse_sectors"])
    fresh.add_pipe("presse_interests").from_disk(tmp_path / "interests")
    assert interests(fresh, text) == expected
    fresh.replace_pipe("presse_interests", "presse_interests")
    fresh.get_pipe("presse_interests").from_bytes(nlp.get_pipe("presse_interests").to_bytes())
    assert interests(fresh, text) == expected
