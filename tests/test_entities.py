"""presse_entity_ruler and presse_entity_repair: expected spans and labels on French press sentences,
and the seeds' per-label entity F1 (their gold in tests/gold/corpus.jsonl, scored as eval/score.py does)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import fold
from pipeline.nlp import build_nlp

# The repo's own gold for corpus/ starts with the two seeds of ../shared/gold/seeds.jsonl.
SEEDS = Path(__file__).resolve().parent / "gold" / "corpus.jsonl"
COMPONENTS = ["presse_entity_ruler", "presse_entity_repair"]


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(components=COMPONENTS)


def ents(nlp, text):
    return {(e.text, e.label_) for e in nlp(text).ents}


# (sentence, entities that must be there)
RULER = [
    ("La CCI des Hauts-de-France a accueilli les entrepreneurs.", [("CCI des Hauts-de-France", "ORG")]),
    ("Il a été reçu par la Chambre de commerce et d'industrie de Lyon.",
     [("Chambre de commerce et d'industrie de Lyon", "ORG")]),
    ("La Chambre des métiers et de l'artisanat de la Moselle organise un salon.",
     [("Chambre des métiers et de l'artisanat de la Moselle", "ORG")]),
    ("La Chambre d'agriculture du Finistère soutient le projet.", [("Chambre d'agriculture du Finistère", "ORG")]),
    ("Le conseil départemental de la Gironde a voté le budget.",
     [("conseil départemental de la Gironde", "ORG")]),
    ("Le Conseil régional de Bretagne finance l'opération.", [("Conseil régional de Bretagne", "ORG")]),
    ("Les élus de Rennes Métropole ont reçu la délégation.", [("Rennes Métropole", "ORG")]),
    ("La Métropole européenne de Lille signe un accord.", [("Métropole européenne de Lille", "ORG")]),
    ("La communauté d'agglomération du Grand Angoulême investit.",
     [("communauté d'agglomération du Grand Angoulême", "ORG")]),
    ("La mairie de Bordeaux a publié un communiqué.", [("mairie de Bordeaux", "ORG")]),
    ("Un accord a été signé avec la Ville de Montréal.", [("Ville de Montréal", "ORG")]),
    ("La préfecture de la Somme a autorisé la manifestation.", [("préfecture de la Somme", "ORG")]),
    ("La Région Occitanie a signé une convention avec la Catalogne.",
     [("Région Occitanie", "ORG"), ("Catalogne", "LOC")]),
    ("Les industriels du pôle Véhicule du Futur se sont réunis à Mulhouse.",
     [("pôle Véhicule du Futur", "ORG"), ("Mulhouse", "LOC")]),
    ("La présidente de Bordeaux Cluster a pris la parole.", [("Bordeaux Cluster", "ORG")]),
    ("Les chercheurs de l'Université de Strasbourg travaillent sur le projet.",
     [("Université de Strasbourg", "ORG")]),
    ("Elle a étudié à l'École nationale d'administration.", [("École nationale d'administration", "ORG")]),
    ("L'ambassade de France en Chine a organisé une réception.", [("ambassade de France en Chine", "ORG")]),
    ("Le consulat général d'Algérie à Lyon est fermé.", [("consulat général d'Algérie à Lyon", "ORG")]),
    ("Le ministère de l'Europe et des Affaires étrangères a réagi.",
     [("ministère de l'Europe et des Affaires étrangères", "ORG")]),
    ("L'Agence française de développement finance le tramway.",
     [("Agence française de développement", "ORG")]),
    ("L'Office franco-québécois pour la jeunesse finance le séjour.",
     [("Office franco-québécois pour la jeunesse", "ORG")]),
    ("L'Agence nationale pour la rénovation urbaine finance le quartier.",
     [("Agence nationale pour la rénovation urbaine", "ORG")]),
    ("Le texte a été adopté par l'Assemblée nationale.", [("Assemblée nationale", "ORG")]),
    ("Les contrats ont été signés par Safran et Dassault Aviation.",
     [("Safran", "ORG"), ("Dassault Aviation", "ORG")]),
    ("Thalès et Airbus ont remporté le marché.", [("Thalès", "ORG"), ("Airbus", "ORG")]),
    ("Les bus de Yutong circulent déjà en Europe.", [("Yutong", "ORG"), ("Europe", "LOC")]),
    ("Danone investit au Maroc.", [("Danone", "ORG"), ("Maroc", "LOC")]),
    ("Serge Dassault a visité l'usine.", [("Serge Dassault", "PER")]),
    ("La ville d'Orange accueille un festival.", [("Orange", "LOC")]),
    ("La délégation a rencontré l'entreprise Jean Lefebvre à Rouen.", [("Jean Lefebvre", "ORG")]),
    ("Le Stade rennais a battu le FC Nantes dimanche.", [("Stade rennais", "ORG"), ("FC Nantes", "ORG")]),
    ("Le tribunal correctionnel de Metz a rendu son jugement.", [("tribunal correctionnel de Metz", "ORG")]),
    ("Les pompiers et la gendarmerie de Moselle sont intervenus.", [("gendarmerie de Moselle", "ORG")]),
    ("L'élu a salué le travail de Grand Poitiers Communauté urbaine.",
     [("Grand Poitiers Communauté urbaine", "ORG")]),
    ("La délégation a visité l'usine Cooperl à Lamballe.", [("Cooperl", "ORG"), ("Lamballe", "LOC")]),
    ("Il a été reçu par la CCI des Côtes-d'Armor.", [("CCI des Côtes-d'Armor", "ORG")]),
    ("Selon Le Télégramme, la Ville du Mans a inauguré le site.",
     [("Le Télégramme", "ORG"), ("Ville du Mans", "ORG")]),
]

# (sentence, entities that must be there, texts that must not be entities)
REPAIR = [
    ("Vendredi, la délégation est arrivée à Lyon.", [("Lyon", "LOC")], ["Vendredi"]),
    ("M. Dupont a rencontré Mme Martin à Nantes.", [("Dupont", "PER"), ("Martin", "PER")], ["M. Dupont"]),
    ("Le Président a salué les efforts des bénévoles.", [], ["Président", "Le Président"]),
    ("Le Président Emmanuel Macron est attendu à Brest.", [("Emmanuel Macron", "PER")], ["Président Emmanuel Macron"]),
    ("Il est Head of Sales et Business Development chez Capgemini.", [("Capgemini", "ORG")],
     ["Head of Sales", "Business Development"]),
    ("Powered by Newspaper Theme, you need a license for each domain to use this theme.", [],
     ["Newspaper Theme"]),
    ("Zhang Jun, premier constructeur chinois de camions, ouvre une usine.", [("Zhang Jun", "ORG")], []),
    ("Jean Roatta, adjoint au Maire de Marseille délégué aux Relations Internationales et Européennes, "
     "était présent.", [("Jean Roatta", "PER"), ("Marseille", "LOC")],
     ["Relations Internationales et Européennes", "Relations Internationales"]),
    ("Le Comptoir Lyonnais des Arts Textiles (CLAT) s'installe à Vienne.",
     [("Comptoir Lyonnais des Arts Textiles", "ORG"), ("CLAT", "ORG")], []),
    ("Rencontre avec Pierre Martin\n\nDirecteur du port de Brest", [("Pierre Martin", "PER")], []),
    ("Les produits du Xinjiang chinois arrivent en Europe.", [("Xinjiang", "LOC")], ["Xinjiang chinois"]),
    ("Il a parlé au nom de la France et de l'Allemagne.", [("France", "LOC"), ("Allemagne", "LOC")],
     ["la France", "l'Allemagne"]),
    ("Economie\n\nLe Kazakhstan s'intéresse à l'industrie vosgienne.", [("Kazakhstan", "LOC")], ["Economie"]),
    ("Adjointe au Maire, elle a reçu la délégation.", [], ["Adjointe au Maire"]),
    ("Coopération À Annaba\n\nLa délégation marseillaise est arrivée à Annaba mardi.", [("Annaba", "LOC")],
     ["Coopération À Annaba"]),
    ("Texte et photos : J.Dupont", [("J.Dupont", "PER")], []),
    ("Suivez @CaroleDelga et pic.twitter.com/XZrHXj6 sur les réseaux.", [], ["@CaroleDelga"]),
    ("Après quinze ans d'actualités locales, ACTU 88 est né.", [("ACTU 88", "ORG")], ["ACTU"]),
    ("Le ministre des Eaux et Forêts, Alain-Richard Donwahi, est arrivé à Nancy.",
     [("Alain-Richard Donwahi", "PER"), ("Nancy", "LOC")], ["Eaux et Forêts"]),
    ("Les agents du Conseil général ont reçu les chefs d'entreprise.", [("Conseil général", "ORG")], []),
    ("Elle travaille chez eZyness, filiale de La Banque Postale.",
     [("eZyness", "ORG"), ("La Banque Postale", "ORG")], []),
    ("Sacha Houlié, député de la Vienne, participera au dîner.", [("Vienne", "LOC")], []),
    ("L'ambassadeur du Japon, Kenji Tanaka, a visité l'usine.", [("Japon", "LOC"), ("Kenji Tanaka", "PER")], []),
    ("Stéphane Raison, directeur général d'Haropa, a signé le texte.", [("Haropa", "ORG")], []),
    ("Les élèves ont visité la médiathèque Louis-Aragon et la rue Paul-Albert.",
     [("médiathèque Louis-Aragon", "ORG"), ("rue Paul-Albert", "LOC")], ["Louis-Aragon"]),
    ("Les Italiens de Pescara ont été reçus à Besançon par les élus.",
     [("Besançon", "LOC"), ("Pescara", "LOC")], ["Les Italiens de Pescara", "Italiens de Pescara"]),
    ("Newsletter Ouest-France : recevez l'essentiel de l'actualité.", [("Ouest-France", "ORG")],
     ["Newsletter Ouest-France"]),
    ("La présidente de la province du Shandong est arrivée.", [("Shandong", "LOC")], ["province du Shandong"]),
    ("Municipales. À Villeurbanne, le maire brigue un second mandat.", [("Villeurbanne", "LOC")], ["Municipales"]),
    ("Les éleveurs, à l'appel des Jeunes agriculteurs de la Mayenne, ont bloqué le site.",
     [("Jeunes agriculteurs de la Mayenne", "ORG")], ["Mayenne"]),
]


# Regional press sentences written for presse, with EVERY person, organisation and place they hold:
# foreign towns the model takes for persons, event names (MISC, not places), English slogans,
# demonyms, institutions and clubs.  The set must match exactly (as the scorer folds it).
PRESS = [
    ("Une délégation japonaise de Kumamoto a été reçue à Vierzon.",
     [("Kumamoto", "LOC"), ("Vierzon", "LOC")]),
    ("Le vice-gouverneur de la préfecture de Kumamoto a signé la lettre d'intention.",
     [("préfecture de Kumamoto", "ORG")]),
    ("Une lettre d'intention a été signée avec la chambre de commerce de Kumamoto.",
     [("chambre de commerce de Kumamoto", "ORG")]),
    ("Les élus de Tulle ont reçu une délégation de la ville espagnole de Cuenca.",
     [("Tulle", "LOC"), ("Cuenca", "LOC")]),
    ("Les visiteurs ont assisté aux concerts du festival des Nuits de Nacre.", []),
    ("Le salon Made in Jura a ouvert ses portes samedi à Lons-le-Saunier.",
     [("Lons-le-Saunier", "LOC")]),
    ("Plus de 300 exposants sont attendus à la Foire de Châlons, qui ouvre vendredi.", []),
    ("La Chine défend son programme « One belt, one road » en Europe centrale.",
     [("Chine", "LOC"), ("Europe centrale", "LOC")]),
    ("Le maire de Brive, Frédéric Soulier, a accueilli ses homologues allemands de Schorndorf.",
     [("Brive", "LOC"), ("Frédéric Soulier", "PER"), ("Schorndorf", "LOC")]),
    ("Nathalie Appéré, maire de Rennes, et son adjoint Marc Hervé ont signé la convention.",
     [("Nathalie Appéré", "PER"), ("Rennes", "LOC"), ("Marc Hervé", "PER")]),
    ("Le préfet du Cantal, Serge Castel, s'est rendu à Aurillac lundi.",
     [("Cantal", "LOC"), ("Serge Castel", "PER"), ("Aurillac", "LOC")]),
    ("L'ambassadeur du Vietnam en France, Dinh Toan Thang, était l'invité de la CCI de la Vienne.",
     [("Vietnam", "LOC"), ("France", "LOC"), ("Dinh Toan Thang", "PER"), ("CCI de la Vienne", "ORG")]),
    ("Le consul général du Maroc à Bordeaux a visité le port de La Rochelle.",
     [("Maroc", "LOC"), ("Bordeaux", "LOC"), ("La Rochelle", "LOC")]),
    ("Patrick Pouyanné, PDG de TotalEnergies, a annoncé un investissement à Lacq.",
     [("Patrick Pouyanné", "PER"), ("TotalEnergies", "ORG"), ("Lacq", "LOC")]),
    ("La délégation d'Osaka a visité l'usine Michelin de Clermont-Ferrand.",
     [("Osaka", "LOC"), ("Michelin", "ORG"), ("Clermont-Ferrand", "LOC")]),
    ("Des entrepreneurs de Nagoya et de Yokohama sont attendus au Creusot.",
     [("Nagoya", "LOC"), ("Yokohama", "LOC"), ("Creusot", "LOC")]),
    ("Le jumelage entre Saint-Malo et Port-Louis a été renouvelé.",
     [("Saint-Malo", "LOC"), ("Port-Louis", "LOC")]),
    ("Le conseil municipal de Quimperlé a voté la subvention à l'unanimité.",
     [("conseil municipal de Quimperlé", "ORG")]),
    ("Vendredi, le Stade Brestois s'est imposé face à l'Olympique lyonnais.",
     [("Stade Brestois", "ORG"), ("Olympique lyonnais", "ORG")]),
    ("Selon La Voix du Nord, le projet de Dunkerque est retardé.",
     [("La Voix du Nord", "ORG"), ("Dunkerque", "LOC")]),
    ("Le maire de Montauban a reçu le consul de Chine à Marseille.",
     [("Montauban", "LOC"), ("Chine", "LOC"), ("Marseille", "LOC")]),
    ("Arrivés de Pologne dimanche, les musiciens joueront à Épinal.",
     [("Pologne", "LOC"), ("Épinal", "LOC")]),
    ("Le Conseil départemental des Landes soutient le festival Arte Flamenco.",
     [("Conseil départemental des Landes", "ORG")]),
    ("La communauté de communes du Pays de Lunel investit dans la fibre.",
     [("communauté de communes du Pays de Lunel", "ORG")]),
    ("Le directeur de l'office de tourisme de Sarlat, Jean Dupuy, présente la saison.",
     [("Sarlat", "LOC"), ("Jean Dupuy", "PER")]),
    ("Une délégation de la province de Québec a rencontré les élus de la Région Bretagne.",
     [("Québec", "LOC"), ("Région Bretagne", "ORG")]),
    ("Les lycéens de Sfax, en Tunisie, seront accueillis à Montluçon.",
     [("Sfax", "LOC"), ("Tunisie", "LOC"), ("Montluçon", "LOC")]),
    ("La cité sicilienne de Syracuse et la ville de Valence ont signé un pacte d'amitié.",
     [("Syracuse", "LOC"), ("Valence", "LOC")]),
    ("Airbus et Safran ont présenté leurs projets à l'université de Toulouse.",
     [("Airbus", "ORG"), ("Safran", "ORG"), ("université de Toulouse", "ORG")]),
    ("Mardi, l'adjointe au maire chargée des relations internationales a reçu le maire de Kanazawa.",
     [("Kanazawa", "LOC")]),
    ("Le président du Conseil régional d'Occitanie, Carole Delga, était à Montpellier.",
     [("Conseil régional d'Occitanie", "ORG"), ("Carole Delga", "PER"), ("Montpellier", "LOC")]),
    ("Les Rencontres de Bouguenais ont réuni les producteurs bretons.", []),
    ("Venus d’Espagne, les élus ont passé trois jours dans la préfecture corrézienne.", [("Espagne", "LOC")]),
    ("Les élus corréziens ont visité Cuenca avant de rejoindre Madrid.",
     [("Cuenca", "LOC"), ("Madrid", "LOC")]),
    ("Le député de la Haute-Vienne a interpellé le ministre de l'Agriculture.",
     [("Haute-Vienne", "LOC")]),
    ("L'entreprise Lactalis, basée à Laval, exporte vers le Japon.",
     [("Lactalis", "ORG"), ("Laval", "LOC"), ("Japon", "LOC")]),
    ("Le Crédit Agricole et la Caisse d'Épargne financent le projet de Poitiers.",
     [("Crédit Agricole", "ORG"), ("Caisse d'Épargne", "ORG"), ("Poitiers", "LOC")]),
    ("Originaires de Bavière, les visiteurs ont été reçus par le maire de Colmar.",
     [("Bavière", "LOC"), ("Colmar", "LOC")]),
    ("La ville de Kyoto et la Ville de Paris ont signé un accord culturel.",
     [("Kyoto", "LOC"), ("Ville de Paris", "ORG")]),
    ("Le sous-préfet de Bayonne a accueilli une délégation de Saint-Sébastien.",
     [("Bayonne", "LOC"), ("Saint-Sébastien", "LOC")]),
    ("Une délégation de Shenzhen a visité le Grand Port maritime du Havre.",
     [("Shenzhen", "LOC"), ("Grand Port maritime du Havre", "ORG")]),
    ("Le Printemps de Bourges accueillera des artistes québécois cette année.", []),
    ("Le maire de Salon de Provence a visité la Foire de Marseille.", [("Salon de Provence", "LOC")]),
    ("Le jumelage Vendôme-Gevelsberg fête ses cinquante ans.", [("Vendôme", "LOC"), ("Gevelsberg", "LOC")]),
    ("Les élus de Rishon LeZion ont visité Nîmes.", [("Rishon LeZion", "LOC"), ("Nîmes", "LOC")]),
    ("Arrivée mardi de Dresde, la délégation saxonne a été reçue par Éric Piolle.",
     [("Dresde", "LOC"), ("Éric Piolle", "PER")]),
    ("Le cabinet Deloitte a conseillé la commune de Saint-Brieuc dans ce dossier.",
     [("Deloitte", "ORG"), ("Saint-Brieuc", "LOC")]),
    ("À Nevers, l'entreprise Look Cycle a présenté son nouveau vélo aux élus de Ratisbonne.",
     [("Nevers", "LOC"), ("Look Cycle", "ORG"), ("Ratisbonne", "LOC")]),
    ("Le directeur de l'Alliance française de Mumbai, Pierre Lambert, était de passage à Caen.",
     [("Alliance française de Mumbai", "ORG"), ("Pierre Lambert", "PER"), ("Caen", "LOC")]),
    ("Yokohama, partenaire de Lyon depuis 1959, a envoyé une délégation d'élus.",
     [("Yokohama", "LOC"), ("Lyon", "LOC")]),
    ("La Fondation du patrimoine soutient la restauration de l'église de Loches.",
     [("Fondation du patrimoine", "ORG"), ("Loches", "LOC")]),
    ("Le Premier ministre, Gabriel Attal, s'est rendu à Bourges pour inaugurer l'usine MBDA.",
     [("Gabriel Attal", "PER"), ("Bourges", "LOC"), ("MBDA", "ORG")]),
    ("Des viticulteurs de Géorgie ont été accueillis par la cave coopérative de Buzet.",
     [("Géorgie", "LOC"), ("Buzet", "LOC")]),
    ("Le conseiller régional Jean-Paul Mariot représentait la Région Nouvelle-Aquitaine à Bilbao.",
     [("Jean-Paul Mariot", "PER"), ("Région Nouvelle-Aquitaine", "ORG"), ("Bilbao", "LOC")]),
    ("Les joueurs du Stade toulousain ont rendu visite aux enfants de l'hôpital Purpan.",
     [("Stade toulousain", "ORG"), ("hôpital Purpan", "ORG")]),
    ("Une convention lie désormais la CCI Nice Côte d'Azur et la chambre de commerce de Gênes.",
     [("CCI Nice Côte d'Azur", "ORG"), ("chambre de commerce de Gênes", "ORG")]),
    ("Interrogé par France Bleu Creuse, le maire de Guéret a confirmé la visite.",
     [("France Bleu Creuse", "ORG"), ("Guéret", "LOC")]),
    ("Le jumelage entre Saumur et Warwick fête ses quarante ans.",
     [("Saumur", "LOC"), ("Warwick", "LOC")]),
    ("Kaunas, capitale européenne de la culture, a invité des artistes de Metz.",
     [("Kaunas", "LOC"), ("Metz", "LOC")]),
    ("« Nous sommes heureux d'être à Périgueux », a déclaré Li Qiang, secrétaire du parti de Chengdu.",
     [("Périgueux", "LOC"), ("Li Qiang", "PER"), ("Chengdu", "LOC")]),
    ("VILLENEUVE-SUR-LOT. Une délégation de la ville allemande de Fürth a été reçue en mairie.",
     [("VILLENEUVE-SUR-LOT", "LOC"), ("Fürth", "LOC")]),
    ("Les vins de Bergerac séduisent les importateurs de Hong Kong et de Singapour.",
     [("Bergerac", "LOC"), ("Hong Kong", "LOC"), ("Singapour", "LOC")]),
    ("Le salon Vinexpo, organisé à Bordeaux, a accueilli 30 000 visiteurs.",
     [("Bordeaux", "LOC")]),
    ("Le docteur Paul Martin, chef de service au CHU de Limoges, a présenté l'étude.",
     [("Paul Martin", "PER"), ("CHU de Limoges", "ORG")]),
    ("Hier, la municipalité d'Agen a reçu les représentants de Toledo, dans l'Ohio.",
     [("municipalité d'Agen", "ORG"), ("Toledo", "LOC"), ("Ohio", "LOC")]),
    ("Florence Portelli, maire de Taverny, a signé une charte avec la ville de Rehovot.",
     [("Florence Portelli", "PER"), ("Taverny", "LOC"), ("Rehovot", "LOC")]),
    ("La fromagerie Société, filiale de Lactalis, investit à Roquefort-sur-Soulzon.",
     [("Société", "ORG"), ("Lactalis", "ORG"), ("Roquefort-sur-Soulzon", "LOC")]),
    ("Selon l'Insee, la population de la Creuse a encore baissé.",
     [("Insee", "ORG"), ("Creuse", "LOC")]),
    ("Le Tour de France fera étape à Tulle le 6 juillet.",
     [("Tulle", "LOC")]),
    ("Un entrepreneur de Casablanca, Karim Tazi, veut s'installer à Angoulême.",
     [("Casablanca", "LOC"), ("Karim Tazi", "PER"), ("Angoulême", "LOC")]),
    ("Kiev et Odessa ont reçu l'aide des pompiers du Sdis de la Dordogne.",
     [("Kiev", "LOC"), ("Odessa", "LOC"), ("Sdis de la Dordogne", "ORG")]),
    ("Le président de la communauté d'agglomération Pau Béarn Pyrénées, François Bayrou, a signé.",
     [("communauté d'agglomération Pau Béarn Pyrénées", "ORG"), ("François Bayrou", "PER")]),
    ("Les Rencontres économiques d'Aix-en-Provence ont réuni 400 intervenants.",
     []),
    ("Un accord entre l'université de Poitiers et l'université Laval de Québec a été signé.",
     [("université de Poitiers", "ORG"), ("université Laval", "ORG"), ("Québec", "LOC")]),
    ("Le groupe Michelin supprime 1 200 postes à Cholet et La Roche-sur-Yon.",
     [("Michelin", "ORG"), ("Cholet", "LOC"), ("La Roche-sur-Yon", "LOC")]),
    ("Santiago Gómez, vice-maire de Valparaíso, était l'invité du conseil municipal de Nevers.",
     [("Santiago Gómez", "PER"), ("Valparaíso", "LOC"), ("conseil municipal de Nevers", "ORG")]),
    ("L'aéroport de Limoges proposera des vols vers Porto et Marrakech cet été.",
     [("Limoges", "LOC"), ("Porto", "LOC"), ("Marrakech", "LOC")]),
    ("Saint-Dié-des-Vosges accueille le Festival international de géographie.",
     [("Saint-Dié-des-Vosges", "LOC")]),
    ("L'association France-Japon de Vichy organise une exposition d'estampes.",
     [("France-Japon", "ORG"), ("Vichy", "LOC")]),
    ("Par Marie Lefèvre\n\nLa commune de Saint-Paul, à La Réunion, a signé un accord avec Maurice.",
     [("Marie Lefèvre", "PER"), ("Saint-Paul", "LOC"), ("La Réunion", "LOC"), ("Maurice", "LOC")]),
    ("Mme Catherine Vautrin, présidente du Grand Reims, a reçu le gouverneur du Texas.",
     [("Catherine Vautrin", "PER"), ("Grand Reims", "ORG"), ("Texas", "LOC")]),
    ("ÉCONOMIE. La PME lyonnaise Boiron exporte désormais vers le Brésil.",
     [("Boiron", "ORG"), ("Brésil", "LOC")]),
    ("Jean-Marie Le Pen et Marine Le Pen étaient attendus à Hénin-Beaumont.",
     [("Jean-Marie Le Pen", "PER"), ("Marine Le Pen", "PER"), ("Hénin-Beaumont", "LOC")]),
    ("Le conseil d'administration de l'Agence de l'eau Loire-Bretagne s'est réuni à Orléans.",
     [("Agence de l'eau Loire-Bretagne", "ORG"), ("Orléans", "LOC")]),
    ("La délégation bavaroise, menée par le ministre-président Markus Söder, visitera Munich et Dijon.",
     [("Markus Söder", "PER"), ("Munich", "LOC"), ("Dijon", "LOC")]),
    ("Les Girondins de Bordeaux ont recruté un attaquant venu de Porto.",
     [("Girondins de Bordeaux", "ORG"), ("Porto", "LOC")]),
    ("Le lycée agricole de Vendôme accueille douze élèves de Dakar.",
     [("Vendôme", "LOC"), ("Dakar", "LOC")]),
    ("Une convention a été signée entre Pôle emploi et la mission locale de Cahors.",
     [("Pôle emploi", "ORG"), ("Cahors", "LOC")]),
    ("Le maire de Valence, Nicolas Daragon, a rencontré son homologue de Valence en Espagne.",
     [("Valence", "LOC"), ("Nicolas Daragon", "PER"), ("Espagne", "LOC")]),
    ("Victor Hugo aurait séjourné à Guernesey, rappelle l'office de tourisme de Jersey.",
     [("Victor Hugo", "PER"), ("Guernesey", "LOC"), ("Jersey", "LOC")]),
    ("Le groupe Bonduelle ouvre une usine à Saint-Mihiel, dans la Meuse.",
     [("Bonduelle", "ORG"), ("Saint-Mihiel", "LOC"), ("Meuse", "LOC")]),
    ("Le sénateur du Morbihan Joël Labbé a interrogé le gouvernement.",
     [("Morbihan", "LOC"), ("Joël Labbé", "PER")]),
    ("Les Brestois ont accueilli la frégate Hermione au port de commerce.",
     []),
    ("La Banque de France a publié une enquête sur les entreprises de Bourgogne-Franche-Comté.",
     [("Banque de France", "ORG"), ("Bourgogne-Franche-Comté", "LOC")]),
    ("Le quotidien La Montagne organise un débat à Aurillac avec Vincent Descoeur.",
     [("La Montagne", "ORG"), ("Aurillac", "LOC"), ("Vincent Descoeur", "PER")]),
    ("Dimanche, l'AS Saint-Étienne a battu l'En Avant Guingamp au stade Geoffroy-Guichard.",
     [("AS Saint-Étienne", "ORG"), ("En Avant Guingamp", "ORG"), ("stade Geoffroy-Guichard", "LOC")]),
    ("Le consul général d'Italie à Metz, Michele Camerota, a salué la communauté italienne de Thionville.",
     [("Italie", "LOC"), ("Metz", "LOC"), ("Michele Camerota", "PER"), ("Thionville", "LOC")]),
    ("Accompagné du député Jean Lassalle, le ministre a visité Oloron-Sainte-Marie.",
     [("Jean Lassalle", "PER"), ("Oloron-Sainte-Marie", "LOC")]),
    ("Le Crédit mutuel de Bretagne et la CCI du Morbihan ont lancé un fonds.",
     [("Crédit mutuel de Bretagne", "ORG"), ("CCI du Morbihan", "ORG")]),
    ("Venus de Louvain, en Belgique, les étudiants ont été accueillis par l'université de Lille.",
     [("Louvain", "LOC"), ("Belgique", "LOC"), ("université de Lille", "ORG")]),
    ("Le maire de Figeac, André Mellinger, a reçu une délégation de Marrakech.",
     [("Figeac", "LOC"), ("André Mellinger", "PER"), ("Marrakech", "LOC")]),
    ("La société Safran Helicopter Engines, installée à Bordes, recrute 200 personnes.",
     [("Safran Helicopter Engines", "ORG"), ("Bordes", "LOC")]),
    ("Selon Le Républicain lorrain, ArcelorMittal investira à Florange.",
     [("Le Républicain lorrain", "ORG"), ("ArcelorMittal", "ORG"), ("Florange", "LOC")]),
    ("Les Chinois de Jinan ont été reçus samedi par la Ville de Niort.",
     [("Jinan", "LOC"), ("Ville de Niort", "ORG")]),
    ("Gérald Darmanin, ministre de l'Intérieur, était à Tourcoing lundi.",
     [("Gérald Darmanin", "PER"), ("Tourcoing", "LOC")]),
    ("Le club de handball de Chambéry affrontera Montpellier samedi.",
     [("Chambéry", "LOC"), ("Montpellier", "LOC")]),
    ("L'Office de tourisme du Grand Périgueux accueille des tour-opérateurs de Shanghai.",
     [("Office de tourisme du Grand Périgueux", "ORG"), ("Shanghai", "LOC")]),
    ("Le festival Interceltique de Lorient attend 800 000 visiteurs.", []),
    ("Une délégation d'Izmir, en Turquie, a visité le port de Sète.",
     [("Izmir", "LOC"), ("Turquie", "LOC"), ("Sète", "LOC")]),
    ("Christelle Morançais, présidente de la Région Pays de la Loire, a signé l'accord à Nantes.",
     [("Christelle Morançais", "PER"), ("Région Pays de la Loire", "ORG"), ("Nantes", "LOC")]),
    ("L'usine Bosch de Rodez emploie encore 500 salariés.",
     [("Bosch", "ORG"), ("Rodez", "LOC")]),
    ("Mercredi, le préfet de la Haute-Savoie a rencontré les maires de la vallée de Chamonix.",
     [("Haute-Savoie", "LOC"), ("Chamonix", "LOC")]),
    ("Des producteurs de Cracovie et de Gdansk exposaient au Salon de l'agriculture.",
     [("Cracovie", "LOC"), ("Gdansk", "LOC")]),
    ("Le consul d'Algérie à Besançon, Mohamed Amine Benaïssa, a inauguré l'exposition.",
     [("Algérie", "LOC"), ("Besançon", "LOC"), ("Mohamed Amine Benaïssa", "PER")]),
    ("Nagano, ville japonaise jumelée avec Clermont-Ferrand, a envoyé dix lycéens.",
     [("Nagano", "LOC"), ("Clermont-Ferrand", "LOC")]),
    ("La Mutualité sociale agricole de Bourgogne a ouvert une agence à Mâcon.",
     [("Mutualité sociale agricole de Bourgogne", "ORG"), ("Mâcon", "LOC")]),
    ("Au stade Bollaert, le RC Lens a dominé le LOSC.",
     [("stade Bollaert", "LOC"), ("RC Lens", "ORG"), ("LOSC", "ORG")]),
    ("Le PDG d'Airbus, Guillaume Faury, a visité le site de Saint-Nazaire.",
     [("Airbus", "ORG"), ("Guillaume Faury", "PER"), ("Saint-Nazaire", "LOC")]),
    ("Tokyo et Kyoto seront les deux étapes du voyage organisé par la CCI de l'Aveyron.",
     [("Tokyo", "LOC"), ("Kyoto", "LOC"), ("CCI de l'Aveyron", "ORG")]),
    ("Jeudi, Sébastien Martin, président du Grand Chalon, a signé avec la Ville de Dakar.",
     [("Sébastien Martin", "PER"), ("Grand Chalon", "ORG"), ("Ville de Dakar", "ORG")]),
    ("Des investisseurs de Chongqing souhaitent s'implanter en Moselle.",
     [("Chongqing", "LOC"), ("Moselle", "LOC")]),
    ("Le consulat du Japon à Lyon a organisé une réception à Annecy.",
     [("consulat du Japon à Lyon", "ORG"), ("Annecy", "LOC")]),
    ("Le patron de Renault, Luca de Meo, était à Douai mercredi.",
     [("Renault", "ORG"), ("Luca de Meo", "PER"), ("Douai", "LOC")]),
    ("Le journal Ouest-France a consacré un dossier à la ville de Lorient.",
     [("Ouest-France", "ORG"), ("Lorient", "LOC")]),
    ("Le Berry républicain a révélé que la SNCF fermera la gare de Vierzon.",
     [("Le Berry républicain", "ORG"), ("SNCF", "ORG"), ("Vierzon", "LOC")]),
    ("Une délégation de Cracovie est attendue à Saint-Jean-de-Luz en mai.",
     [("Cracovie", "LOC"), ("Saint-Jean-de-Luz", "LOC")]),
    ("Le Secours populaire de la Corrèze lance sa collecte à Ussel.",
     [("Secours populaire de la Corrèze", "ORG"), ("Ussel", "LOC")]),
    ("Le CA Brive a battu l'ASM Clermont Auvergne samedi au stade Amédée-Domenech.",
     [("CA Brive", "ORG"), ("ASM Clermont Auvergne", "ORG"), ("stade Amédée-Domenech", "LOC")]),
    ("Outre Enedis, EDF et La Poste, une vingtaine d'entreprises ont répondu à l'appel de la CCI.",
     [("Enedis", "ORG"), ("EDF", "ORG"), ("La Poste", "ORG"), ("CCI", "ORG")]),
    ("Le maire de Saint-Pétersbourg a été reçu par Anne Hidalgo, maire de Paris.",
     [("Saint-Pétersbourg", "LOC"), ("Anne Hidalgo", "PER"), ("Paris", "LOC")]),
    ("Issus de Ouagadougou et de Bobo-Dioulasso, les artisans exposent à Limoges.",
     [("Ouagadougou", "LOC"), ("Bobo-Dioulasso", "LOC"), ("Limoges", "LOC")]),
    ("Le Lions Club de Vierzon a remis un chèque à l'association Les Amis du Berry.",
     [("Lions Club de Vierzon", "ORG"), ("Les Amis du Berry", "ORG")]),
    ("La vallée de la Vézère attire les touristes du Pays basque et d'Île-de-France.",
     [("Vézère", "LOC"), ("Pays basque", "LOC"), ("Île-de-France", "LOC")]),
    ("Jean-Pierre Dupont, conseiller départemental du canton de Tulle, était présent.",
     [("Jean-Pierre Dupont", "PER"), ("Tulle", "LOC")]),
    ("Le consul honoraire de Pologne à Lille, Tomasz Kowalski, a visité Arras.",
     [("Pologne", "LOC"), ("Lille", "LOC"), ("Tomasz Kowalski", "PER"), ("Arras", "LOC")]),
    ("Selon Sud Ouest, le groupe Lactalis investira 20 millions d'euros à Pau.",
     [("Sud Ouest", "ORG"), ("Lactalis", "ORG"), ("Pau", "LOC")]),
    ("La délégation de Hanoï a été accueillie par le président de la Région Grand Est.",
     [("Hanoï", "LOC"), ("Région Grand Est", "ORG")]),
    ("Les élèves du lycée Cabanis de Brive partiront à Wroclaw en mars.",
     [("lycée Cabanis", "ORG"), ("Brive", "LOC"), ("Wroclaw", "LOC")]),
    ("Le directeur de l'usine Renault de Flins, Marc Leroy, a reçu les élus.",
     [("Renault", "ORG"), ("Flins", "LOC"), ("Marc Leroy", "PER")]),
    ("La Fête de la musique se prépare à Guéret, en Creuse.",
     [("Guéret", "LOC"), ("Creuse", "LOC")]),
    ("Les chefs d'entreprise de Tbilissi ont visité Bordeaux et Libourne.",
     [("Tbilissi", "LOC"), ("Bordeaux", "LOC"), ("Libourne", "LOC")]),
    ("Kazan et Toulouse ont signé un accord de coopération dans l'aéronautique.",
     [("Kazan", "LOC"), ("Toulouse", "LOC")]),
    ("Samedi, Lyon accueillait une délégation de Pékin.",
     [("Lyon", "LOC"), ("Pékin", "LOC")]),
    ("Le Salon de l'agriculture ouvre ses portes à Paris samedi.",
     [("Paris", "LOC")]),
    ("Me Laurent Dubois, avocat au barreau de Nantes, défend l'entreprise.",
     [("Laurent Dubois", "PER"), ("barreau de Nantes", "ORG")]),
    ("Le sénateur de la Charente, Michel Boutant, a rencontré l'ambassadeur d'Inde.",
     [("Charente", "LOC"), ("Michel Boutant", "PER"), ("Inde", "LOC")]),
    ("L'opérateur Orange a installé la fibre dans les communes du Limousin.",
     [("Orange", "ORG"), ("Limousin", "LOC")]),
    ("La délégation de Séoul a visité le CHU de Poitiers puis le Futuroscope.",
     [("Séoul", "LOC"), ("CHU de Poitiers", "ORG"), ("Futuroscope", "LOC")]),
    ("Busan, deuxième ville de Corée du Sud, est jumelée avec Marseille.",
     [("Busan", "LOC"), ("Corée du Sud", "LOC"), ("Marseille", "LOC")]),
    ("Accueillis par le maire, Philippe Martin, les visiteurs d'Almaty ont goûté les vins de Cahors.",
     [("Philippe Martin", "PER"), ("Almaty", "LOC"), ("Cahors", "LOC")]),
]

@pytest.mark.parametrize("text,expected", PRESS)
def test_press_sentences(nlp, text, expected):
    """Compared as the scorer does: folded, leading determiners off ("La Chine" = "Chine")."""
    found = {(fold(e.text), e.label_) for e in nlp(text).ents if e.label_ in ("PER", "ORG", "LOC")}
    assert found == {(fold(t), label) for t, label in expected}


@pytest.mark.parametrize("text,misc", [
    ("Les visiteurs ont assisté aux concerts du festival des Nuits de Nacre.", "festival des Nuits de Nacre"),
    ("Tulle : une délégation de Cuenca aux Nuits de Nacre", "Nuits de Nacre"),
    ("Le projet « One belt, one road » a été présenté par la Chine.", "One belt, one road"),
    ("Le salon Made in Jura a ouvert ses portes.", "salon Made in Jura"),
])
def test_events_and_slogans_are_misc(nlp, text, misc):
    found = {(e.text, e.label_) for e in nlp(text).ents}
    assert (misc, "MISC") in found, found

@pytest.mark.parametrize("text,expected", RULER)
def test_ruler(nlp, text, expected):
    found = ents(nlp, text)
    for ent in expected:
        assert ent in found, f"{ent} not in {found}"


@pytest.mark.parametrize("text,expected,absent", REPAIR)
def test_repair(nlp, text, expected, absent):
    found = ents(nlp, text)
    for ent in expected:
        assert ent in found, f"{ent} not in {found}"
    texts = {t for t, _ in found}
    for t in absent:
        assert t not in texts, f"{t!r} should not be an entity: {found}"


def test_no_overlap_and_offsets(nlp):
    doc = nlp("Pascal Martin, vice-président de Grenoble-Alpes Métropole, et la CCI de Grenoble ont reçu "
              "l'ambassadeur du Chili.")
    spans = sorted((e.start_char, e.end_char) for e in doc.ents)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert ("Grenoble-Alpes Métropole", "ORG") in {(e.text, e.label_) for e in doc.ents}


def test_tables_round_trip(nlp, tmp_path):
    """Patterns and lexicons save with the pipeline and reload unchanged."""
    for name in COMPONENTS:
        pipe = nlp.get_pipe(name)
        pipe.to_disk(tmp_path / name)
        clone = type(pipe)(nlp, name).from_disk(tmp_path / name)
        assert clone.tables == pipe.tables
        assert type(pipe)(nlp, name).from_bytes(pipe.to_bytes()).tables == pipe.tables


# -- the seeds, scored like eval/score.py: sets of (folded text, label) per document ----------------


@pytest.mark.parametrize("label", ["PER", "ORG", "LOC"])
def test_seeds_f1(nlp, label):
    gold, pred = set(), set()
    for line in SEEDS.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if "entities" not in doc:
            continue
        gold |= {(doc["id"], fold(t), lab) for t, lab in doc["entities"] if lab == label}
        pred |= {(doc["id"], fold(e.text), e.label_) for e in nlp(doc["text"]).ents if e.label_ == label}
    tp = len(gold & pred)
    f1 = 2 * tp / (len(gold) + len(pred))
    assert f1 >= 0.95, f"{label}: missing {sorted(gold - pred)}, extra {sorted(pred - gold)}"
