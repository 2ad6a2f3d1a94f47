"""Entity corrections on top of fr_core_news_md's NER (a stage of three modules).

`presse_entity_ruler` adds the organisations the base model misses or mislabels:
the French institutional landscape (CCI, conseils, métropoles, pôles, universities,
embassies, ministries...) from trigger patterns, and well-known companies from a
gazetteer.  `presse_entity_repair` then fixes span boundaries and labels with
general rules (determiners, titles, weekdays, boilerplate, English job titles).
Both read their rules from `models/entities/` (patterns.jsonl, organisations.tsv,
words.tsv).

`common` holds what both share (word lexicon, line pieces, name tests), `ruler` the
ruler, `repair` the repair component and its span passes, `doc_passes` the passes
over a document's spans.
"""
from .repair import EntityRepair, make_entity_repair
from .ruler import EntityRuler, make_entity_ruler

__all__ = ["EntityRepair", "EntityRuler", "make_entity_repair", "make_entity_ruler"]
