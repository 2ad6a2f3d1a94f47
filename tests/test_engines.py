"""Engines at archive scale: N workers, Dask and a killed-then-resumed run all give the local run's files.

The corpus is generated in tmp_path: ~60 short French articles (JSONL with and
without ids, text files, a bad line and an empty file), among them an exact and a
near copy of earlier articles.  The pipeline is the base model only
(`components=[]`, `--components ""` on the command line): engines do not depend on
which components run, and the base model keeps the module within its time.
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.engines import plan_partitions, read_piece, run_dask, run_local
from pipeline.progress import Progress
from pipeline.sinks import DOCUMENTS, ERRORS, EVENTS, SIGNATURES, OutputDir
from pipeline.sources import read_sources

ROOT = Path(__file__).resolve().parent.parent
FILES = (DOCUMENTS, EVENTS, ERRORS, SIGNATURES)
N_JSONL = 56

SENTENCES = [
    "Le maire a accueilli la délégation sur le parvis de l'hôtel de ville en début d'après-midi.",
    "Les échanges ont porté sur la gestion de l'eau et le traitement des déchets ménagers.",
    "Une visite du port de commerce était prévue avant le dîner officiel.",
    "Le président de la communauté d'agglomération a rappelé l'ancienneté du jumelage.",
    "Des étudiants de l'université ont présenté leurs travaux sur les énergies renouvelables.",
    "La chambre de commerce et d'industrie espère signer un accord avant la fin de l'année.",
    "Plusieurs entreprises locales cherchent des débouchés à l'exportation dans l'agroalimentaire.",
    "Le consul général a salué la qualité de l'accueil réservé à ses compatriotes.",
    "Un concert de musique traditionnelle a clôturé la soirée au théâtre municipal.",
    "La délégation a visité une exploitation viticole et une coopérative laitière.",
    "Les élus ont évoqué la création d'une ligne aérienne directe entre les deux régions.",
    "Un protocole d'accord sur les échanges scolaires a été paraphé par les deux recteurs.",
    "Les visiteurs se sont rendus au centre hospitalier pour découvrir le service de cardiologie.",
    "La presse locale a suivi l'ensemble du programme, qui s'achèvera vendredi.",
    "Le préfet de région a reçu les représentants de la province dans ses salons.",
    "Une exposition de photographies retrace trente ans d'amitié entre les deux villes.",
    "Les industriels de la mécanique ont fait visiter leurs ateliers aux ingénieurs étrangers.",
    "Le conseil régional finance une partie du programme d'échanges de jeunes apprentis.",
    "Un marché de producteurs a été organisé sur la place de la mairie pour l'occasion.",
    "La directrice de l'office de tourisme a présenté les atouts touristiques du territoire.",
    "Les discussions se poursuivront en visioconférence au cours des prochaines semaines.",
    "Un entrepreneur de la zone artisanale a signé une lettre d'intention avec un importateur.",
    "Les élèves du lycée agricole ont servi le déjeuner préparé avec des produits locaux.",
    "Le député de la circonscription a tenu à saluer personnellement les invités.",
    "La venue de cette délégation s'inscrit dans le cadre d'une tournée européenne.",
    "Une convention de partenariat entre les deux aéroports devrait voir le jour au printemps.",
    "Les pompiers de la caserne centrale ont fait une démonstration de secours en milieu urbain.",
    "Le recteur d'académie a plaidé pour davantage de séjours linguistiques entre les collèges.",
    "La fédération des vignerons a offert un coffret de grands crus à chacun des invités.",
    "Un journaliste de la télévision régionale a interrogé le chef de la délégation.",
]
STATIONS = ["Quimper", "Angers", "Colmar", "Pau", "Bastia", "Nancy", "Arras", "Niort", "Albi", "Vannes"]


def article_text(n: int, rng: random.Random) -> str:
    sentences = rng.sample(SENTENCES, 8)
    return (f"{STATIONS[n % len(STATIONS)]}, le {n % 28 + 1} mars. Réunion numéro {n} du comité de jumelage. "
            + " ".join(sentences))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """JSONL (ids on even lines only), three text files, an empty file; copies at jsonl lines 11 and 21."""
    folder = tmp_path_factory.mktemp("corpus")
    rng = random.Random(6)
    texts = [article_text(n, rng) for n in range(N_JSONL)]
    texts[10] = texts[3]  # the same story from another source
    texts[20] = "DERNIÈRE MINUTE. " + texts[5].replace("mars", "avril", 1)  # another edition of it
    lines = []
    for n, text in enumerate(texts):
        obj = {"text": text, "url": f"https://exemple.fr/{n}"} if n % 2 else {"id": f"a{n:02d}", "text": text}
        lines.append(json.dumps(obj, ensure_ascii=False))
    lines.insert(30, "{not json")
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for n in range(3):
        (folder / f"b{n}.txt").write_text(article_text(100 + n, rng), encoding="utf-8")
    (folder / "c.txt").write_text("", encoding="utf-8")
    return folder


def contents(out: Path) -> dict[str, str]:
    return {name: (out / name).read_text(encoding="utf-8") if (out / name).exists() else "" for name in FILES}


def read(out: Path, name: str) -> list[dict]:
    return [json.loads(line) for line in (out / name).read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def local_run(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("local")
    with OutputDir(out) as sink:
        summary = run_local([str(corpus)], sink, workers=1, batch_size=4, components=[])
    assert summary.articles == N_JSONL + 3 and summary.errors == 2
    return out


def test_local_run_marks_exact_and_near_copies(local_run):
    docs = read(local_run, DOCUMENTS)
    assert len({d["doc_id"] for d in docs}) == len(docs)
    marked = {d["source"].rsplit("/", 1)[1]: d["duplicate_of"] for d in docs if d["duplicate_of"]}
    by_source = {d["source"].rsplit("/", 1)[1]: d["doc_id"] for d in docs}
    assert marked == {"a.jsonl:11": by_source["a.jsonl:4"], "a.jsonl:21": by_source["a.jsonl:6"]}
    assert [e["source"].rsplit("/", 1)[1] for e in read(local_run, ERRORS)] == ["a.jsonl:31", "c.txt"]


def test_two_workers_write_the_same_files(corpus, local_run, tmp_path):
    with OutputDir(tmp_path) as sink:
        run_local([str(corpus)], sink, workers=2, batch_size=4, components=[])
    assert contents(tmp_path) == contents(local_run)


def test_dask_local_cluster_writes_the_same_files(corpus, local_run, tmp_path):
    # Small partitions: the JSONL file is cut into several byte ranges, the text files grouped.
    with OutputDir(tmp_path) as sink:
        summary = run_dask([str(corpus)], sink, workers=2, batch_size=4, components=[], partition_bytes=6000)
    assert summary.articles == N_JSONL + 3
    assert contents(tmp_path) == contents(local_run)
    assert not (tmp_path / "_parts").exists()


@pytest.mark.parametrize("target", [1, 700, 5000, 10 ** 9])
def test_partitions_read_exactly_what_the_file_holds(corpus, target):
    partitions = plan_partitions([str(corpus)], target)
    pieces = [piece for p in partitions for piece in p.pieces]
    assert [item for piece in pieces for item in read_piece(piece)] == list(read_sources([str(corpus)]))
    if target < 5000:
        assert sum(piece.start is not None for piece in pieces) > 1


def presse(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipeline", "run", *args, "--components", "", "--batch-size", "4"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def test_run_killed_mid_way_is_completed_by_a_rerun(corpus, local_run, tmp_path):
    killed = presse(str(corpus), "--out", str(tmp_path))
    documents = tmp_path / DOCUMENTS
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and killed.poll() is None:
        if documents.exists() and documents.read_bytes().count(b"\n") >= 8:
            break
        time.sleep(0.005)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    assert killed.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    written = documents.read_bytes().count(b"\n")
    assert 8 <= written < N_JSONL + 3

    rerun = presse(str(corpus), "--out", str(tmp_path), "--log-interval", "0")
    _, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr
    assert contents(tmp_path) == contents(local_run)
    for text in contents(tmp_path).values():
        lines = text.splitlines()
        assert len(set(lines)) == len(lines) and all(json.loads(line) for line in lines)
    # Not a terminal: periodic log lines with the total known, then the summary.
    assert f"/{N_JSONL + 5} articles" in stderr and "ETA" in stderr
    summary = stderr.strip().splitlines()[-1]
    assert summary.startswith("presse: ") and "skipped" in summary and "errors" in summary and "articles/s" in summary


def test_progress_line_counts_what_was_seen():
    from pipeline.progress import Summary

    summary = Summary(articles=40, skipped=10, errors=2)
    line = Progress(100, mode="log").line(summary)
    assert line.startswith("presse: 52/100 articles (10 skipped), 2 errors") and "ETA" in line


# -- Dask: the local engine's guarantees through retries, a watchdog and a journal ------------------
def test_journal_sends_the_articles_a_dead_worker_held_alone_then_to_an_error(tmp_path):
    from pipeline.engines.cluster import Journal

    journal = Journal(tmp_path / "part.journal")
    assert journal.read() == (set(), {})
    journal.hold(["a:1", "a:2"], alone=False)
    journal.release()
    journal.hold(["a:3", "a:4"], alone=False)  # the worker dies here
    assert journal.read() == ({"a:3", "a:4"}, {})
    journal.hold(["a:1", "a:2"], alone=False)
    journal.release()
    journal.hold(["a:3"], alone=True)
    journal.release()
    journal.hold(["a:4"], alone=True)
    journal.stop("over the time budget")  # the watchdog stops the worker
    with journal.path.open("a", encoding="utf-8") as f:
        f.write('{"hold": ["a:5"')  # a line the killed worker did not finish
    assert journal.read() == ({"a:3"}, {"a:4": "over the time budget"})


def test_failed_partition_gives_each_article_an_error_record(corpus):
    from pipeline.engines import Done
    from pipeline.engines.cluster import Journal, _failed_partition

    partition = plan_partitions([str(corpus / "a.jsonl")], 3000)[0]
    items = [item for piece in partition.pieces for item in read_piece(piece)]
    results = list(_failed_partition(partition, Done(), Journal(corpus / "none.journal"), "its workers kept dying"))
    assert [r.source for r in results] == [i.source for i in items]
    assert all(json.loads(r.error)["error"] == "TaskFailed" for r in results)
    assert "its workers kept dying" in json.loads(results[0].error)["message"]


def test_watchdog_stops_its_worker_when_the_article_held_stays_silent(tmp_path, monkeypatch):
    """Over the budget the watchdog notes why in the journal and kills its own process (here: a stand-in)."""
    from pipeline.engines import cluster

    kills = []
    monkeypatch.setattr(cluster.os, "kill", lambda pid, sig: kills.append((pid, sig)))
    journal = cluster.Journal(tmp_path / "part.journal")
    with cluster.Watchdog(journal, timeout=0.4) as dog:
        journal.hold(["a:1"], alone=False)
        for _ in range(6):  # an article that gives signs of life is never stopped
            time.sleep(0.1)
            dog.beat()
        assert kills == []
        time.sleep(1.2)  # silent
    journal.release()
    assert kills and kills[0] == (os.getpid(), signal.SIGKILL)
    assert "over the time budget: no result in 0.4 s" in journal.path.read_text(encoding="utf-8")
    stopped = len(kills)
    with cluster.Watchdog(journal, timeout=0.2):
        time.sleep(0.6)  # nothing held: waiting is not working
    assert len(kills) == stopped


def test_dask_article_killing_its_worker_becomes_an_error(tmp_path):
    """Two workers preloaded with tests/dask_faults.py, one partition: an article kills its worker
    (twice: in its batch, then alone) and gets one error record; every other article is written once."""
    from distributed import LocalCluster

    rng = random.Random(11)
    texts = [article_text(n, rng) for n in range(8)]
    texts[5] += " CRASH"
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"d{n}", "text": t}, ensure_ascii=False) + "\n"
                              for n, t in enumerate(texts)), encoding="utf-8")
    out = tmp_path / "out"
    faults = str(Path(__file__).with_name("dask_faults.py"))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      preload=[faults]) as cluster, OutputDir(out) as sink:
        summary = run_dask([str(source)], sink, scheduler=cluster.scheduler_address, batch_size=4, components=[])
    [error] = read(out, ERRORS)
    assert error["source"].endswith(":6") and error["error"] == "WorkerLost"
    assert error["message"] == "article abandoned: its worker was lost"
    written = [d["source"].rsplit(":", 1)[1] for d in read(out, DOCUMENTS)]
    assert written == [str(n + 1) for n in range(8) if n != 5]
    assert summary.articles == 7 and summary.errors == 1
    assert not (out / "_parts").exists()


def test_part_files_give_back_what_the_task_wrote_warnings_included(tmp_path):
    """A part keeps each article's warnings (a text cut at --max-bytes), as the local engine writes them."""
    from pipeline.engines.cluster import _part_paths, _write_part, read_part
    from pipeline.layout import Encoded

    warning = json.dumps({"source": "a.jsonl:2", "error": "Truncated", "level": "warning"})
    written = [Encoded(source="a.jsonl:1", error=json.dumps({"source": "a.jsonl:1", "error": "JSONDecodeError"})),
               Encoded(source="a.jsonl:2", doc_id="d2", document=json.dumps({"source": "a.jsonl:2", "text": "x"}),
                       events=['{"type": "visit"}'], event_types=["visit"], warnings=[warning])]
    paths = _part_paths(tmp_path, "0000000-key")
    files = {name: paths[name].open("w", encoding="utf-8") for name in FILES}
    for item in written:
        _write_part(files, item)
    for f in files.values():
        f.close()
    assert list(read_part(tmp_path, "0000000-key")) == written
