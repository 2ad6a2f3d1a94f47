"""`presse query`: each filter against the known events of the sample output folder."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from pipeline.cli import main
from stories import add_edition, copy_folder
from pipeline.query import (EVENT_COLUMNS, EVENT_MODELS, EventFilter, connect, count_stories, country_code,
                            date_bounds, find_events, query, run_sql)

SAMPLE = Path(__file__).resolve().parent / "data" / "outputs_sample"

AMIENS_VISIT = ("visit", "amiens-2019", None)
AMIENS_AGRO = ("sector_interest", "amiens-2019", "agroalimentaire")
AMIENS_TOURISME = ("sector_interest", "amiens-2019", "tourisme")
AMIENS_ACCORD = ("agreement", "amiens-2019", None)
VOSGES_VISIT = ("visit", "vosges-kz", None)
VOSGES_AUTO = ("sector_interest", "vosges-kz", "automobile")
DAKAR_VISIT = ("visit", "dakar-2021", None)
ALL = {AMIENS_VISIT, AMIENS_AGRO, AMIENS_TOURISME, AMIENS_ACCORD, VOSGES_VISIT, VOSGES_AUTO, DAKAR_VISIT}


@pytest.fixture(scope="module")
def con():
    connection = connect(SAMPLE)
    yield connection
    connection.close()


def keys(records: list[dict]) -> set[tuple]:
    return {(r["type"], r["doc_id"], r.get("sector")) for r in records}


@pytest.mark.parametrize("flt, expected", [
    (EventFilter(), ALL),
    (EventFilter(type="visit"), {AMIENS_VISIT, VOSGES_VISIT, DAKAR_VISIT}),
    (EventFilter(type="agreement"), {AMIENS_ACCORD}),
    # country: the visitor's, the destination's, the actor's or a party's
    (EventFilter(country="CN"), {AMIENS_VISIT, AMIENS_AGRO, AMIENS_TOURISME, AMIENS_ACCORD}),
    (EventFilter(country="fr"), {AMIENS_VISIT, AMIENS_ACCORD, VOSGES_VISIT, DAKAR_VISIT}),
    (EventFilter(country="SEN"), {DAKAR_VISIT}),
    (EventFilter(country="Kazakhstan"), {VOSGES_VISIT, VOSGES_AUTO}),
    (EventFilter(country="SN", type="visit"), {DAKAR_VISIT}),
    (EventFilter(visitor_country="FR"), {DAKAR_VISIT}),
    (EventFilter(destination_country="FR"), {AMIENS_VISIT, VOSGES_VISIT}),
    (EventFilter(destination_country="France", visitor_country="Chine"), {AMIENS_VISIT}),
    (EventFilter(visitor_country="SN"), set()),
    # destination: name without case or accents, or code
    (EventFilter(destination="amiens"), {AMIENS_VISIT}),
    (EventFilter(destination="VOSGES"), {VOSGES_VISIT}),
    (EventFilter(destination="fr-88"), {VOSGES_VISIT}),
    (EventFilter(destination="80021"), {AMIENS_VISIT}),
    (EventFilter(destination="Zhengzhou"), set()),
    # sector: a visit's sectors or an interest's sector
    (EventFilter(sector="tourisme"), {AMIENS_VISIT, AMIENS_TOURISME}),
    (EventFilter(sector="automobile"), {VOSGES_VISIT, VOSGES_AUTO}),
    (EventFilter(sector="automobile", type="sector_interest"), {VOSGES_AUTO}),
    # person: whole words of a visitor's, host's, party's or actor's name
    (EventFilter(person="Li Wei"), {AMIENS_VISIT}),
    (EventFilter(person="wei"), {AMIENS_VISIT}),
    (EventFilter(person="LEFEVRE"), {DAKAR_VISIT}),
    (EventFilter(person="Moussa Diop"), {DAKAR_VISIT}),
    (EventFilter(person="Amiens Métropole"), {AMIENS_VISIT, AMIENS_ACCORD}),
    (EventFilter(person="le"), set()),
    # dates: interval overlap; partial dates cover their month or year; undated events use `published`
    (EventFilter(since="2019-08-26", until="2019-08-26"), {AMIENS_VISIT}),
    (EventFilter(since="2019-08"), {AMIENS_VISIT, AMIENS_AGRO, AMIENS_TOURISME, VOSGES_VISIT, VOSGES_AUTO,
                                        DAKAR_VISIT}),
    (EventFilter(since="2019-09"), {VOSGES_VISIT, VOSGES_AUTO, DAKAR_VISIT}),
    (EventFilter(until="2018"), {AMIENS_ACCORD}),
    (EventFilter(since="2019", until="2019"), {AMIENS_VISIT, AMIENS_AGRO, AMIENS_TOURISME, VOSGES_VISIT,
                                                     VOSGES_AUTO}),
    (EventFilter(since="2019-10-31", until="2020"), {VOSGES_VISIT, VOSGES_AUTO}),
    (EventFilter(since="2022"), set()),
    # text: words of the evidence sentence, without case or accents
    (EventFilter(text="automobile"), {VOSGES_AUTO}),
    (EventFilter(text="recu"), {AMIENS_VISIT, DAKAR_VISIT}),
    (EventFilter(text="Accord de coopération"), {AMIENS_ACCORD}),
    # user values are bound parameters, never SQL
    (EventFilter(person="x' OR 1=1 --"), set()),
    (EventFilter(destination="'); DROP VIEW events; --"), set()),
])
def test_filter(con, flt, expected):
    assert keys(find_events(con, flt)) == expected


@pytest.mark.parametrize("value, bounds", [
    ("2019", (date(2019, 1, 1), date(2019, 12, 31))),
    ("2019-02", (date(2019, 2, 1), date(2019, 2, 28))),
    ("2020-02", (date(2020, 2, 1), date(2020, 2, 29))),
    ("2019-08-25", (date(2019, 8, 25), date(2019, 8, 25))),
])
def test_date_bounds(value, bounds):
    assert date_bounds(value) == bounds


@pytest.mark.parametrize("value", ["2019-13", "août 2019", "19-08-25", "2019-02-30"])
def test_bad_dates_are_refused(value):
    with pytest.raises(ValueError, match="not a date"):
        date_bounds(value)


@pytest.mark.parametrize("value, code", [("cn", "CN"), ("CHN", "CN"), ("China", "CN"), ("Senegal", "SN"),
                                         ("Chine", "CN"), ("Sénégal", "SN"), ("Côte d’Ivoire", "CI"),
                                         ("Allemagne", "DE"), ("kazakh", "KZ")])
def test_country_code(value, code):
    assert country_code(value) == code


def test_query_by_french_country_name_does_not_load_spacy():
    """French names are read without the pipeline: `presse query --country Sénégal` starts at once."""
    script = ("import sys; from pipeline.cli import main; "
              f"code = main(['query', {str(SAMPLE)!r}, '--country', 'Sénégal', '--format', 'jsonl']); "
              "print('spacy' in sys.modules, code)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    assert json.loads(lines[0])["destination"]["name"] == "Dakar"
    assert lines[-1] == "False 0"


def test_unknown_country_is_refused():
    with pytest.raises(ValueError, match="unknown country"):
        country_code("Atlantide")


def test_events_view_has_every_record_field():
    for model in EVENT_MODELS.values():
        assert set(model.model_fields) <= set(EVENT_COLUMNS)


def test_json_output_is_the_records_as_written():
    out = io.StringIO()
    assert query(SAMPLE, fmt="jsonl", out=out) == 7
    written = sorted((SAMPLE / "events.jsonl").read_text(encoding="utf-8").splitlines())
    assert sorted(out.getvalue().splitlines()) == written


def test_json_array_output():
    out = io.StringIO()
    query(SAMPLE, EventFilter(destination="Dakar"), fmt="json", out=out)
    [record] = json.loads(out.getvalue())
    assert record["visitor"] == {"name": "région Nouvelle-Aquitaine", "country": "FR", "place": "Nouvelle-Aquitaine"}
    assert record["hosts"] == [{"name": "Moussa Diop", "label": "PER"}]


def test_csv_output_has_flat_columns():
    out = io.StringIO()
    query(SAMPLE, EventFilter(type="visit"), fmt="csv", out=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["country"], r["destination"], r["when"]) for r in rows] == [
        ("CN", "Amiens", "2019-08-25..2019-08-27"), ("KZ", "Vosges", "2019-10"), ("FR", "Dakar", "")]
    assert rows[0]["sectors"] == "agroalimentaire,tourisme"


def test_table_output_fits_the_width():
    out = io.StringIO()
    query(SAMPLE, fmt="table", out=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("event_id")
    assert lines[-1] == "(7 rows)"
    assert len(lines) == 7 + 3


@pytest.mark.parametrize("sql, expected", [
    ("SELECT count(*) FROM documents", [(3,)]),
    ("SELECT label, count(*) FROM entities GROUP BY label ORDER BY label", [("LOC", 6), ("ORG", 1), ("PER", 5)]),
    ("SELECT name FROM people WHERE country = 'SN'", [("Moussa Diop",)]),
    ("SELECT place_lat FROM entities WHERE text = 'Dakar'", [(14.6937,)]),
    ("SELECT dated_by, count(*) FROM events GROUP BY ALL ORDER BY 1", [("event", 3), ("published", 4)]),
    ("SELECT destination.code FROM events WHERE type = 'visit' ORDER BY date_from", [("80021",), ("FR-88",),
                                                                                    ("SN-DK",)]),
])
def test_raw_sql_over_the_views(con, sql, expected):
    assert run_sql(con, sql)[1] == expected


def test_folder_without_events_file(tmp_path):
    shutil.copy(SAMPLE / "documents.jsonl", tmp_path / "documents.jsonl")
    connection = connect(tmp_path)
    assert run_sql(connection, "SELECT count(*) FROM events")[1] == [(0,)]
    assert run_sql(connection, "SELECT count(*) FROM entities")[1] == [(12,)]


def test_cli_query(capsys):
    assert main(["query", str(SAMPLE), "--country", "SN", "--format", "jsonl"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert json.loads(line)["destination"]["name"] == "Dakar"


@pytest.mark.parametrize("argv, message", [
    (["--since", "2019-13"], "not a date"),
    (["--sql", "SELECT 1", "--type", "visit"], "cannot be combined"),
    (["--sql", "SELECT * FROM nowhere"], "nowhere"),
])
def test_cli_query_errors(capsys, argv, message):
    assert main(["query", str(SAMPLE), *argv]) == 2
    assert message in capsys.readouterr().err


def test_cli_query_not_an_output_folder(tmp_path, capsys):
    assert main(["query", str(tmp_path)]) == 2
    assert "no documents.jsonl" in capsys.readouterr().err


@pytest.fixture
def with_edition(tmp_path) -> Path:
    """The sample with the Amiens story read a second time (another edition)."""
    folder = copy_folder(SAMPLE, tmp_path / "out")
    add_edition(folder, "amiens-2019", "amiens-reprint")
    return folder


def test_each_story_counts_once_unless_duplicates_are_asked_for(with_edition):
    con = connect(with_edition)
    assert keys(find_events(con, EventFilter())) == ALL
    assert run_sql(con, "SELECT count(*) FROM documents")[1] == [(3,)]
    assert count_stories(con) == {"documents": 3, "documents_read": 4, "events": 7, "events_read": 11}
    everything = connect(with_edition, include_duplicates=True)
    reprinted = {k for k in keys(find_events(everything, EventFilter())) if k[1] == "amiens-reprint"}
    assert len(reprinted) == 4
    assert run_sql(everything, "SELECT count(*) FROM entities WHERE doc_id = 'amiens-reprint'")[1] == [(5,)]


def test_cli_include_duplicates(with_edition, capsys):
    assert main(["query", str(with_edition), "--type", "visit", "--format", "jsonl"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    assert main(["query", str(with_edition), "--type", "visit", "--format", "jsonl", "--include-duplicates"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [e["duplicate_of"] for e in lines].count("amiens-2019") == 1 and len(lines) == 4


def test_output_cut_short_by_the_reader_is_quiet(tmp_path):
    """`presse query ... | head -1`: the reader closes the pipe; no BrokenPipeError traceback."""
    big = copy_folder(SAMPLE, tmp_path / "out")
    add_edition(big, "amiens-2019", *(f"reprint-{n}" for n in range(300)))
    command = [sys.executable, "-m", "pipeline", "query", str(big), "--include-duplicates", "--format", "jsonl"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        process.stdout.readline()
        process.stdout.close()
        stderr = process.stderr.read().decode()
        assert process.wait() == 0
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
