"""Rebuild models/places/fr_communes.tsv, every French commune with its INSEE code, from Etalab's data.

Source: the npm package `@etalab/decoupage-administratif` (MIT licence; data from INSEE's Code
officiel géographique and its population tables).  Fetch it with the ordinary npm client, then:

    npm pack @etalab/decoupage-administratif        # etalab-decoupage-administratif-<v>.tgz
    python scripts/build_communes.py etalab-decoupage-administratif-<v>.tgz

Rows: current communes (`commune-actuelle`), then the former communes that live on inside a
commune nouvelle (`commune-deleguee`, `commune-associee`), which the local press still names:
they point at the INSEE code of the commune that holds them and have no population of their own.
Municipal arrondissements (Paris, Lyon, Marseille) are left out.
"""
from __future__ import annotations

import argparse
import json
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "models" / "places" / "fr_communes.tsv"
HEADER = ("# Every French commune (INSEE Code officiel géographique, through Etalab's @etalab/decoupage-administratif\n"
          "# {version}, MIT licence); rebuilt by scripts/build_communes.py.  insee: the code of the current\n"
          "# commune (for a former commune: of the commune nouvelle that holds it). dep/region: INSEE codes.\n"
          "# population: municipal population, empty for former communes.\n")
KINDS = {"commune-actuelle": "", "commune-deleguee": "former", "commune-associee": "former"}


def read_package(tgz: Path) -> tuple[str, list[dict]]:
    with tarfile.open(tgz) as tar:
        version = json.load(tar.extractfile("package/package.json"))["version"]
        communes = json.load(tar.extractfile("package/data/communes.json"))
    return version, communes


def rows(communes: list[dict]) -> list[tuple[str, ...]]:
    out, seen = [], set()
    for c in sorted(communes, key=lambda c: (KINDS.get(c["type"], "skip") != "", c["code"])):
        if c["type"] not in KINDS:
            continue
        code = c["code"] if c["type"] == "commune-actuelle" else c.get("chefLieu") or c["code"]
        if (code, c["nom"]) in seen:  # a former commune that gave its name and code to the new one
            continue
        seen.add((code, c["nom"]))
        population = str(c.get("population", "")) if c["type"] == "commune-actuelle" else ""
        out.append((code, c["nom"], c.get("departement", ""), c.get("region", ""), population,
                    KINDS[c["type"]]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("package", type=Path, help="the .tgz given by `npm pack @etalab/decoupage-administratif`")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    version, communes = read_package(args.package)
    table = rows(communes)
    with args.out.open("w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER.format(version=version))
        f.write("insee\tname\tdep\tregion\tpopulation\tstatus\n")
        for row in table:
            if any("\t" in v or "\n" in v for v in row):
                sys.exit(f"tab or newline in {row}")
            f.write("\t".join(row) + "\n")
    print(f"{args.out}: {len(table)} communes ({version})")


if __name__ == "__main__":
    main()
