"""presse_events: visits and agreements read from French sentences written for these tests.

Each case is a short French text (one or a few sentences), its publication date,
and what the events must say.  The whole pipeline runs once for the module.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.components.events import fold
from pipeline.nlp import build_nlp

GOLD = Path("/work/shared/gold/seeds.jsonl")

# (text, published, expected visits: list of dicts with the fields to check)
# Fields: vc = visitor country, dest = destination name (folded prefix match), dc = destination
# country, start/end, status, cameo, hosts (names that must be among the hosts),
# visitors (names that must be among the visitors), purpose (words it must contain).
VISITS = [
    # -- the visitor moves: se rendre, se déplacer, effectuer une visite, être en visite...
    ("Une délégation chinoise s'est rendue à Lyon le 12 mars 2019.", "2019-03-20",
     [{"vc": "CN", "dest": "Lyon", "dc": "FR", "start": "2019-03-12", "status": "past", "cameo": "042"}]),
    ("Le maire de Nantes s'est rendu à Tokyo du 3 au 7 avril 2018.", "2018-04-10",
     [{"vc": "FR", "dest": "Tokyo", "dc": "JP", "start": "2018-04-03", "end": "2018-04-07"}]),
    ("Une délégation marseillaise se rendra à Miami en juin.", "2021-05-02",
     [{"vc": "FR", "dest": "Miami", "dc": "US", "start": "2021-06", "status": "planned"}]),
    ("L'ambassadeur du Japon était en visite à Bordeaux jeudi.", "2020-02-14",
     [{"vc": "JP", "dest": "Bordeaux", "start": "2020-02-13"}]),
    ("Le ministre marocain de l'Industrie a effectué une visite de travail à Toulouse le 5 mai 2017.", None,
     [{"vc": "MA", "dest": "Toulouse", "start": "2017-05-05"}]),
    ("Des élus bretons ont effectué un déplacement en Chine du 10 au 15 septembre 2016.", None,
     [{"vc": "FR", "dest": "Chine", "dc": "CN", "start": "2016-09-10", "end": "2016-09-15"}]),
    ("Des chefs d'entreprise québécois se sont déplacés à Rennes en octobre 2019.", None,
     [{"vc": "CA", "dest": "Rennes", "start": "2019-10"}]),
    ("L'ambassadeur d'Inde, Jawed Ashraf, était dans les Vosges vendredi.", "2019-06-17",
     [{"vc": "IN", "dest": "Vosges", "visitors": ["Jawed Ashraf"], "start": "2019-06-14"}]),
    ("Une mission économique ivoirienne sera en visite à Lille du 4 au 6 décembre 2019.", "2019-11-20",
     [{"vc": "CI", "dest": "Lille", "status": "planned", "start": "2019-12-04", "end": "2019-12-06"}]),
    ("Le président sénégalais a visité Marseille le 2 juin 2018.", None,
     [{"vc": "SN", "dest": "Marseille", "start": "2018-06-02"}]),
    ("Une délégation de la ville de Wuhan est venue à Bordeaux pour étudier les possibilités de coopération.",
     None, [{"vc": "CN", "dest": "Bordeaux", "purpose": "étudier les possibilités de coopération"}]),
    ("Des entreprises chinoises ont participé au salon de Paris en juin 2019.", None,
     [{"vc": "CN", "dest": "Paris", "start": "2019-06"}]),
    ("Le Premier ministre italien est attendu à Nice le 14 juillet 2022.", "2022-07-01",
     [{"vc": "IT", "dest": "Nice", "status": "planned", "start": "2022-07-14"}]),
    ("Le vice-président ivoirien conduira une délégation ministérielle dans la région du Grand Est "
     "du 17 au 20 juin 2018.", "2018-06-16",
     [{"vc": "CI", "dest": "Grand Est", "start": "2018-06-17", "end": "2018-06-20", "status": "planned"}]),
    ("Le roi du Maroc a effectué une visite officielle à Paris en mai 2019.", None,
     [{"vc": "MA", "dest": "Paris", "start": "2019-05"}]),
    ("Une délégation de la province chinoise du Hubei est attendue à Clermont-Ferrand le 15 novembre 2018.",
     "2018-11-01", [{"vc": "CN", "dest": "Clermont-Ferrand", "status": "planned"}]),
    ("La délégation japonaise séjournera à Annecy du 1er au 3 juillet 2019.", "2019-06-01",
     [{"vc": "JP", "dest": "Annecy", "start": "2019-07-01", "end": "2019-07-03", "status": "planned"}]),
    ("Une délégation nantaise a séjourné à Séoul en mars 2018.", None,
     [{"vc": "FR", "dest": "Séoul", "dc": "KR", "start": "2018-03"}]),
    ("Le maire de Cannes s'est rendu à Doha pour rencontrer des investisseurs qataris.", None,
     [{"vc": "FR", "dest": "Doha", "dc": "QA", "purpose": "rencontrer des investisseurs"}]),
    ("Le ministre algérien du Commerce était en déplacement à Marseille le 12 février 2020.", None,
     [{"vc": "DZ", "dest": "Marseille", "start": "2020-02-12"}]),
    ("Une mission d'entreprises bretonnes se rendra en Inde en novembre 2019.", "2019-09-10",
     [{"vc": "FR", "dest": "Inde", "dc": "IN", "status": "planned", "start": "2019-11"}]),
    ("Des investisseurs chinois sont venus à Châteauroux en 2017.", None,
     [{"vc": "CN", "dest": "Châteauroux", "start": "2017"}]),
    ("Une délégation de Rybnik, en Pologne, est en visite à Saint-Vallier.", None,
     [{"vc": "PL", "dest": "Saint-Vallier"}]),
    ("L'ambassadrice de Suède a visité le port de Brest le 3 juin 2019.", None,
     [{"vc": "SE", "dest": "Brest", "start": "2019-06-03"}]),
    ("Une délégation de chefs d'entreprise vendéens se rendra au Vietnam du 5 au 12 mars 2020.", "2020-02-01",
     [{"vc": "FR", "dest": "Vietnam", "dc": "VN", "status": "planned"}]),
    ("L'ambassadeur du Canada effectue une tournée en Bretagne du 2 au 5 avril 2019.", None,
     [{"vc": "CA", "dest": "Bretagne", "start": "2019-04-02", "end": "2019-04-05"}]),
    ("Des élus de Grenoble se sont rendus à Ouagadougou en avril 2019.", None,
     [{"vc": "FR", "dest": "Ouagadougou", "dc": "BF"}]),
    ("Les Nantais s'invitent au Québec du 2 au 6 octobre 2018.", None,
     [{"vc": "FR", "dest": "Québec", "dc": "CA", "start": "2018-10-02", "end": "2018-10-06"}]),
    ("Le gouverneur de Dakar a rendu visite au maire de Lyon le 8 mai 2015.", None,
     [{"vc": "SN", "dest": "Lyon", "start": "2015-05-08"}]),
    # -- one visit per destination
    ("Menée par le maire, une délégation de douze élus lyonnais s'est rendue à Montréal et à Québec "
     "du 1er au 5 mai 2019.", None,
     [{"vc": "FR", "dest": "Montréal", "dc": "CA"}, {"vc": "FR", "dest": "Québec", "dc": "CA"}]),
    ("Une délégation canadienne s'est rendue à Caen et à Rouen en mai 2019.", None,
     [{"vc": "CA", "dest": "Caen"}, {"vc": "CA", "dest": "Rouen"}]),
    ("Une délégation française se rend à Dakar et à Abidjan.", None,
     [{"vc": "FR", "dest": "Dakar", "dc": "SN"}, {"vc": "FR", "dest": "Abidjan", "dc": "CI"}]),
    # -- the host receives: recevoir, accueillir (CAMEO 043)
    ("Le maire de Poitiers a reçu mardi une délégation japonaise.", "2018-05-10",
     [{"vc": "JP", "dest": "Poitiers", "cameo": "043", "start": "2018-05-08"}]),
    ("La ville de Vendôme a accueilli une délégation italienne de Butera en octobre 2019.", "2019-11-05",
     [{"vc": "IT", "dest": "Vendôme", "cameo": "043", "start": "2019-10"}]),
    ("Jean Dupont, maire de Saumur, accueille une délégation de la ville de Verden, en Allemagne.", None,
     [{"vc": "DE", "dest": "Saumur", "cameo": "043", "hosts": ["Jean Dupont"]}]),
    ("Le wali d'Annaba, Abdelkader Djellaoui, a reçu hier le maire de Marseille, Benoit Payan.", "2024-05-16",
     [{"vc": "FR", "dest": "Annaba", "dc": "DZ", "hosts": ["Abdelkader Djellaoui"],
       "visitors": ["Benoit Payan"], "start": "2024-05-15", "cameo": "043"}]),
    ("Armand Dupuis, vice-président d'Amiens Métropole, reçoit du 25 au 27 août une délégation de "
     "responsables de la Ville de Zhengzhou.", "2019-08-20",
     [{"vc": "CN", "dest": "Amiens", "hosts": ["Armand Dupuis"], "start": "2019-08-25", "end": "2019-08-27"}]),
    ("La CCI de Rouen accueillera une délégation d'industriels marocains le 3 avril 2020.", "2020-03-01",
     [{"vc": "MA", "dest": "Rouen", "status": "planned", "start": "2020-04-03"}]),
    ("Le président du conseil départemental a reçu l'ambassadeur du Kazakhstan à Épinal.", None,
     [{"vc": "KZ", "dest": "Épinal", "cameo": "043"}]),
    ("Le président de la région a accueilli le ministre chinois du Commerce à Lyon le 4 avril 2016.", None,
     [{"vc": "CN", "dest": "Lyon", "start": "2016-04-04", "cameo": "043"}]),
    # -- received by: passive, "en présence de", sites and people visited
    ("La délégation polonaise a été reçue par le maire, Pierre Martin, à Saint-Vallier.", None,
     [{"vc": "PL", "dest": "Saint-Vallier", "hosts": ["Pierre Martin"]}]),
    ("Le ministre tunisien a été accueilli par Carole Delga à Toulouse le 3 mars 2021.", None,
     [{"vc": "TN", "dest": "Toulouse", "hosts": ["Carole Delga"], "start": "2021-03-03"}]),
    ("Carles Puigdemont, président de la Catalogne, a été reçu à Narbonne par Carole Delga.", None,
     [{"vc": "ES", "dest": "Narbonne", "hosts": ["Carole Delga"]}]),
    ("La délégation chinoise sera reçue à la mairie de Brest lundi.", "2019-05-01",
     [{"vc": "CN", "dest": "Brest", "status": "planned"}]),
    ("Les représentants de la ville de Gevelsberg ont été accueillis à Vendôme le 12 mai 2018.", None,
     [{"vc": "DE", "dest": "Vendôme", "start": "2018-05-12"}]),
    ("Une délégation vietnamienne s'est rendue à Limoges en présence du maire, Émile Roger Lombertie.", None,
     [{"vc": "VN", "dest": "Limoges", "hosts": ["Émile Roger Lombertie"]}]),
    ("Le ministre ghanéen s'est rendu sur le site d'Airbus à Toulouse.", None,
     [{"vc": "GH", "dest": "Toulouse", "hosts": ["Airbus"]}]),
    ("L'ambassadeur d'Allemagne était en visite à Marseille où il a rencontré le maire Jean-Claude Gaudin.",
     None, [{"vc": "DE", "dest": "Marseille", "hosts": ["Jean-Claude Gaudin"]}]),
    # -- dates by scope: the trigger's clause, its sentence, its paragraph, the document
    ("Le salon s'est tenu le 4 mars 2020. Une délégation coréenne s'est rendue à Lyon pour l'occasion.", None,
     [{"vc": "KR", "dest": "Lyon", "start": "2020-03-04"}]),
    ("La foire a ouvert le 2 mai 2019. Une délégation russe s'est rendue à Metz le 5 mai 2019.", None,
     [{"vc": "RU", "dest": "Metz", "start": "2019-05-05"}]),
    ("Nommé en septembre 2015, l'ambassadeur du Brésil était en visite à Lyon le 10 janvier 2016.", None,
     [{"vc": "BR", "dest": "Lyon", "start": "2016-01-10"}]),
    ("Publié le 12 mai 2021\n\nUne délégation belge s'est rendue à Lille.", None,
     [{"vc": "BE", "dest": "Lille", "start": "2021-05-12"}]),
    # -- status from dates and tense
    ("Une délégation chinoise est en visite à Lyon du 2 au 6 mai 2019.", "2019-05-04",
     [{"vc": "CN", "dest": "Lyon", "status": "ongoing"}]),
    ("Une délégation chinoise se rendra à Lyon le 5 juin 2030.", "2030-05-01",
     [{"vc": "CN", "dest": "Lyon", "status": "planned"}]),
    ("Une délégation chinoise s'est rendue à Lyon le 5 juin 2019.", "2019-07-01",
     [{"vc": "CN", "dest": "Lyon", "status": "past"}]),
    # -- domestic official visits carry both countries
    ("Une délégation lyonnaise a visité Villeurbanne le 3 mars 2020.", None,
     [{"vc": "FR", "dest": "Villeurbanne", "dc": "FR"}]),
    # -- not visits
    ("Le gouvernement souhaite accueillir des migrants en France.", None, []),
    ("Jean Roatta a reçu un accueil chaleureux des autorités.", None, []),
    ("Le maire s'est rendu compte du problème à Lyon.", None, []),
    ("Les échanges commerciaux entre la France et l'Algérie progressent.", None, []),
    ("L'ambassadeur de Turquie à Paris a annoncé que sa mission en France était arrivée à son terme.", None, []),
]

# Several trips in one article: the frame fills later sentences; passing mentions are visits too.
DOCUMENTS = [
    ("Le maire de Rouen reçoit une délégation chinoise de Ningbo du 3 au 5 juin 2019. « Nous avons déjà "
     "reçu une délégation en 2017 et avons participé au salon international de Ningbo en avril 2018 », "
     "rappelle-t-il.", "2019-06-01",
     [{"vc": "CN", "dest": "Rouen", "start": "2019-06-03", "salience": "main"},
      {"vc": "CN", "dest": "Rouen", "start": "2017", "salience": "mention"},
      {"vc": "FR", "dest": "Ningbo", "start": "2018-04", "salience": "mention"}]),
    ("Une délégation chinoise s'est rendue à Brest le 3 mai 2019. Cette visite a permis de rencontrer "
     "le maire, François Cuillandre.", None,
     [{"vc": "CN", "dest": "Brest", "hosts": ["François Cuillandre"], "start": "2019-05-03"}]),
    ("Le vice-président ivoirien conduira une délégation à Nancy du 17 au 20 juin 2018. Cette visite sera "
     "suivie par une mission d'entreprises régionales en Côte d'Ivoire en novembre.", "2018-06-16",
     [{"vc": "CI", "dest": "Nancy", "salience": "main"},
      {"vc": "FR", "dest": "Côte d", "dc": "CI", "start": "2018-11", "salience": "mention"}]),
    ("Une délégation de quatre élus nîmois s'est rendue à Rishon LeZion, en Israël, du 17 au 19 mai. "
     "Ce séjour a été inauguré par une rencontre avec Florence Dupont, consule de France.", "2022-05-27",
     [{"vc": "FR", "dest": "Rishon", "dc": "IL", "start": "2022-05-17", "end": "2022-05-19",
       "hosts": ["Florence Dupont"]}]),
    ("La ville de Vendôme a accueilli une délégation de Butera en octobre. En août dernier, le maire de "
     "Vendôme s'était rendu en Italie, découvrir Butera.", "2019-11-05",
     [{"vc": "IT", "dest": "Vendôme", "start": "2019-10", "salience": "main"},
      {"vc": "FR", "dest": "Butera", "start": "2019-08", "salience": "mention"}]),
]

# How French regional press tells visits beyond the sentences the rules were first written on:
# hosts in passive agents and with clitic objects, parties told again by their noun, tours with
# several stops, departures, background trips, dates that belong to another event.
GENERAL = [
    # hosts: "accueillie ... par X, et par Y", however far the agent is from the participle
    ("Mardi, une délégation de la ville chinoise de Yantai a été accueillie à l'hôtel de ville de Cognac "
     "par le maire, Hervé Dumas, et par Sophie Berthelot, adjointe.", "2024-03-15",
     [{"vc": "CN", "vplace": "Yantai", "dest": "Cognac", "start": "2024-03-12",
       "hosts": ["Hervé Dumas", "Sophie Berthelot"]}]),
    # hosts: the subject of "les ont accueillis", the clitic being the delegation told before
    ("Une délégation de la ville espagnole de Cuenca est en visite à Tulle. Bernard Lachaud, maire de Tulle, "
     "et Annie Vergne, présidente de l'office de tourisme, les ont accueillis vendredi à la mairie.", "2022-10-10",
     [{"vc": "ES", "vplace": "Cuenca", "dest": "Tulle", "hosts": ["Bernard Lachaud", "Annie Vergne"]}]),
    ("Des élus québécois étaient en visite à La Rochelle du 12 au 14 septembre 2023. Jeudi, avant de "
     "s'envoler pour Montréal, la délégation a été reçue à la CCI de La Rochelle.", "2023-09-18",
     [{"vc": "CA", "dest": "La Rochelle", "start": "2023-09-12", "end": "2023-09-14",
       "hosts": ["CCI de La Rochelle"]}]),
    # a people's name read as a town by a gazetteer ("Des Allemands", Louisiana)
    ("Une délégation de quatre-vingts Allemands a été reçue à Sélestat le 3 mai 2025.", None,
     [{"vc": "DE", "dest": "Sélestat", "start": "2025-05-03"}]),
    # light verb: the subject of "a effectué une visite" is the visitor; coordinated days are one stay
    ("L'ambassadeur du Vietnam a effectué mardi et mercredi une visite de travail dans le Finistère.",
     "2024-06-14", [{"vc": "VN", "dest": "Finistère", "start": "2024-06-11", "end": "2024-06-12"}]),
    # a trade fair named by its own name
    ("Onze start-up normandes ont participé au Consumer Electronics Show de Las Vegas du 9 au 12 janvier 2024.",
     "2024-01-15", [{"vc": "FR", "dest": "Las Vegas", "dc": "US", "start": "2024-01-09", "end": "2024-01-12"}]),
    # the visitor's name is a noun phrase: no weekday, no clause
    ("Vendredi, l'ambassadeur du Kazakhstan était dans les Vosges.", "2019-06-17",
     [{"vc": "KZ", "dest": "Vosges", "vname": "l'ambassadeur du Kazakhstan", "start": "2019-06-14"}]),
    # a tour: one visit per dated stop, all of the main trip
    ("L'ambassadeur du Vietnam a effectué mardi et mercredi une visite dans le Finistère. Mardi, "
     "l'ambassadeur, accompagné de son conseiller, a été reçu à Brest par Yannick Le Goff. Le lendemain, "
     "la délégation a été accueillie à Quimper par Maryvonne Caradec.", "2024-06-14",
     [{"vc": "VN", "dest": "Finistère", "salience": "main"},
      {"vc": "VN", "dest": "Brest", "start": "2024-06-11", "hosts": ["Yannick Le Goff"], "salience": "main"},
      {"vc": "VN", "dest": "Quimper", "start": "2024-06-12", "hosts": ["Maryvonne Caradec"], "salience": "main"}]),
    # the same party's other trip, with a place and a date of its own
    ("Le ministre sénégalais de l'Enseignement supérieur est attendu mardi 13 février à Poitiers. « Nous "
     "comptons sur vous », avait déclaré le ministre lors de sa visite à Bordeaux en octobre dernier.",
     "2024-02-09",
     [{"vc": "SN", "dest": "Poitiers", "start": "2024-02-13", "status": "planned", "salience": "main"},
      {"vc": "SN", "dest": "Bordeaux", "start": "2023-10", "salience": "mention"}]),
    # "le lendemain, les élus ...": the same trip goes on
    ("Le maire de Montbéliard s'est rendu samedi à Ludwigsburg, en Allemagne. Le lendemain, les élus ont "
     "visité une entreprise de la ville.", "2023-10-09",
     [{"vc": "FR", "dest": "Ludwigsburg", "dc": "DE", "start": "2023-10-07", "end": "2023-10-08"}]),
    # the institution visited the next day is a site of the same stay, not another destination
    ("Mardi 13 juin, la maire de Vierzon a accueilli une délégation japonaise. Le lendemain, la délégation "
     "s'est rendue à la chambre de commerce et d'industrie du Cher.", "2023-06-16",
     [{"vc": "JP", "dest": "Vierzon", "start": "2023-06-13", "end": "2023-06-14"}]),
    # a departure closes the stay and opens the next destination
    ("Une délégation japonaise de Kumamoto est en visite à Vierzon depuis le mardi 13 juin. La délégation a "
     "quitté le Berry jeudi pour Paris, où elle doit rencontrer des responsables de Business France.",
     "2023-06-16",
     [{"vc": "JP", "dest": "Vierzon", "start": "2023-06-13", "end": "2023-06-15", "salience": "main"},
      {"vc": "JP", "dest": "Paris", "start": "2023-06-15", "hosts": ["Business France"], "salience": "mention"}]),
    # a trip of an earlier year told as background is a mention
    ("En 2019, une délégation d'importateurs japonais était venue visiter les caves de Poligny.", "2024-04",
     [{"vc": "JP", "dest": "Poligny", "start": "2019", "salience": "mention"}]),
    # a date that another event governs is not the visit's
    ("Une délégation allemande a fait le déplacement à Sélestat. Les deux maires ont renouvelé la charte de "
     "jumelage signée en 1975.", None, [{"vc": "DE", "dest": "Sélestat", "start": None}]),
    ("Vendredi, l'ambassadeur du Kazakhstan était dans les Vosges. Il a évoqué l'exposition universelle "
     "qui se tiendra du 10 juin au 10 septembre 2017 à Astana.", None,
     [{"vc": "KZ", "dest": "Vosges", "start": None, "end": None}]),
    # the place after the delegation ("la délégation à Agen") is where it is received, not who it is
    ("Une délégation marocaine a séjourné en Lot-et-Garonne jeudi et vendredi. La préfète a accueilli la "
     "délégation à la préfecture.", "2023-11-20",
     [{"vc": "MA", "dest": "Lot-et-Garonne", "start": "2023-11-16", "end": "2023-11-17"}]),
    # an outbound article: the same visitors' earlier mission elsewhere
    ("Onze start-up normandes ont participé au salon CES de Las Vegas du 9 au 12 janvier 2024. L'an dernier, "
     "la Région avait déjà organisé une mission d'entreprises à Montréal.", "2024-01-15",
     [{"vc": "FR", "dest": "Las Vegas", "salience": "main"},
      {"vc": "FR", "dest": "Montréal", "dc": "CA", "start": "2023", "salience": "mention"}]),
    # a festival or a fair is attended, it receives no one; a country qualifying a title is no host
    ("Une délégation de la ville espagnole de Cuenca est en visite à Tulle. Elle a rencontré le maire, Bernard "
     "Lachaud, et les organisateurs du festival des Nuits de Nacre.", "2022-10-10",
     [{"vc": "ES", "dest": "Tulle", "hosts": ["Bernard Lachaud"], "no_hosts": ["festival des Nuits de Nacre"]}]),
    ("Des start-up normandes ont participé au Consumer Electronics Show de Las Vegas du 9 au 12 janvier 2024. "
     "La délégation a été reçue par le consul général de France à Los Angeles.", "2024-01-15",
     [{"vc": "FR", "dest": "Las Vegas", "no_hosts": ["Consumer Electronics Show", "France"]}]),
    # "sont rentrés de Yantai": a trip told by its return
    ("Les élus angevins sont rentrés de Yantai le 9 mai, après une semaine de visite.", "2024-05-12",
     [{"vc": "FR", "dest": "Yantai", "dc": "CN", "status": "past"}]),
    # "a découvert le site d'Airbus à Toulouse": discovering a place is visiting it
    ("Une délégation d'industriels allemands a découvert mardi le site d'Airbus à Toulouse, accueillie par son "
     "directeur, Paul Morel.", "2024-05-12",
     [{"vc": "DE", "dest": "Toulouse", "start": "2024-05-07", "hosts": ["Paul Morel"]}]),
    # the party's name stops where its leader is introduced
    ("La délégation américaine conduite par le maire de Charleston, John Smith, a été accueillie hier à Orléans.",
     "2024-05-12",
     [{"vc": "US", "dest": "Orléans", "vname": "La délégation américaine", "visitors": ["John Smith"]}]),
    # arrivals and stays counted in days
    ("Accompagné d'une dizaine de chefs d'entreprise, le gouverneur de la province chinoise du Zhejiang est arrivé "
     "dimanche à Bordeaux.", "2024-05-14", [{"vc": "CN", "dest": "Bordeaux", "start": "2024-05-12"}]),
    ("Douze éleveurs tunisiens ont passé trois jours en Mayenne pour découvrir la filière lait.", "2024-05-14",
     [{"vc": "TN", "dest": "Mayenne", "dc": "FR"}]),
    # an official of no named country going abroad is one of the paper's own
    ("Le président de la Région a conduit une mission économique au Maroc du 12 au 15 mars.", "2024-03-20",
     [{"vc": "FR", "dest": "Maroc", "dc": "MA", "start": "2024-03-12", "end": "2024-03-15"}]),
    # "à l'invitation de": who invites, receives
    ("À l'invitation de la chambre de commerce et d'industrie du Morbihan, une délégation du comté de Kerry, en "
     "Irlande, a séjourné la semaine dernière à Vannes.", "2024-05-14",
     [{"vc": "IE", "dest": "Vannes", "hosts": ["chambre de commerce et d'industrie du Morbihan"]}]),
    # a season gives the year
    ("Une délégation allemande sera accueillie à Montbéliard au printemps 2024.", "2023-10-09",
     [{"vc": "DE", "dest": "Montbéliard", "start": "2024", "end": "2024", "status": "planned"}]),
    # "il sera reçu par ...": the pronoun subject is the visitor told before
    ("Le ministre sénégalais de l'Enseignement supérieur est attendu mardi 13 février à Poitiers. Il sera reçu "
     "par la présidente de l'université, Véronique Marchal, et par le maire, Léonore Dupuis.", "2024-02-09",
     [{"vc": "SN", "dest": "Poitiers", "hosts": ["Véronique Marchal", "Léonore Dupuis"]}]),
    # a day within the stay does not replace the stay
    ("Du 3 au 5 mai 2025, une délégation allemande a séjourné à Sélestat. Le 4 mai, les invités ont été "
     "reçus à l'hôtel de ville par le maire, Marcel Bauer.", None,
     [{"vc": "DE", "dest": "Sélestat", "start": "2025-05-03", "end": "2025-05-05", "hosts": ["Marcel Bauer"]}]),
    # a hyphenated region no gazetteer knows is still the visitors' place, and part of their name
    ("Une délégation de la région marocaine de Souss-Massa a séjourné à Agen le 16 novembre 2023.", None,
     [{"vc": "MA", "dest": "Agen", "vplace": "Souss-Massa",
       "vname": "Une délégation de la région marocaine de Souss-Massa"}]),
    # "la coopérative les a reçus": an organisation hosting with a clitic object
    ("Une délégation marocaine est en visite à Marmande. La coopérative Val de Garonne les a reçus "
     "pour une visite de ses stations de tri.", None,
     [{"vc": "MA", "dest": "Marmande", "hosts": ["Val de Garonne"]}]),
]

# (text, published, expected sets of party countries, in any order; [] for none)
AGREEMENTS = [
    ("La ville de Toulouse et la municipalité de Tunis ont signé un accord de coopération le 26 octobre 2017.",
     None, [{"countries": {"FR", "TN"}, "date": "2017-10-26"}]),
    ("Les communes jumelées de Nîmes et de Rishon LeZion renforcent leurs liens.", None,
     [{"countries": {"FR", "IL"}}]),
    ("Le jumelage Vendôme-Gevelsberg fête ses 45 ans.", None, [{"countries": {"FR", "DE"}}]),
    # "entre les deux chambres": both sides of the visit told before, when the text signs something
    ("Une délégation marocaine a été reçue à Agen le 17 novembre 2023. Une convention de partenariat a été "
     "signée entre les deux chambres d'agriculture.", "2023-11-20", [{"countries": {"FR", "MA"}}]),
    ("Le ministre qatari est en visite à Cannes. « Le partenariat entre nos deux pays est un modèle », "
     "a-t-il déclaré.", None, []),
    # a hope is not an agreement; a signing told in a relative clause takes its sentence's date
    ("Des élus de Cuenca ont passé trois jours à Tulle, avec l'idée d'un jumelage.", None, []),
    ("La maire, qui espère voir naître un jumelage entre Vierzon et Kumamoto, a reçu la délégation.", None, []),
    ("Le 14 juin 2023, la délégation japonaise s'est rendue à la CCI du Cher, où une lettre d'intention a été "
     "signée entre la CCI du Cher et la chambre de commerce de Kumamoto.", None,
     [{"countries": {"FR", "JP"}, "date": "2023-06-14"}]),
    # signed "à cette occasion": the date of the visit
    ("Le ministre sénégalais est attendu le 13 février 2024 à Poitiers. Une convention entre l'université de "
     "Poitiers et l'université de Dakar sera signée à cette occasion.", "2024-02-09",
     [{"countries": {"FR", "SN"}, "date": "2024-02-13"}]),
    # the charter signed in 1975 dates the charter, not the visit
    ("Une délégation allemande a fait le déplacement à Sélestat le 3 mai 2025. Les deux maires ont renouvelé "
     "la charte de jumelage signée en 1975 entre Sélestat et Waldkirch.", None, [{"countries": {"FR", "DE"}}]),
    ("La région Occitanie et la Généralité de Catalogne ont signé une lettre d'intention.", None,
     [{"countries": {"FR", "ES"}}]),
    ("Un mémorandum d'entente a été signé entre le Maroc et le Sénégal.", None, [{"countries": {"MA", "SN"}}]),
    ("La France et l'Italie ont signé le traité du Quirinal en 2021.", None,
     [{"countries": {"FR", "IT"}, "date": "2021"}]),
    ("Un protocole d'accord a été conclu entre l'université de Lyon et l'université de Montréal.", None,
     [{"countries": {"FR", "CA"}}]),
    ("Rennes a signé une convention de partenariat avec la ville de Sendai, au Japon.", None,
     [{"countries": {"FR", "JP"}}]),
    ("Strasbourg et Stuttgart ont renouvelé leur partenariat le 3 mars 2019.", None,
     [{"countries": {"FR", "DE"}, "date": "2019-03-03"}]),
    ("Bordeaux et Porto ont signé une charte de jumelage.", None, [{"countries": {"FR", "PT"}}]),
    ("Une convention a été signée entre la région Bretagne et la province de Shandong.", None,
     [{"countries": {"FR", "CN"}}]),
    ("Une convention a été signée entre Rennes et Leipzig le 2 mars 2020.", None,
     [{"countries": {"FR", "DE"}, "date": "2020-03-02"}]),
    ("Le protocole de coopération entre Tunis et Paris a été signé hier.", "2019-03-12",
     [{"countries": {"TN", "FR"}, "date": "2019-03-11"}]),
    ("Une délégation de Zhengzhou est à Amiens. Cette délégation a signé en 2018 un partenariat avec "
     "Amiens Métropole.", None, [{"countries": {"CN", "FR"}, "date": "2018"}]),
    # -- not agreements: sought, hypothetical, an institution's name, a kind of thing
    ("Les deux villes cherchent un accord avec le Kazakhstan.", None, []),
    ("Le comité de jumelage de Vendôme organise une fête avec l'Allemagne.", None, []),
    ("Des partenariats avec des entreprises chinoises se multiplient à Lyon.", None, []),
    ("Un éventuel jumelage entre Vendôme et Butera est à l'étude.", None, []),
]


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


def run(nlp, text, published):
    doc = nlp.make_doc(text)
    doc._.published = published
    doc = nlp(doc)
    return [(span, span._.event) for span in doc.spans.get("events", [])
            if span._.event and span._.event["type"] in ("visit", "agreement")]


def find_visit(events, want):
    """The visit with the wanted visitor country and destination (and start, when two share them)."""
    found = [e for _, e in events if e["type"] == "visit" and e["visitor"]["country"] == want["vc"]
             and fold(e["destination"]["name"]).startswith(fold(want["dest"]))]
    dated = [e for e in found if e["start"] == want.get("start")]
    return (dated or found or [None])[0]


def check_visit(e, want):
    if "dc" in want:
        assert e["destination"]["country"] == want["dc"]
    for key in ("start", "end", "status", "cameo", "salience"):
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
    if "purpose" in want:
        assert fold(want["purpose"]) in fold(e["purpose"] or "")
    assert e["plover"] == "CONSULT" and e["rule"].startswith("visit.") and 0 < e["confidence"] <= 1


@pytest.mark.parametrize("text,published,expected", VISITS + DOCUMENTS + GENERAL)
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


@pytest.mark.parametrize("text,published,expected", AGREEMENTS)
def test_agreements(nlp, text, published, expected):
    agreements = [e for _, e in run(nlp, text, published) if e["type"] == "agreement"]
    assert len(agreements) == len(expected), agreements
    for want in expected:
        match = [a for a in agreements if {p["country"] for p in a["parties"]} == want["countries"]]
        assert match, (want, agreements)
        if "date" in want:
            assert match[0]["date"] == want["date"]
        assert match[0]["cameo"] == "057" and match[0]["plover"] == "AGREE"


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
    agreements = [e for _, e in events if e["type"] == "agreement"]
    assert {p["country"] for p in agreements[0]["parties"]} == {"CN", "FR"} and agreements[0]["date"] == "2018"


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
    assert not [e for _, e in events if e["type"] == "agreement"]
