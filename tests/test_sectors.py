"""presse_sectors: French sector wordings -> slugs of models/sectors/sectors.tsv."""
from __future__ import annotations

import pytest

from pipeline.components.sectors import SPANS_KEY
from pipeline.tables import MODELS_DIR, read_table


def slugs(nlp, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    return [(span.text, span._.sector["slug"]) for span in doc.spans[SPANS_KEY]]


@pytest.mark.parametrize("text, wording, slug", [
    ("Les constructeurs automobiles investissent dans la région.", "constructeurs automobiles", "automobile"),
    ("Ils s'intéressent à l’automobile.", "automobile", "automobile"),
    ("Yu Tong est le premier constructeur de bus au monde.", "constructeur de bus", "automobile"),
    ("Une usine d'éco-matériaux ouvrira en mars.", "éco-matériaux", "eco-materiaux"),
    ("La filière des éco matériaux recrute.", "éco matériaux", "eco-materiaux"),
    ("Les matériaux de construction sont chers.", "matériaux de construction", "eco-materiaux"),
    ("Le secteur agro-alimentaire embauche.", "agro-alimentaire", "agroalimentaire"),
    ("L'agroalimentaire breton exporte.", "agroalimentaire", "agroalimentaire"),
    ("Avec l'Auvergne autour du titanium.", "titanium", "metallurgie"),
    ("Le titane et l'acier sont produits ici.", "titane", "metallurgie"),
    ("Les stations de ski attirent les visiteurs.", "stations de ski", "tourisme"),
    ("Le tourisme d'affaires progresse.", "tourisme d'affaires", "tourisme"),
    ("Nous visons les technologies de l’innovation.", "technologies de l’innovation", "recherche-innovation"),
    ("Ils cherchent un transfert de technologies.", "transfert de technologies", "recherche-innovation"),
    ("Les pôles de compétitivité lorrains sont actifs.", "pôles de compétitivité", "recherche-innovation"),
    ("Quatre start-up ont présenté leurs produits.", "start-up", "recherche-innovation"),
    ("Le projet des nouvelles routes de la soie avance.", "nouvelles routes de la soie", "transport-logistique"),
    ("Le fret ferroviaire reprend.", "fret ferroviaire", "transport-logistique"),
    ("Ils investissent dans la logistique.", "logistique", "transport-logistique"),
    ("Le numérique crée des emplois.", "numérique", "numerique"),
    ("La cybersécurité est une priorité.", "cybersécurité", "numerique"),
    ("Les énergies renouvelables se développent.", "énergies renouvelables", "energie"),
    ("L'hydrogène est l'avenir.", "hydrogène", "energie"),
    ("La santé publique est en jeu.", "santé publique", "pharmacie-sante"),
    ("L'industrie pharmaceutique recrute.", "industrie pharmaceutique", "pharmacie-sante"),
    ("La formation professionnelle est essentielle.", "formation professionnelle", "education"),
    ("Les universités échangent des étudiants.", "universités", "education"),
    ("Les services financiers se modernisent.", "services financiers", "finance"),
    ("La banque finance le projet.", "banque", "finance"),
    ("Le patrimoine de la ville est riche.", "patrimoine", "culture-medias"),
    ("Les industries culturelles et créatives se portent bien.", "industries culturelles et créatives", "culture-medias"),
    ("Le sport de haut niveau a besoin de moyens.", "sport de haut niveau", "sport"),
    ("L'industrie de défense exporte.", "industrie de défense", "defense"),
    ("L'aéronautique toulousaine se porte bien.", "aéronautique", "aeronautique-spatial"),
    ("Les hélicoptères sont assemblés à Marignane.", "hélicoptères", "aeronautique-spatial"),
    ("La construction navale reprend à Saint-Nazaire.", "construction navale", "naval"),
    ("Le BTP manque de bras.", "BTP", "construction"),
    ("Le secteur du bâtiment ralentit.", "secteur du bâtiment", "construction"),
    ("La viticulture souffre du gel.", "viticulture", "vin-spiritueux"),
    ("L'élevage bovin domine la région.", "élevage bovin", "agriculture"),
    ("Les cosmétiques se vendent bien.", "cosmétiques", "cosmetique"),
    ("La plasturgie innove.", "plasturgie", "plasturgie"),
    ("Les papeteries ferment.", "papeteries", "papier-carton"),
    ("La chimie verte progresse.", "chimie verte", "chimie"),
    ("Les machines-outils sont exportées.", "machines-outils", "machines"),
    ("Les semi-conducteurs manquent.", "semi-conducteurs", "electronique"),
    ("Le pétrole reste cher.", "pétrole", "petrole-mines"),
    ("Le traitement des déchets est délégué.", "traitement des déchets", "eau-environnement"),
    ("L'immobilier de bureau stagne.", "immobilier", "immobilier"),
    ("Le matériel roulant est fabriqué ici.", "matériel roulant", "ferroviaire"),
    ("La sylviculture occupe des milliers de personnes.", "sylviculture", "bois-foret"),
    ("Le textile vosgien résiste.", "textile", "textile-habillement"),
    ("Les services aux entreprises emploient beaucoup.", "services aux entreprises", "services-entreprises"),
    ("Le commerce extérieur est déficitaire.", "commerce extérieur", "commerce"),
    ("La culture du maïs demande de l'eau.", "maïs", "agriculture"),
    ("Les 2 axes seront l'#innovation et l'ouverture.", "l'#innovation", "recherche-innovation"),
    ("Les flux commerciaux, technologiques et financiers augmentent.", "financiers", "finance"),
    ("La protection de l'environnement est un enjeu.", "protection de l'environnement", "eau-environnement"),
])
def test_wording_to_slug(nlp, text, wording, slug):
    assert (wording, slug) in slugs(nlp, text)


@pytest.mark.parametrize("text, word", [
    ("Il est en train de partir.", "train"),
    ("La formation politique de gauche a présenté ses candidats.", "formation"),
    ("Elle a mis toute son énergie dans ce projet.", "énergie"),
    ("Le port du masque est obligatoire.", "port"),
    ("La réception a eu lieu à l'hôtel de ville.", "hôtel"),
    ("Un vin d'honneur a clôturé la visite.", "vin"),
    ("Il est à la recherche de solutions.", "recherche"),
    ("Le ministre de la Culture est arrivé hier.", "Culture"),
    ("La Chambre de commerce et d'industrie a reçu la délégation.", "commerce"),
    ("Ils se sont promenés au Bois de Boulogne.", "Bois"),
    ("Il voulait venir, mais il a dû partir.", "mais"),
    ("Le climat des affaires est bon, dans un environnement favorable.", "environnement"),
    ("Cette culture du résultat est propre à l'entreprise.", "culture"),
    ("Nous avons reçu une délégation, adjointe à la culture en tête.", "culture"),
])
def test_generic_words_are_not_sectors(nlp, text, word):
    assert word not in [w for w, _ in slugs(nlp, text)]


def test_span_carries_taxonomy_codes(nlp):
    doc = nlp("La filière bois recrute.")
    span = doc.spans[SPANS_KEY][0]
    assert span._.sector == {"slug": "bois-foret", "nace": "A02;C16;C31", "label": "Bois, forêt, ameublement"}


def test_every_lexicon_slug_is_in_the_taxonomy():
    taxonomy = {row["slug"] for row in read_table(MODELS_DIR / "sectors" / "sectors.tsv")}
    lexicon = read_table(MODELS_DIR / "sectors" / "lexicon.tsv")
    assert {row["slug"] for row in lexicon} == taxonomy      # every slug has French wordings
    assert len(lexicon) >= 300


def test_round_trip_to_disk_and_bytes(nlp, tmp_path):
    from pipeline.nlp import build_nlp

    text = "Ils sont intéressés par l'automobile, le textile et la filière bois."
    expected = slugs(nlp, text)
    nlp.get_pipe("presse_sectors").to_disk(tmp_path / "sectors")
    fresh = build_nlp(components=[])
    fresh.add_pipe("presse_sectors").from_disk(tmp_path / "sectors")
    assert slugs(fresh, text) == expected
    fresh.replace_pipe("presse_sectors", "presse_sectors")
    fresh.get_pipe("presse_sectors").from_bytes(nlp.get_pipe("presse_sectors").to_bytes())
    assert slugs(fresh, text) == expected
