"""French temporal expressions: mention, TIMEX3 value and kind, resolved against the publication date.

Unless said otherwise the article is published on Friday 23 August 2019 (ISO week 34).
"""
from pathlib import Path

import pytest
import spacy

from pipeline.nlp import build_nlp

PUB = "2019-08-23"
PUB2 = "2021-03-10"
PUB3 = "2018-11-30"
PUB4 = "2017-06-02"
PUB5 = "2023-01-04"
PUB6 = "2022-10-07"
SHARED = Path(__file__).resolve().parents[2] / "shared"
if not SHARED.exists():
    SHARED = Path("/work/shared")

# (sentence, publication date, mention, value, kind)
CASES = [
    # absolute dates, any case and accent
    ("Le président sera reçu le 26 août 2019 à Amiens.", PUB, "26 août 2019", "2019-08-26", "date"),
    ("La réunion aura lieu ce lundi 26 aout 2019 à la CCI.", PUB, "lundi 26 aout 2019", "2019-08-26", "date"),
    ("Le 1er janvier 2020, la loi entre en vigueur.", PUB, "1er janvier 2020", "2020-01-01", "date"),
    ("Le document est daté du 16/02/2013.", PUB, "16/02/2013", "2013-02-16", "date"),
    ("Rendez-vous le 03.05.2019 au siège.", PUB, "03.05.2019", "2019-05-03", "date"),
    ("Décembre 2012 restera dans les mémoires.", PUB, "Décembre 2012", "2012-12", "date"),
    ("Le contrat a été signé le 2 FÉVRIER 2018.", PUB, "2 FÉVRIER 2018", "2018-02-02", "date"),
    ("La délégation est arrivée le 12 fevrier 2016.", PUB, "12 fevrier 2016", "2016-02-12", "date"),
    ("Les travaux ont commencé le 5 déc. 2017.", PUB, "5 déc. 2017", "2017-12-05", "date"),
    ("Il est né le 14/07/89 à Lyon.", PUB, "14/07/89", "1989-07-14", "date"),
    ("La date du 2019-09-15 a été retenue.", PUB, "2019-09-15", "2019-09-15", "date"),
    ("Le premier janvier 2021, tout change.", PUB, "premier janvier 2021", "2021-01-01", "date"),
    ("Le salon ouvrira le jeudi 5 septembre 2019.", PUB, "jeudi 5 septembre 2019", "2019-09-05", "date"),
    ("Les élus se sont réunis le 30 Juin 2019.", PUB, "30 Juin 2019", "2019-06-30", "date"),
    # partial dates: year from the anchor, tense and "dernier"/"prochain"
    ("Le défilé aura lieu le 14 juillet.", PUB, "14 juillet", "2020-07-14", "date"),
    ("Le défilé a eu lieu le 14 juillet.", PUB, "14 juillet", "2019-07-14", "date"),
    ("Ils viendront en avril.", PUB, "avril", "2020-04", "date"),
    ("Ils sont venus en avril.", PUB, "avril", "2019-04", "date"),
    ("La visite est prévue mercredi 28 août.", PUB, "mercredi 28 août", "2019-08-28", "date"),
    ("La réunion du 2 septembre portera sur l'emploi.", PUB, "2 septembre", "2019-09-02", "date"),
    ("Le 14 juillet dernier, la ville a fêté ses jumelages.", PUB, "14 juillet dernier", "2019-07-14", "date"),
    ("Le 3 septembre prochain, les élèves reprennent le chemin de l'école.", PUB,
     "3 septembre prochain", "2019-09-03", "date"),
    ("En juin dernier, la ville a accueilli une délégation.", PUB, "juin dernier", "2019-06", "date"),
    ("En mars prochain, le maire se rendra en Chine.", PUB, "mars prochain", "2020-03", "date"),
    ("La visite du 5 août s'est bien passée.", PUB, "5 août", "2019-08-05", "date"),
    ("Le forum se tiendra le 10 janvier.", PUB, "10 janvier", "2020-01-10", "date"),
    ("Les soldes ont commencé le 28 décembre.", "2020-01-05", "28 décembre", "2019-12-28", "date"),
    ("Le maire recevra les lauréats mardi 3 septembre.", PUB, "mardi 3 septembre", "2019-09-03", "date"),
    ("La délégation sera reçue lundi 26 par le préfet.", PUB, "lundi 26", "2019-08-26", "date"),
    # ranges
    ("Ils reçoivent du 25 au 27 août une délégation chinoise.", PUB, "du 25 au 27 août",
     "2019-08-25/2019-08-27", "range"),
    ("L'exposition se tiendra du 10 juin au 10 septembre 2017.", PUB, "du 10 juin au 10 septembre 2017",
     "2017-06-10/2017-09-10", "range"),
    ("Les 27 et 28 juin dernier, la délégation a visité l'usine.", PUB, "27 et 28 juin dernier",
     "2019-06-27/2019-06-28", "range"),
    ("Le congrès aura lieu entre les 26 et 28 novembre.", PUB, "entre les 26 et 28 novembre",
     "2019-11-26/2019-11-28", "range"),
    ("Le marché sera ouvert du 29 décembre au 2 janvier.", "2019-12-20", "du 29 décembre au 2 janvier",
     "2019-12-29/2020-01-02", "range"),
    ("Il a présidé le club de 2015 à 2018.", PUB, "de 2015 à 2018", "2015/2018", "range"),
    ("La saison 2018-2019 a été excellente.", PUB, "2018-2019", "2018/2019", "range"),
    ("Le festival a lieu du 1er au 3 novembre 2019.", PUB, "du 1er au 3 novembre 2019",
     "2019-11-01/2019-11-03", "range"),
    ("La campagne se déroulera d'avril à juin 2020.", PUB, "d'avril à juin 2020", "2020-04/2020-06", "range"),
    ("Du lundi 2 au vendredi 6 septembre, les inscriptions sont ouvertes.", PUB,
     "Du lundi 2 au vendredi 6 septembre", "2019-09-02/2019-09-06", "range"),
    ("La foire a eu lieu du 28 février au 3 mars 2019.", PUB, "du 28 février au 3 mars 2019",
     "2019-02-28/2019-03-03", "range"),
    ("Du 30 novembre 2019 au 5 janvier, la patinoire est ouverte.", PUB, "Du 30 novembre 2019 au 5 janvier",
     "2019-11-30/2020-01-05", "range"),
    ("Les fouilles ont eu lieu entre 2012 et 2014.", PUB, "entre 2012 et 2014", "2012/2014", "range"),
    # relative to the publication date
    ("Vendredi, l'ambassadeur était dans les Vosges.", "2019-08-24", "Vendredi", "2019-08-23", "date"),
    ("Mardi prochain, le conseil votera le budget.", PUB, "Mardi prochain", "2019-08-27", "date"),
    ("Samedi dernier, la fête a réuni 300 personnes.", PUB, "Samedi dernier", "2019-08-17", "date"),
    ("Hier, le maire a inauguré la salle.", PUB, "Hier", "2019-08-22", "date"),
    ("Aujourd'hui, la ville compte 20 000 habitants.", PUB, "Aujourd'hui", "2019-08-23", "date"),
    ("22 % aujourd’hui travaillent dans l'industrie.", PUB, "aujourd’hui", "2019-08-23", "date"),
    ("Demain, les élus se réuniront en séance.", PUB, "Demain", "2019-08-24", "date"),
    ("Ce matin, le préfet a visité le port.", PUB, "Ce matin", "2019-08-23TMO", "date"),
    ("Il y a trois ans, l'usine a fermé.", PUB, "Il y a trois ans", "2016", "date"),
    ("24 % de la population active il y a 3 ans travaillait dans l'industrie.", PUB,
     "il y a 3 ans", "2016", "date"),
    ("L'an dernier, la foire a attiré 10 000 visiteurs.", PUB, "L'an dernier", "2018", "date"),
    ("La semaine prochaine, le ministre sera à Lyon.", PUB, "La semaine prochaine", "2019-W35", "date"),
    ("Le mois prochain, la ligne sera ouverte.", PUB, "Le mois prochain", "2019-09", "date"),
    ("Dans deux semaines, le chantier sera terminé.", PUB, "Dans deux semaines", "2019-W36", "date"),
    ("Avant-hier, un accord a été trouvé.", PUB, "Avant-hier", "2019-08-21", "date"),
    ("Après-demain, la délégation repartira.", PUB, "Après-demain", "2019-08-25", "date"),
    ("Hier soir, le conseil municipal a voté.", PUB, "Hier soir", "2019-08-22TEV", "date"),
    ("Lundi, la délégation visitera l'usine.", PUB, "Lundi", "2019-08-26", "date"),
    ("Jeudi, la délégation a visité l'usine.", PUB, "Jeudi", "2019-08-22", "date"),
    ("Cette année, la récolte est bonne.", PUB, "Cette année", "2019", "date"),
    ("L'année prochaine, le festival fêtera ses 20 ans.", PUB, "L'année prochaine", "2020", "date"),
    ("La semaine dernière, la mairie a reçu les habitants.", PUB, "La semaine dernière", "2019-W33", "date"),
    ("Cette semaine, les ouvriers ont posé la charpente.", PUB, "Cette semaine", "2019-W34", "date"),
    ("Le week-end dernier, la brocante a attiré la foule.", PUB, "Le week-end dernier", "2019-W33-WE", "date"),
    ("Ce week-end, la fête battra son plein.", PUB, "Ce week-end", "2019-W34-WE", "date"),
    ("Il y a 10 jours, la délégation est repartie.", PUB, "Il y a 10 jours", "2019-08-13", "date"),
    ("Il y a deux mois, le projet a été validé.", PUB, "Il y a deux mois", "2019-06", "date"),
    ("Dans trois ans, la ligne sera électrifiée.", PUB, "Dans trois ans", "2022", "date"),
    ("Le mois dernier, les ventes ont chuté.", PUB, "Le mois dernier", "2019-07", "date"),
    ("Ce soir, le concert aura lieu sur la place.", PUB, "Ce soir", "2019-08-23TEV", "date"),
    ("Cet après-midi, le maire recevra les lauréats.", PUB, "Cet après-midi", "2019-08-23TAF", "date"),
    ("Mercredi dernier, les pompiers sont intervenus.", PUB, "Mercredi dernier", "2019-08-21", "date"),
    ("Dimanche, les électeurs voteront.", PUB, "Dimanche", "2019-08-25", "date"),
    ("Il y a un an, la ville signait un jumelage.", PUB, "Il y a un an", "2018", "date"),
    ("L'an prochain, une nouvelle école ouvrira.", PUB, "L'an prochain", "2020", "date"),
    ("Demain matin, le ministre inaugurera le pont.", PUB, "Demain matin", "2019-08-24TMO", "date"),
    ("Samedi, la délégation est repartie pour Pékin.", PUB, "Samedi", "2019-08-17", "date"),
    ("La délégation sera reçue vendredi à la préfecture.", PUB2, "vendredi", "2021-03-12", "date"),
    ("La délégation a été reçue vendredi à la préfecture.", PUB2, "vendredi", "2021-03-05", "date"),
    ("L’an dernier, la foire a fermé ses portes.", PUB, "L’an dernier", "2018", "date"),
    ("Ils seront reçus lundi 26 et mardi 27 août en mairie.", PUB, "lundi 26 et mardi 27 août",
     "2019-08-26/2019-08-27", "range"),
    ("En fin de semaine, le port sera fermé.", PUB, "fin de semaine", "2019-W34", "date"),
    ("Le 1er mai, les syndicats défileront.", PUB, "1er mai", "2020-05-01", "date"),
    ("Le 26/08, la délégation visitera le port.", PUB, "26/08", "2019-08-26", "date"),
    ("Les 3, 4 et 5 octobre, le salon accueillera 200 exposants.", PUB, "3, 4 et 5 octobre",
     "2019-10-03/2019-10-05", "range"),
    ("La saison 2018-19 a été bonne.", PUB, "2018-19", "2018/2019", "range"),
    ("La nuit dernière, un incendie a ravagé l'entrepôt.", PUB, "La nuit dernière", "2019-08-22TNI", "date"),
    ("Lundi 2 septembre, la délégation arrivera. Le lendemain, elle visitera le port.", PUB,
     "Le lendemain", "2019-09-03", "date"),
    ("La cérémonie est prévue le 15 septembre à 18 heures.", PUB, "18 heures", "2019-09-15T18:00", "date"),
    ("Le record est tombé en 2h15.", PUB, "2h15", "PT2H15M", "duration"),
    ("Le trajet se fait en 24 heures.", PUB, "24 heures", "PT24H", "duration"),
    ("Le marché se tient les dimanches.", PUB, "dimanches", "XXXX-WXX-7", "set"),
    # parts of months and years, seasons, quarters
    ("La visite aura lieu à la mi-mars.", PUB, "mi-mars", "2020-03", "date"),
    ("Fin octobre, la délégation reviendra.", PUB, "Fin octobre", "2019-10", "date"),
    ("Début 2020, le chantier démarrera.", PUB, "Début 2020", "2020", "date"),
    ("Au printemps 2020, l'usine ouvrira ses portes.", PUB, "printemps 2020", "2020-SP", "date"),
    ("Au premier trimestre 2020, les ventes ont progressé.", PUB, "premier trimestre 2020", "2020-Q1", "date"),
    ("En 2018, la ville a signé un accord de coopération.", PUB, "2018", "2018", "date"),
    ("Fin 2019, le projet sera achevé.", PUB, "Fin 2019", "2019", "date"),
    ("Le bâtiment sera livré mi-2020.", PUB, "mi-2020", "2020", "date"),
    ("À la fin de l'année, le bilan sera publié.", PUB, "fin de l'année", "2019", "date"),
    ("Début septembre, les élèves reprendront le chemin de l'école.", PUB,
     "Début septembre", "2019-09", "date"),
    ("Cet été, la plage a attiré du monde.", PUB, "été", "2019-SU", "date"),
    ("L'hiver dernier a été rude.", PUB, "hiver dernier", "2018-WI", "date"),
    ("Le deuxième semestre 2019 sera décisif.", PUB, "deuxième semestre 2019", "2019-H2", "date"),
    ("En été 2018, la canicule a frappé la région.", PUB, "été 2018", "2018-SU", "date"),
    ("Au cours de l'automne, les travaux reprendront.", PUB, "automne", "2019-FA", "date"),
    ("Dans les années 1980, la ville comptait trois usines.", PUB, "années 1980", "198", "date"),
    ("Au XIXe siècle, le village vivait du textile.", PUB, "XIXe siècle", "18", "date"),
    ("La semaine 35 sera consacrée aux essais.", PUB, "semaine 35", "2019-W35", "date"),
    ("Au T1 2020, le chiffre d'affaires a doublé.", PUB, "T1 2020", "2020-Q1", "date"),
    ("Fin mars 2020, la ligne sera ouverte.", PUB, "Fin mars 2020", "2020-03", "date"),
    ("Le rapport est attendu au troisième trimestre.", PUB, "troisième trimestre", "2019-Q3", "date"),
    ("La fin du mois sera chargée.", PUB, "fin du mois", "2019-08", "date"),
    # holidays, fixed or counted from Easter
    ("Les travaux seront terminés avant Noël.", PUB, "Noël", "2019-12-25", "date"),
    ("À Pâques, la ville a accueilli une délégation.", PUB, "Pâques", "2019-04-21", "date"),
    ("Le pont de l'Ascension 2020 sera long.", PUB, "Ascension 2020", "2020-05-21", "date"),
    ("La délégation reviendra à la Toussaint.", PUB, "Toussaint", "2019-11-01", "date"),
    ("Le 14-Juillet, la ville a tiré son feu d'artifice.", PUB, "14-Juillet", "2019-07-14", "date"),
    ("Pour Noël 2018, le maire avait offert des colis.", None, "Noël 2018", "2018-12-25", "date"),
    ("Maintenant, la ville compte 3 000 habitants.", PUB, "Maintenant", "PRESENT_REF", "vague"),
    # durations are never dates
    ("Le trajet prend 45 jours par voie maritime.", PUB, "45 jours", "P45D", "duration"),
    ("De la Chine à l'Europe, en 10 jours par le Kazakhstan.", PUB, "10 jours", "P10D", "duration"),
    ("Il a dirigé l'entreprise pendant vingt ans.", PUB, "vingt ans", "P20Y", "duration"),
    ("Le chantier durera trois mois.", PUB, "trois mois", "P3M", "duration"),
    ("Depuis 5 ans, l'association aide les familles.", PUB, "5 ans", "P5Y", "duration"),
    ("La grève a duré deux semaines.", PUB, "deux semaines", "P2W", "duration"),
    ("Le vol dure 12 heures.", PUB, "12 heures", "PT12H", "duration"),
    ("Il a fallu quelques jours pour réparer la route.", PUB, "quelques jours", "PXD", "duration"),
    ("Le festival dure une semaine.", PUB, "une semaine", "P1W", "duration"),
    # sets
    ("Le marché a lieu chaque lundi.", PUB, "chaque lundi", "XXXX-WXX-1", "set"),
    ("La foire revient tous les ans.", PUB, "tous les ans", "P1Y", "set"),
    ("Le conseil se réunit tous les deux mois.", PUB, "tous les deux mois", "P2M", "set"),
    ("Chaque année, la ville organise un festival.", PUB, "Chaque année", "P1Y", "set"),
    ("Le club s'entraîne tous les mercredis.", PUB, "tous les mercredis", "XXXX-WXX-3", "set"),
    # vague references
    ("Récemment, la mairie a rénové l'école.", PUB, "Récemment", "PAST_REF", "vague"),
    ("Le projet verra bientôt le jour.", PUB, "bientôt", "FUTURE_REF", "vague"),
    ("Actuellement, 300 personnes travaillent sur le site.", PUB, "Actuellement", "PRESENT_REF", "vague"),
    ("Il y a quelques jours, la délégation est venue.", PUB, "Il y a quelques jours", "PAST_REF", "vague"),
    ("Prochainement, un accord sera signé.", PUB, "Prochainement", "FUTURE_REF", "vague"),
    # no publication date: partial values, never a guessed year
    ("Ils reçoivent du 25 au 27 août une délégation.", None, "du 25 au 27 août",
     "XXXX-08-25/XXXX-08-27", "range"),
    ("Vendredi, l'ambassadeur était dans les Vosges.", None, "Vendredi", None, "date"),
    ("Le 14 juillet, la ville fête la Révolution.", None, "14 juillet", "XXXX-07-14", "date"),
    ("En avril, la délégation est venue.", None, "avril", "XXXX-04", "date"),
    ("Hier, le maire a inauguré la salle.", None, "Hier", None, "date"),
    ("Il y a 3 ans, la ville a signé.", None, "Il y a 3 ans", None, "date"),
    ("En 2018, la délégation est venue le 14 juillet.", None, "14 juillet", "2018-07-14", "date"),
    # a partial publication date, a dateline, an explicit year in the sentence
    ("Le 14 juillet dernier, la ville a fêté ses jumelages.", "2019-08",
     "14 juillet dernier", "2019-07-14", "date"),
    ("Publié le 22 octobre 2014\nHier, le maire a inauguré la salle.", None, "Hier", "2014-10-21", "date"),
    ("En mars 2017, la délégation est arrivée à Paris le 14 mars.", PUB, "14 mars", "2017-03-14", "date"),
    ("Le salon a ouvert ce jeudi 22 août 2019. Il fermera le 25 août.", None, "25 août", "2019-08-25", "date"),
    ("Publié le 22 octobre 2014 - Mis à jour le 1 décembre 2022\nLa mission a eu lieu du 13 au 17 octobre.",
     "2014-10-22", "du 13 au 17 octobre", "2014-10-13/2014-10-17", "range"),
    ("Les présidents ont signé dimanche un accord. Il avait été annoncé le 19 février 2017 à Narbonne.",
     None, "dimanche", "2017-02-19", "date"),
    # written before the tagger first saw them: Wednesday 10 March 2021 and Friday 30 November 2018
    ("Mardi, le conseil régional a voté une aide de 2 millions d'euros.", PUB2, 'Mardi', '2021-03-09', 'date'),
    ("La délégation marocaine sera accueillie jeudi à l'hôtel de ville.", PUB2, 'jeudi', '2021-03-11', 'date'),
    ('Le 25 mars, une conférence réunira les acteurs du port.', PUB2, '25 mars', '2021-03-25', 'date'),
    ("Signé le 3 février dernier, l'accord prévoit des échanges d'étudiants.", PUB2,
     '3 février dernier', '2021-02-03', 'date'),
    ('Les entreprises japonaises seront présentes du 12 au 14 avril au parc des expositions.', PUB2,
     'du 12 au 14 avril', '2021-04-12/2021-04-14', 'range'),
    ('En janvier, les exportations vers la Chine ont reculé.', PUB2, 'janvier', '2021-01', 'date'),
    ('La mission économique partira en octobre pour Shanghai.', PUB2, 'octobre', '2021-10', 'date'),
    ("L'an passé, 40 entreprises ont participé au salon.", PUB2, "L'an passé", '2020', 'date'),
    ("Le premier semestre 2021 s'annonce difficile.", PUB2, 'premier semestre 2021', '2021-H1', 'date'),
    ('La ville avait reçu une délégation vietnamienne en novembre 2019.', PUB2,
     'novembre 2019', '2019-11', 'date'),
    ('Le jumelage a été officialisé le samedi 6 mars.', PUB2, 'samedi 6 mars', '2021-03-06', 'date'),
    ('Une nouvelle rencontre est programmée pour la fin du mois de mai.', PUB2,
     'fin du mois de mai', '2021-05', 'date'),
    ('Il y a cinq ans, la région signait un protocole avec le Québec.', PUB2,
     'Il y a cinq ans', '2016', 'date'),
    ('Dans un mois, les travaux débuteront.', PUB2, 'Dans un mois', '2021-04', 'date'),
    ('Le salon se tiendra du 30 septembre au 3 octobre 2021.', PUB2,
     'du 30 septembre au 3 octobre 2021', '2021-09-30/2021-10-03', 'range'),
    ('La délégation est restée trois jours dans le département.', PUB2, 'trois jours', 'P3D', 'duration'),
    ('Depuis dix ans, les échanges se multiplient.', PUB2, 'dix ans', 'P10Y', 'duration'),
    ("Ce vendredi 12 mars, le consul visitera l'usine.", PUB2, 'vendredi 12 mars', '2021-03-12', 'date'),
    ('Le festival aura lieu cet automne.', PUB2, 'automne', '2021-FA', 'date'),
    ('Au second semestre, la production doublera.', PUB2, 'second semestre', '2021-H2', 'date'),
    ('La signature est intervenue le 28/02/2021.', PUB2, '28/02/2021', '2021-02-28', 'date'),
    ("Le maire s'est rendu à Pékin fin janvier.", PUB2, 'fin janvier', '2021-01', 'date'),
    ('Mi-avril, une délégation allemande est attendue.', PUB2, 'Mi-avril', '2021-04', 'date'),
    ('Hier après-midi, les élus ont visité le chantier.', PUB2, 'Hier après-midi', '2021-03-09TAF', 'date'),
    ('Les 18 et 19 mars, le forum accueillera 50 exposants.', PUB2,
     '18 et 19 mars', '2021-03-18/2021-03-19', 'range'),
    ('La foire de 2019 avait attiré 80 000 visiteurs.', PUB2, '2019', '2019', 'date'),
    ("Le contrat court jusqu'en 2025.", PUB2, '2025', '2025', 'date'),
    ('Il y a quinze jours, la préfecture a donné son feu vert.', PUB2,
     'Il y a quinze jours', '2021-02-23', 'date'),
    ('Dimanche dernier, les habitants ont voté.', PUB2, 'Dimanche dernier', '2021-03-07', 'date'),
    ('Samedi prochain, une fête sera organisée.', PUB2, 'Samedi prochain', '2021-03-13', 'date'),
    ('La semaine passée, le port a accueilli trois navires.', PUB2, 'La semaine passée', '2021-W09', 'date'),
    ('Le mois prochain, une délégation indienne visitera la région.', PUB2,
     'Le mois prochain', '2021-04', 'date'),
    ('En 2020, la crise sanitaire a tout bouleversé.', PUB2, '2020', '2020', 'date'),
    ('La délégation japonaise est arrivée lundi soir.', PUB2, 'lundi soir', '2021-03-08TEV', 'date'),
    ('Les négociations ont duré près de six mois.', PUB2, 'six mois', 'P6M', 'duration'),
    ('Le 11 novembre, la cérémonie a rassemblé 200 personnes.', PUB3, '11 novembre', '2018-11-11', 'date'),
    ('Le marché de Noël ouvrira le 7 décembre.', PUB3, '7 décembre', '2018-12-07', 'date'),
    ('Du 27 décembre au 3 janvier, la patinoire sera ouverte.', PUB3,
     'Du 27 décembre au 3 janvier', '2018-12-27/2019-01-03', 'range'),
    ("L'hiver prochain, la station accueillera des skieurs chinois.", PUB3,
     'hiver prochain', '2018-WI', 'date'),
    ('La rencontre a eu lieu mercredi 28 novembre.', PUB3, 'mercredi 28 novembre', '2018-11-28', 'date'),
    ('En début de semaine, le ministre a reçu les syndicats.', PUB3, 'début de semaine', '2018-W48', 'date'),
    ('Cette délégation reviendra au printemps.', PUB3, 'printemps', '2019-SP', 'date'),
    ("La conférence du 4 décembre 2018 portera sur l'hydrogène.", PUB3,
     '4 décembre 2018', '2018-12-04', 'date'),
    ("Aujourd'hui, la société emploie 300 salariés.", PUB3, "Aujourd'hui", '2018-11-30', 'date'),
    ('Chaque mois, une réunion rassemble les partenaires.', PUB3, 'Chaque mois', 'P1M', 'set'),
    ('Le contrat a été signé pour une durée de cinq ans.', PUB3, 'cinq ans', 'P5Y', 'duration'),
    ("La délégation restera jusqu'à dimanche.", PUB3, 'dimanche', '2018-12-02', 'date'),
    ('Le président chinois avait visité la ville en 2014.', None, '2014', '2014', 'date'),
    ('Vendredi 30 novembre, le sous-préfet a inauguré la zone.', None,
     'Vendredi 30 novembre', 'XXXX-11-30', 'date'),
    ('Les élus se retrouveront le 2 décembre prochain.', PUB3, '2 décembre prochain', '2018-12-02', 'date'),
    ('À la mi-décembre, les résultats seront connus.', PUB3, 'mi-décembre', '2018-12', 'date'),
    ("En l'espace de deux semaines, trois délégations sont venues.", PUB3, 'deux semaines', 'P2W', 'duration'),
    ("Il y a une semaine, l'usine a été inaugurée.", PUB3, 'Il y a une semaine', '2018-W47', 'date'),
    ('La dernière visite remonte à 2016.', PUB3, '2016', '2016', 'date'),
    # second blind set: Friday 2 June 2017 and Wednesday 4 January 2023
    ('Mercredi 31 mai, les élèves ont accueilli leurs correspondants allemands.', PUB4,
     'Mercredi 31 mai', '2017-05-31', 'date'),
    ('La fête de la musique aura lieu le 21 juin.', PUB4, '21 juin', '2017-06-21', 'date'),
    ('Les correspondants repartiront le dimanche 4 juin.', PUB4, 'dimanche 4 juin', '2017-06-04', 'date'),
    ("Une délégation de Chengdu a été accueillie à l'hôtel de ville en début de semaine.", PUB4,
     'début de semaine', '2017-W22', 'date'),
    ('La convention, signée en 2015, a été renouvelée pour trois ans.', PUB4, '2015', '2015', 'date'),
    ('La convention, signée en 2015, a été renouvelée pour trois ans.', PUB4, 'trois ans', 'P3Y', 'duration'),
    ('Le 6 juin prochain, le conseil municipal se réunira.', PUB4, '6 juin prochain', '2017-06-06', 'date'),
    ("Jusqu'au 15 juillet, l'exposition est visible à la médiathèque.", PUB4,
     '15 juillet', '2017-07-15', 'date'),
    ('Le week-end prochain, la ville fêtera son jumelage.', PUB4,
     'Le week-end prochain', '2017-W22-WE', 'date'),
    ('Depuis le 1er janvier, la communauté de communes compte 40 communes.', PUB4,
     '1er janvier', '2017-01-01', 'date'),
    ("L'usine fermera ses portes d'ici la fin de l'année.", PUB4, "fin de l'année", '2017', 'date'),
    ('En juillet et août, la piscine sera ouverte tous les jours.', PUB4, 'juillet', '2017-07', 'date'),
    ('En juillet et août, la piscine sera ouverte tous les jours.', PUB4, 'août', '2017-08', 'date'),
    ('En juillet et août, la piscine sera ouverte tous les jours.', PUB4, 'tous les jours', 'P1D', 'set'),
    ('Les travaux ont débuté il y a un mois.', PUB4, 'il y a un mois', '2017-05', 'date'),
    ('La délégation a séjourné trois semaines au Japon.', PUB4, 'trois semaines', 'P3W', 'duration'),
    ("L'association a été créée en 1987.", PUB4, '1987', '1987', 'date'),
    ('La saison estivale débutera le 1er juillet.', PUB4, '1er juillet', '2017-07-01', 'date'),
    ("Il y a deux ans jour pour jour, le pont s'effondrait.", PUB4, 'Il y a deux ans', '2015', 'date'),
    ("Le maire se rendra au Québec à l'automne prochain.", PUB4, 'automne prochain', '2017-FA', 'date'),
    ("Au cours de l'été, les jeunes partiront en Allemagne.", PUB4, 'été', '2017-SU', 'date'),
    ('Cette année encore, les échanges scolaires se poursuivent.', PUB4, 'Cette année', '2017', 'date'),
    ('Lundi 29 mai au soir, un dîner a réuni les délégations.', PUB4, 'Lundi 29 mai', '2017-05-29', 'date'),
    ('Le concert est prévu samedi à 20 h 30.', PUB4, 'samedi', '2017-06-03', 'date'),
    ('Le concert est prévu samedi à 20 h 30.', PUB4, '20 h 30', '2017-06-03T20:30', 'date'),
    ('La réunion publique se tiendra jeudi 8 juin à 18 h.', PUB4, 'jeudi 8 juin', '2017-06-08', 'date'),
    ('Depuis trois semaines, la route est fermée.', PUB4, 'trois semaines', 'P3W', 'duration'),
    ("Le salon, qui s'est tenu du 18 au 21 mai, a attiré 5 000 visiteurs.", PUB4,
     'du 18 au 21 mai', '2017-05-18/2017-05-21', 'range'),
    ('Les vendanges débuteront mi-septembre.', PUB4, 'mi-septembre', '2017-09', 'date'),
    ('En décembre dernier, une délégation chinoise était venue.', PUB4,
     'décembre dernier', '2016-12', 'date'),
    ("Les 3 et 4 juin, la fête foraine s'installe place du marché.", PUB4,
     '3 et 4 juin', '2017-06-03/2017-06-04', 'range'),
    ('Le festival se déroulera du vendredi 7 au dimanche 9 juillet.', PUB4,
     'du vendredi 7 au dimanche 9 juillet', '2017-07-07/2017-07-09', 'range'),
    ('Hier matin, le préfet a inauguré la déviation.', PUB4, 'Hier matin', '2017-06-01TMO', 'date'),
    ("Le 31 décembre, la ville a tiré un feu d'artifice.", PUB5, '31 décembre', '2022-12-31', 'date'),
    ('Les vœux du maire auront lieu le 13 janvier.', PUB5, '13 janvier', '2023-01-13', 'date'),
    ("L'année dernière, la commune a accueilli 300 nouveaux habitants.", PUB5,
     "L'année dernière", '2022', 'date'),
    ('En 2023, trois chantiers seront lancés.', PUB5, '2023', '2023', 'date'),
    ('Du 26 décembre au 1er janvier, la patinoire a attiré 2 000 patineurs.', PUB5,
     'Du 26 décembre au 1er janvier', '2022-12-26/2023-01-01', 'range'),
    ('Samedi dernier, la galette des rois a réuni les aînés.', PUB5, 'Samedi dernier', '2022-12-31', 'date'),
    ('Vendredi, le maire présentera ses vœux.', PUB5, 'Vendredi', '2023-01-06', 'date'),
    ('En novembre, le conseil avait voté le budget.', PUB5, 'novembre', '2022-11', 'date'),
    ('La délégation viendra au printemps.', PUB5, 'printemps', '2023-SP', 'date'),
    ('Le premier trimestre sera consacré aux études.', PUB5, 'premier trimestre', '2023-Q1', 'date'),
    ("Le chantier doit s'achever en fin d'année.", PUB5, "fin d'année", '2023', 'date'),
    ('Mardi 3 janvier, les élèves ont fait leur rentrée.', PUB5, 'Mardi 3 janvier', '2023-01-03', 'date'),
    ("L'hiver dernier, la station avait manqué de neige.", PUB5, 'hiver dernier', '2021-WI', 'date'),
    ('Cet hiver, les températures sont douces.', PUB5, 'hiver', '2022-WI', 'date'),
    ('La réunion de la semaine prochaine portera sur le budget.', PUB5,
     'la semaine prochaine', '2023-W02', 'date'),
    # third blind set: Friday 7 October 2022, and datelines
    ('Publié le 12/03/2021 à 18h30\nLundi, la délégation a visité le port.', None,
     'Lundi', '2021-03-08', 'date'),
    ('Mis à jour le 3 mai 2020\nHier, les élus ont voté.', None, 'Hier', '2020-05-02', 'date'),
    ("Le Salon de l'agriculture se tiendra du 25 février au 5 mars 2023.", PUB6,
     'du 25 février au 5 mars 2023', '2023-02-25/2023-03-05', 'range'),
    ('Les Journées du patrimoine ont eu lieu les 17 et 18 septembre.', PUB6,
     '17 et 18 septembre', '2022-09-17/2022-09-18', 'range'),
    ('La délégation ukrainienne est arrivée mardi 4 octobre.', PUB6, 'mardi 4 octobre', '2022-10-04', 'date'),
    ("L'accord de jumelage fêtera ses cinquante ans l'an prochain.", PUB6, "l'an prochain", '2023', 'date'),
    ('Une délégation de Wuhan était déjà venue en octobre 2019.', PUB6, 'octobre 2019', '2019-10', 'date'),
    ('Au 1er janvier 2023, la commune fusionnera avec sa voisine.', PUB6,
     '1er janvier 2023', '2023-01-01', 'date'),
    ('La mairie sera fermée du lundi 31 octobre au mercredi 2 novembre.', PUB6,
     'du lundi 31 octobre au mercredi 2 novembre', '2022-10-31/2022-11-02', 'range'),
    ('Le conseil municipal se réunira le jeudi 13 octobre à 20 h.', PUB6,
     'jeudi 13 octobre', '2022-10-13', 'date'),
    ('Cette semaine, trois délégations étrangères ont été reçues.', PUB6, 'Cette semaine', '2022-W40', 'date'),
    ('Dans quinze jours, les vacances de la Toussaint commenceront.', PUB6,
     'Dans quinze jours', '2022-10-22', 'date'),
    ("Depuis le début de l'année, 200 entreprises ont été créées.", PUB6, "début de l'année", '2022', 'date'),
    ("L'entreprise emploie 45 salariés depuis 2010.", PUB6, '2010', '2010', 'date'),
    ('Le maire, âgé de 62 ans, a été réélu en 2020.', PUB6, '2020', '2020', 'date'),
    ('Le projet a été lancé il y a près de dix ans.', PUB6, 'il y a près de dix ans', '2012', 'date'),
    ('La saison touristique 2022 a été exceptionnelle.', PUB6, '2022', '2022', 'date'),
    ('Fin septembre, le taux de remplissage atteignait 80 %.', PUB6, 'Fin septembre', '2022-09', 'date'),
    ('Le prochain conseil communautaire aura lieu le 20 octobre.', PUB6, '20 octobre', '2022-10-20', 'date'),
    ("Le 30 septembre dernier, la délégation a signé l'accord.", PUB6,
     '30 septembre dernier', '2022-09-30', 'date'),
    ('Samedi 8 et dimanche 9 octobre, la fête du cidre animera le bourg.', PUB6,
     'Samedi 8 et dimanche 9 octobre', '2022-10-08/2022-10-09', 'range'),
    ('Le contrat court sur la période 2021-2027.', PUB6, '2021-2027', '2021/2027', 'range'),
    ("Les inscriptions sont ouvertes jusqu'au 15 novembre inclus.", PUB6, '15 novembre', '2022-11-15', 'date'),
    ('Le chantier durera environ dix-huit mois.', PUB6, 'dix-huit mois', 'P18M', 'duration'),
    ('Le festival, né en 1998, a accueilli 20 000 spectateurs cet été.', PUB6, 'été', '2022-SU', 'date'),
    ('Mercredi prochain, le préfet visitera le site.', PUB6, 'Mercredi prochain', '2022-10-12', 'date'),
    ('La réunion de lundi dernier a été houleuse.', PUB6, 'lundi dernier', '2022-10-03', 'date'),
    ('En 2021, la ville avait accueilli 12 délégations étrangères.', PUB6, '2021', '2021', 'date'),
    ('Au cours des trois derniers mois, les ventes ont bondi.', PUB6, 'trois derniers mois', 'P3M', 'duration'),
    ('Le 1er octobre, la nouvelle ligne de bus a été inaugurée.', PUB6, '1er octobre', '2022-10-01', 'date'),
]

# (sentence, publication date, text that must not be inside any date mention)
FALSE_ALARMS = [
    ("Il habite rue du 8-Mai-1945 à Épinal.", PUB, "1945"),
    ("Le cortège a rejoint la place du 19 mars 1962.", PUB, "19 mars 1962"),
    ("Le cortège a rejoint l'avenue du 11-Novembre.", PUB, "Novembre"),
    ("Un homme de 20 ans a été interpellé.", PUB, "20 ans"),
    ("Âgé de 45 ans, il dirige la société depuis peu.", PUB, "45 ans"),
    ("Le festival fêtera ses 20 ans en musique.", PUB, "20 ans"),
    ("Il a été élu maire de la commune.", PUB, "été"),
    ("L'année record a été 2018 pour le port.", PUB, "été"),
    ("Il a rejoint le Printemps de Bourges en avril.", PUB, "Printemps"),
    ("Le refuge est situé à 1800 m d'altitude.", PUB, "1800"),
    ("Le téléviseur coûte 1999,99 euros.", PUB, "1999"),
    ("Les vacances d'été ont été longues.", PUB, "ont été"),
    ("L'équipe s'est imposée 3-1 face à Nancy.", PUB, "3-1"),
    ("La commune compte 2 000 habitants.", PUB, "2 000"),
    ("La salle peut accueillir 2000 personnes.", PUB, "2000"),
    ("Le prix est de 1 500 000 euros.", PUB, "500"),
    ("Le projet a coûté 2019 euros au contribuable.", PUB, "2019"),
    ("Le taux de croissance est de 10%/an.", PUB, "an"),
    ("Un jour, il reviendra dans son village.", PUB, "Un jour"),
    ("C'est le 1er constructeur mondial de bus.", PUB, "1er"),
    ("Le poisson d'avril a fait rire les élèves.", PUB, "avril"),
    ("Le marché de Noël ouvrira ses portes.", PUB, "Noël"),
    ("Le défilé du 14-Juillet a réuni 3 000 personnes.", PUB, "14-Juillet"),
    ("La semaine de 35 heures reste en vigueur.", PUB, "35 heures"),
    ("Appelez le 03 29 20 19 88 pour réserver.", PUB, "20 19"),
    ("Le décret 2019-1234 encadre la vente.", PUB, "2019"),
    ("Il a lu le Journal du dimanche.", PUB, "dimanche"),
    ('Il mesure 1 m 80 et pèse 75 kg.', PUB5, '80'),
    ('Le score final est de 2-1 pour Guingamp.', PUB5, '2-1'),
    ('La RD 1975 est coupée à hauteur du pont.', PUB5, '1975'),
    ('Le numéro 1998 de la revue est paru.', PUB5, '1998'),
    ('Ils habitent au 2012 avenue de la République.', PUB5, '2012'),
    ("L'équipe l'a emporté 3 à 1.", PUB5, '3 à 1'),
    ('Le lycée du 4-Septembre accueille 800 élèves.', PUB5, 'Septembre'),
    ('Il a été champion de France.', PUB5, 'été'),
    ('Le prix du ticket passe à 1,70 euro.', PUB6, '1,70'),
    ('La commune compte 2 022 habitants.', PUB6, '2 022'),
    ('Il a marqué à la 90e minute.', PUB6, '90e minute'),
    ("L'équipe mène 21-14 à la mi-temps.", PUB6, 'mi-temps'),
    ('Le record du 1 500 m a été battu.', PUB6, '1 500'),
    ('Rendez-vous au 12 rue Pasteur.', PUB6, '12'),
    ('La vitesse est limitée à 30 km/h.', PUB6, '30 km/h'),
    ('Les trois quarts des habitants ont voté.', PUB6, 'trois quarts'),
]


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(components=["presse_dates"])


def run(nlp, texts_and_dates):
    docs = []
    for text, published in texts_and_dates:
        doc = nlp.make_doc(text)
        doc._.published = published
        docs.append(doc)
    return list(nlp.pipe(docs))


@pytest.fixture(scope="module")
def case_docs(nlp):
    return run(nlp, [(c[0], c[1]) for c in CASES])


def mention(doc, text):
    found = [s for s in doc.spans["dates"] if s.text == text]
    assert found, f"{text!r} not found; got {[s.text for s in doc.spans['dates']]}"
    return found[0]


@pytest.mark.parametrize("i", range(len(CASES)), ids=[c[2] + "|" + str(c[1]) for c in CASES])
def test_expression(case_docs, i):
    _, _, text, value, kind = CASES[i]
    timex = mention(case_docs[i], text)._.timex
    assert (timex["value"], timex["kind"]) == (value, kind)


def test_every_kind_is_covered():
    assert {c[4] for c in CASES} == {"date", "range", "duration", "set", "vague"}
    assert len(CASES) >= 100


@pytest.mark.parametrize("text,published,forbidden", FALSE_ALARMS)
def test_false_alarm(nlp, text, published, forbidden):
    doc = run(nlp, [(text, published)])[0]
    start = text.index(forbidden)
    end = start + len(forbidden)
    assert not [s.text for s in doc.spans["dates"] if s.start_char < end and start < s.end_char]


@pytest.mark.parametrize("text,value,start,end,mod,anchor", [
    ("Ils reçoivent du 25 au 27 août une délégation.", "2019-08-25/2019-08-27", "2019-08-25", "2019-08-27",
     None, "published"),
    ("Fin octobre, la délégation reviendra.", "2019-10", "2019-10", "2019-10", "END", "published"),
    ("La visite aura lieu à la mi-mars 2020.", "2020-03", "2020-03", "2020-03", "MID", "explicit"),
    ("Début 2020, le chantier démarrera.", "2020", "2020", "2020", "START", "explicit"),
    ("La semaine prochaine, le ministre sera à Lyon.", "2019-W35",
     "2019-08-26", "2019-09-01", None, "published"),
    ("Au printemps 2020, l'usine ouvrira.", "2020-SP", "2020-03", "2020-06", None, "explicit"),
    ("Le trajet prend 45 jours.", "P45D", None, None, None, None),
    ("Le 26 août 2019, la délégation arrive.", "2019-08-26", "2019-08-26", "2019-08-26", None, "explicit"),
])
def test_timex_fields(nlp, text, value, start, end, mod, anchor):
    doc = run(nlp, [(text, PUB)])[0]
    span = doc.spans["dates"][0]
    assert span._.timex == {"value": value, "kind": span._.timex["kind"], "mod": mod, "anchor": anchor,
                            "start": start, "end": end}


@pytest.mark.parametrize("text,published,value", [
    ("Le 29 février dernier, la foire a fermé.", PUB, "2016-02-29"),
    ("Le 29 février prochain, la foire ouvrira.", PUB, "2020-02-29"),
    ("Le dossier sera examiné le 31 février.", PUB, None),
    ("Le dossier sera examiné le 31 février.", None, None),
    ("La semaine 53 de 2019 n'existe pas.", PUB, None),
    ("Les essais auront lieu semaine 53 2020.", PUB, "2020-W53"),
    ("Les tests dureront du 31 au 30 février.", None, None),
])
def test_impossible_or_rare_days(nlp, text, published, value):
    doc = run(nlp, [(text, published)])[0]
    assert [s._.timex["value"] for s in doc.spans["dates"]][:1] == [value]


def test_spans_carry_their_rule_id(case_docs):
    doc = case_docs[[c[2] for c in CASES].index("du 25 au 27 août")]
    assert [s.label_ for s in doc.spans["dates"]] == ["range_du_au"]


def test_mentions_do_not_overlap_and_align_to_tokens(case_docs):
    for doc in case_docs:
        spans = sorted(doc.spans["dates"], key=lambda s: s.start)
        assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


def test_anchor_records_its_source(nlp):
    published, dateline, none = run(nlp, [
        ("Hier, le maire a inauguré la salle.", PUB),
        ("Publié le 22 octobre 2014\nHier, le maire a inauguré la salle.", None),
        ("Hier, le maire a inauguré la salle.", None),
    ])
    assert published._.anchor == {"value": PUB, "source": "published"}
    assert dateline._.anchor == {"value": "2014-10-22", "source": "text"}
    assert none._.anchor == {"value": None, "source": None}


def test_malformed_publication_date_keeps_what_it_validly_says(nlp):
    doc = run(nlp, [("Hier, en avril, le maire a inauguré la salle.", "2019-13-45")])[0]
    assert doc._.anchor == {"value": "2019", "source": "published"}
    assert [s._.timex["value"] for s in doc.spans["dates"]] == [None, "2019-04"]


def test_entities_inside_dates_are_dropped(nlp):
    doc = run(nlp, [("Vendredi, l'ambassadeur du Kazakhstan était dans les Vosges.", "2019-08-24")])[0]
    assert [s.text for s in doc.spans["dates"]] == ["Vendredi"]
    assert "Vendredi" not in [e.text for e in doc.ents]
    assert "Vosges" in [e.text for e in doc.ents]


def gold_dates(doc_id):
    import json
    for line in (SHARED / "gold" / "seeds.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] == doc_id:
            return record, {text for text, label in record["entities"] if label == "DATE"}
    raise KeyError(doc_id)


def test_seed_amiens(nlp):
    record, gold = gold_dates("seed-amiens")
    doc = run(nlp, [(record["text"], record["published"])])[0]
    found = {s.text: s._.timex for s in doc.spans["dates"]}
    assert {s.text for s in doc.spans["dates"] if s._.timex["kind"] in ("date", "range")} == gold
    assert [s.text for s in doc.spans["dates"]].count("2018") == 2
    assert doc._.anchor == {"value": "2019-08-26", "source": "text"}
    assert found["du 25 au 27 août"]["value"] == "2019-08-25/2019-08-27"
    assert found["avril 2019"]["value"] == "2019-04"
    assert found["lundi 26 aout 2019"]["value"] == "2019-08-26"
    assert found["2018"]["value"] == "2018"


def test_seed_vosges(nlp):
    record, gold = gold_dates("seed-vosges")
    doc = run(nlp, [(record["text"], record["published"])])[0]
    spans = doc.spans["dates"]
    assert {s.text for s in spans if s._.timex["kind"] in ("date", "range")} == gold
    found = {s.text: s._.timex for s in spans}
    assert found["du 10 juin au 10 septembre 2017"]["value"] == "2017-06-10/2017-09-10"
    # no publication date and no dated lead: nothing to resolve "Vendredi" against
    assert doc._.anchor == {"value": None, "source": None}
    assert found["Vendredi"]["value"] is None and found["il y a 3 ans"]["value"] is None
    assert {s.text: s._.timex["value"] for s in spans if s.text.endswith("jours")} == {
        "10 jours": "P10D", "45 jours": "P45D", "14 jours": "P14D"}


def test_round_trip_through_disk(nlp, tmp_path):
    texts = [(c[0], c[1]) for c in CASES[::7]] + [(t, p) for t, p, _ in FALSE_ALARMS[::4]]
    before = run(nlp, texts)
    nlp.to_disk(tmp_path / "nlp")
    reloaded = spacy.load(tmp_path / "nlp")
    after = run(reloaded, texts)
    assert [[(s.start_char, s.end_char, s._.timex) for s in d.spans["dates"]] for d in before] == \
           [[(s.start_char, s.end_char, s._.timex) for s in d.spans["dates"]] for d in after]
