"""Tables are checked against their component's field spec when they load, and errors name file, line and field."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from pipeline.components.base import Field, TableComponent, TableError
from pipeline.tables import column, read_table, row_lines

CASES = [json.loads(line) for line in (Path(__file__).parent / "cases" / "table_specs.jsonl").open(encoding="utf-8")
         if line.strip()]
SECTORS = "slug\tlabel\tpriority\naeronautique\tAéronautique\t1\nagriculture\tAgriculture\t2\n"
CUES = '{"id": "visite", "kind": "visit", "pattern": [{"LOWER": "visite"}]}\n'


class Cues(TableComponent):
    """A small component with the kind of spec the real ones declare."""

    TABLES = ("cues.jsonl", "sectors.tsv")
    SPECS = {
        "cues.jsonl": {
            "id": Field(str, required=True),
            "kind": Field(str, required=True, values={"visit", "host"}),
            "voice": Field(str, values={"active", "passive"}),
            "pattern": Field(list, required=True),
            "weight": Field(float),
            "sectors": Field(list, values=column("sectors.tsv", "slug")),
        },
        "sectors.tsv": {"slug": Field(str, required=True), "label": Field(str), "priority": Field(int)},
    }

    def compile(self) -> None:
        self.cues = self.matcher()
        for index, row in enumerate(self.tables["cues.jsonl"]):
            self.add_patterns(self.cues, "cues.jsonl", index, row["id"], [row["pattern"]])


@pytest.fixture(scope="module")
def blank_fr():
    return spacy.blank("fr")


def write_tables(folder: Path, case: dict) -> None:
    (folder / "cues.jsonl").write_text(CUES, encoding="utf-8")
    (folder / "sectors.tsv").write_text(SECTORS, encoding="utf-8")
    (folder / case["table"]).write_text("\n".join(case["lines"]) + "\n", encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_a_table_row_is_checked_against_its_spec(case, blank_fr, tmp_path):
    write_tables(tmp_path, case)
    component = Cues(blank_fr, "presse_cues")
    if case["error"] is None:
        component.initialize(data_dir=str(tmp_path))
        doc = blank_fr("Le ministre visite l'usine.")
        assert [blank_fr.vocab.strings[m] for m, _, _ in component.cues(doc)] == ["visite"]
        return
    with pytest.raises(TableError) as raised:
        component.initialize(data_dir=str(tmp_path))
    message = str(raised.value)
    assert message.startswith(f"{tmp_path / case['table']}:{case['error']['line']}: field '{case['error']['field']}'")
    assert case["error"]["says"] in message


def test_tables_restored_without_files_name_the_row(blank_fr):
    component = Cues(blank_fr, "presse_cues")
    tables = {"cues.jsonl": [{"id": "visite", "kind": "visit", "pattern": [{"LOWER": "visite"}]},
                             {"id": "escale", "kind": "stopover", "pattern": [{"LOWER": "escale"}]}],
              "sectors.tsv": [{"slug": "aeronautique", "label": None, "priority": None}]}
    with pytest.raises(TableError, match=r"^cues.jsonl, row 2: field 'kind': 'stopover' is not one of"):
        component.set_tables(tables)


def test_row_lines_point_at_the_rows_read_table_gives(tmp_path):
    path = tmp_path / "words.tsv"
    path.write_text("# comment\nword\tkind\n\nmaire\ttitle\n# another\npréfet\ttitle\n", encoding="utf-8")
    assert [row["word"] for row in read_table(path)] == ["maire", "préfet"]
    assert row_lines(path) == [4, 6]

