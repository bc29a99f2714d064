"""`make bench`: speed and scale of the whole stack, everything measured in one run.

    .venv/bin/python scripts/bench.py [--sizes 1000,10000] [--out data/bench/results.json]
                                      [--cache data/bench] [--questions 40] [--build-only]

For each size N the dev corpora (../shared/letters-dev and letters-dev-2) are replicated as
text letters until they hold about N paragraphs, each copy with another state and shifted years
(so no two copies share their text), and measured:

- the floor: the served model's raw `encode` over the corpus' paragraphs (¶/s, on a sample of
  at most --floor-sample of them; also with their sentences; LETTERS_EMBEDDING_BACKEND, default
  onnx, and the other backends' speed-up over torch are printed), and one query embedding + one
  Chroma top-5 (ms; one model thread, as `letters serve` runs it);
- ingest: `LetterIndex.sync` into a fresh embedded index (¶/s and its ratio to the floor; its
  sentences' vectors come from the paragraphs' own model pass, index/late_chunking.py, so the
  floor's work is ingest's; "floor+sentences" is what embedding each sentence apart would cost);
- cold start: `letters serve` process start -> first answered `/api/ask` (s);
- warm `/api/ask` over HTTP and `Pipeline.ask` in-process, p50/p95 over the dev questions;
- throughput of 1, 2, 4, 8 concurrent `/api/ask` clients (answers/s) and the server's peak RSS;
  then of 1 and 8 clients against `letters serve --workers N` (--workers, default 2) over a
  `chroma run` of a copy of the index;
- the peer: the LangChain tutorial pipeline (RecursiveCharacterTextSplitter 1000/200 -> Chroma
  -> the same model -> similarity_search k=5) on the same corpus: ingest rate, query latency
  (sizes above --peer-max-size skip it: building it re-embeds the whole corpus).

Once per run, on both dev question sets: recall@5 and MRR of ours (each backend) and of
the peer (a peer chunk is gold when it contains the gold paragraph's quote, a lenient rule that
favours the peer).

`--build-only --cache DIR` builds a size's corpus and index in DIR/N once (`make bench-data`:
100k paragraphs); later runs with --cache DIR reuse it and read its ingest figures back (the
row says "reused"; the peer's store over it likewise); every other size is built fresh in a
temporary folder. The load average of the machine is printed beside every size: the CPU may
be shared.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from index import Embedder, LetterIndex, make_client  # noqa: E402
from index.embedder import use_threads  # noqa: E402
from index.onnx_backend import BACKENDS  # noqa: E402
from ingest import discover, extract, read_source, state_names  # noqa: E402
from ingest.text import split_sentences  # noqa: E402
from rag import Pipeline, evaluate  # noqa: E402
from rag.evaluate import load_questions  # noqa: E402
from rag.metrics import percentile as pct  # noqa: E402
from rag.metrics import recall_at, reciprocal_rank  # noqa: E402
from ui.settings import Settings  # noqa: E402

SHARED = ROOT.parent / "shared"
BACKEND = Settings().embedding_backend  # what `letters serve` runs (LETTERS_EMBEDDING_BACKEND)
MODELS = ROOT / "data" / "models"  # the ONNX exports, made once
DEV_SETS = [SHARED / "letters-dev", SHARED / "letters-dev-2"]
CLIENTS = (1, 2, 4, 8)
# Each throughput level asks the same questions made new: question vectors are cached, and
# the latency loop has asked the plain ones already.
PREFIXES = ("Please tell me: ", "I would like to know: ", "Question: ", "Tell me: ")
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


def load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


# --- the corpus ------------------------------------------------------------------------------


def source_texts() -> list[tuple[str, str, str, int]]:
    """(name, text, state, paragraphs) of every readable dev letter file."""
    found = []
    for dev in DEV_SETS:
        for source in discover(dev / "letters"):
            try:
                letters = read_source(source, ocr=False)
                text = extract(source, ocr=False).text
            except Exception:  # a scan without OCR, a bad file: not part of the replica
                continue
            state = next((letter.state for letter in letters if letter.state), "")
            found.append(
                (Path(source.file).stem, text, state, sum(len(x.paragraphs) for x in letters))
            )
    return found


def write_corpus(folder: Path, size: int) -> int:
    """Copies of the dev letters as .txt until about SIZE paragraphs; copy n names another state
    and shifts every year by n % 7, so no two copies share their text."""
    folder.mkdir(parents=True, exist_ok=True)
    sources, others = source_texts(), sorted({name.state for name in state_names()})
    total, copy = 0, 0
    while total < size:
        for name, text, state, paragraphs in sources:
            if total >= size:
                break
            varied = (
                text.replace(state, others[(copy * 31 + len(name)) % len(others)])
                if state
                else text
            )
            varied = YEAR.sub(lambda m, n=copy: str(int(m.group(1)) + n % 7), varied)
            (folder / f"c{copy:04d}-{name}.txt").write_text(f"{varied}\n\n[copy {copy}]\n")
            total += paragraphs
        copy += 1
    return total


# --- measurements ----------------------------------------------------------------------------


def floor(letter_index: LetterIndex, sample: int, questions: list[str]) -> dict:
    """Raw encode of stored paragraphs (¶/s, the served backend at its batch size; the other
    backends' speed-up over torch) and one query embedding + Chroma top-5 (ms)."""
    paragraphs = letter_index.paragraphs()[:: max(1, len(letter_index.paragraphs()) // sample)]
    texts = [f"{p.state or ''} ({p.sender or ''}): {p.text}" for p in paragraphs[:sample]]
    rate = encode_rate(letter_index.embedder, texts)
    sentences = [p.text[s:e] for p in paragraphs[:sample] for s, e in split_sentences(p.text)]
    started = time.perf_counter()
    letter_index.embedder.embed_documents(sentences)
    with_sentences = len(texts) / (time.perf_counter() - started + len(texts) / rate)
    rates = {b: encode_rate(backend(b), texts) for b in BACKENDS if b != BACKEND}
    rates[BACKEND] = rate
    return {
        "encode_pps": round(rate, 1),
        "encode_with_sentences_pps": round(with_sentences, 1),
        **{f"{b}_speedup": round(rates[b] / rates["torch"], 2) for b in BACKENDS if b != "torch"},
        "sample": len(texts),
        **query_floor(letter_index, questions),
    }


def backend(name: str) -> Embedder:
    return Embedder(backend=name, export_dir=MODELS)


def encode_rate(embedder: Embedder, texts: list[str]) -> float:
    embedder.embed_documents(texts[:8])  # a session's first run allocates
    started = time.perf_counter()
    embedder.embed_documents(texts)
    return len(texts) / (time.perf_counter() - started)


def query_floor(letter_index: LetterIndex, questions: list[str]) -> dict:
    """One question's embedding + Chroma's top 5, on one model thread as `letters serve` runs
    it (LETTERS_MODEL_THREADS; an ONNX session's threads are fixed when it is made)."""
    collection = letter_index._collections.find_paragraphs()
    use_threads(1)
    single = backend(BACKEND).warm_up()
    timings = []
    for question in questions:
        started = time.perf_counter()
        vector = single.embed_documents([question])
        collection.query(query_embeddings=vector, n_results=5)
        timings.append(time.perf_counter() - started)
    use_threads(os.cpu_count() or 1)
    return latency("query", timings)


def latency(name: str, timings: list[float]) -> dict:
    return {f"{name}_p50_ms": ms(pct(timings, 50)), f"{name}_p95_ms": ms(pct(timings, 95))}


def ingest(corpus: Path, index_dir: Path, embedder) -> dict:
    letter_index = LetterIndex(make_client(index_dir), embedder)
    started = time.perf_counter()
    report = letter_index.sync(corpus, progress=True)
    seconds = time.perf_counter() - started
    return {
        "paragraphs": report.paragraphs,
        "seconds": round(seconds, 1),
        "ingest_pps": round(report.paragraphs_embedded / seconds, 1),
        "sentences": len(letter_index.sentence_vectors().owners),
    }


def ask_http(url: str, question: str) -> dict:
    request = urllib.request.Request(
        f"{url}/api/ask", json.dumps({"question": question}).encode(),
        {"Content-Type": "application/json"},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


def start_server(index_dir: Path, log: Path):
    port = free_port()
    env = os.environ | {"LETTERS_INDEX_DIR": str(index_dir), "LETTERS_DATA_DIR": str(log.parent),
                        "LETTERS_MODEL_CACHE": str(MODELS)}  # fmt: skip
    command = [sys.executable, "-c", "from ui.cli import app; app()", "serve", "--port", str(port)]
    started = time.perf_counter()
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    return process, f"http://127.0.0.1:{port}", started


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def cold_start(process, url: str, question: str, started: float) -> float:
    """Seconds from process start to the first answered /api/ask."""
    while process.poll() is None:
        try:
            ask_http(url, question)
            return time.perf_counter() - started
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"`letters serve` exited with {process.returncode}")


def throughput(url: str, questions: list[str], clients: int, requests: int) -> float:
    """Answers per second with CLIENTS asking at once, REQUESTS in all."""
    todo = [questions[i % len(questions)] for i in range(requests)]
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(lambda q: ask_http(url, q), todo))
    return round(requests / (time.perf_counter() - started), 2)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 0)
    return 0.0


def serving(index_dir: Path, questions: list[str], scratch: Path, requests: int) -> dict:
    process, url, started = start_server(index_dir, scratch / "serve.log")
    try:
        result = {"cold_start_s": round(cold_start(process, url, questions[0], started), 1)}
        timings = []
        for question in questions:
            started = time.perf_counter()
            ask_http(url, question)
            timings.append(time.perf_counter() - started)
        result |= latency("http", timings)
        for clients, prefix in zip(CLIENTS, PREFIXES, strict=True):
            asked = [prefix + q for q in questions]
            result[f"throughput_{clients}"] = throughput(url, asked, clients, requests)
        result["server_peak_rss_mb"] = peak_rss_mb(process.pid)
        return result
    finally:
        process.terminate()
        process.wait(timeout=60)


def chroma_server(index_dir: Path, scratch: Path):
    """(process, url) of a `chroma run` over a copy of INDEX_DIR (the bench keeps its own open)."""
    copy = scratch / "chroma-copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(index_dir, copy)
    port = free_port()
    chroma = Path(sys.executable).parent / "chroma"
    command = [str(chroma), "run", "--path", str(copy), "--host", "127.0.0.1", "--port", str(port)]
    log = (scratch / "chroma.log").open("w")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    return process, f"http://127.0.0.1:{port}"


def wait_healthy(process, url: str) -> None:
    while process.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"`letters serve --workers` exited with {process.returncode}")


def serving_workers(index_dir: Path, questions: list[str], scratch: Path, args) -> dict:
    """Throughput of `letters serve --workers N` over one `chroma run` (1 and 8 clients)."""
    chroma, chroma_url = chroma_server(index_dir, scratch)
    env = os.environ | {"LETTERS_CHROMA_URL": chroma_url, "LETTERS_DATA_DIR": str(scratch),
                        "LETTERS_WORKERS": str(args.workers),
                        "LETTERS_MODEL_CACHE": str(MODELS)}  # fmt: skip
    port = free_port()
    command = [sys.executable, "-c", "from ui.cli import app; app()", "serve", "--port", str(port)]
    with (scratch / "serve-workers.log").open("w") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(server, url)
        for question in questions[: args.workers * 2]:  # every worker's first answer is slower
            ask_http(url, question)
        result = {}
        for clients, prefix in zip((1, 8), ("Workers, tell me: ", "Workers ask: "), strict=True):
            asked = [prefix + q for q in questions]
            result[f"workers_throughput_{clients}"] = throughput(url, asked, clients, args.requests)
        return result
    finally:
        for process in (server, chroma):
            process.terminate()
            process.wait(timeout=60)


def in_process(letter_index: LetterIndex, questions: list[str]) -> dict:
    pipeline = Pipeline(letter_index)
    started = time.perf_counter()
    pipeline.warm_up()
    warm_up = time.perf_counter() - started
    timings = []
    for question in questions:
        started = time.perf_counter()
        pipeline.ask(question)
        timings.append(time.perf_counter() - started)
    return {"warm_up_s": round(warm_up, 1), **latency("ask", timings)}


# --- the peer --------------------------------------------------------------------------------


def peer_store(folder: Path, embedder, scratch: Path, name: str):
    """The tutorial pipeline's Chroma over FOLDER: (store, chunks, seconds)."""
    from langchain_chroma import Chroma
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    started = time.perf_counter()
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    texts, metadatas = [], []
    for source in discover(folder):
        try:
            text = extract(source).text
        except Exception:
            continue
        for chunk in splitter.split_text(text):
            texts.append(chunk)
            metadatas.append({"file": source.file})
    store = Chroma(collection_name=name, embedding_function=embedder, client=make_client(scratch))
    for start in range(0, len(texts), 1000):
        store.add_texts(texts[start : start + 1000], metadatas[start : start + 1000])
    return store, len(texts), time.perf_counter() - started


def peer_latency(store, questions: list[str]) -> dict:
    timings = []
    for question in questions:
        started = time.perf_counter()
        store.similarity_search(question, k=5)
        timings.append(time.perf_counter() - started)
    return latency("peer_query", timings)


def quality(dev: Path, embedder, scratch: Path) -> dict:
    """recall@5 and MRR of ours and of the peer on one dev set."""
    letter_index = LetterIndex(make_client(scratch / "ours"), embedder, collection="quality")
    letter_index.sync(dev / "letters")
    ours = evaluate(dev / "questions.jsonl", Pipeline(letter_index), dev / "letters").to_dict()
    others = {}
    for name in (b for b in BACKENDS if b != BACKEND):
        other = LetterIndex(make_client(scratch / name), backend(name), collection="quality")
        other.sync(dev / "letters")
        found = evaluate(dev / "questions.jsonl", Pipeline(other), dev / "letters").to_dict()
        others |= {f"{name}_recall@5": round(found["recall@5"], 3),
                   f"{name}_mrr": round(found["mrr"], 3)}  # fmt: skip
    store, _, _ = peer_store(dev / "letters", embedder, scratch / "peer", "peer")
    recalls, ranks = [], []
    for question in load_questions(dev / "questions.jsonl"):
        if not question.get("gold"):
            continue
        found = [
            (d.metadata["file"], d.page_content)
            for d in store.similarity_search(question["question"], k=5)
        ]
        recalls.append(recall_at(found, question["gold"], 5))
        ranks.append(reciprocal_rank(found, question["gold"]))
    return {
        "ours_recall@5": round(ours["recall@5"], 3), "ours_mrr": round(ours["mrr"], 3),
        **others,
        "peer_recall@5": round(sum(recalls) / len(recalls), 3),
        "peer_mrr": round(sum(ranks) / len(ranks), 3),
    }  # fmt: skip


# --- one size, the whole run -----------------------------------------------------------------


def build(size: int, folder: Path, embedder) -> dict:
    """The corpus and index of SIZE in FOLDER, reusing what an earlier run left there: a built
    index as it is, an interrupted one resumed (sync skips the letters already embedded, so its
    ¶/s is over the rest only, and the row says "resumed")."""
    recorded, written = folder / "ingest.json", folder / "letters" / ".written"
    if recorded.exists():
        return json.loads(recorded.read_text()) | {"reused": True}
    resumed = written.exists()
    if not resumed:
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(folder / "letters", size)
        written.touch()
    figures = ingest(folder / "letters", folder / "index", embedder) | {"resumed": resumed}
    recorded.write_text(json.dumps(figures))
    return figures


def peer(folder: Path, embedder):
    """(the peer's store over FOLDER's letters, its ingest figures), built once in FOLDER/peer
    (a cached size's peer is reused like its index: at 100k it is as long to build)."""
    from langchain_chroma import Chroma

    recorded = folder / "peer.json"
    if recorded.exists():
        store = Chroma(collection_name="peer", embedding_function=embedder,
                       client=make_client(folder / "peer"))  # fmt: skip
        return store, json.loads(recorded.read_text()) | {"peer_reused": True}
    shutil.rmtree(folder / "peer", ignore_errors=True)
    store, chunks, seconds = peer_store(folder / "letters", embedder, folder / "peer", "peer")
    figures = {"peer_chunks": chunks, "peer_seconds": round(seconds, 1)}
    recorded.write_text(json.dumps(figures))
    return store, figures


def wants_peer(size: int, args) -> bool:
    """--peer-max-size: above it the peer is skipped (building it re-embeds the corpus)."""
    return args.peer_max_size is None or size <= args.peer_max_size


def measure_size(size: int, folder: Path, embedder, questions: list[str], args) -> dict:
    row = {"size": size, "load_before": load()}
    row |= build(size, folder, embedder)
    letter_index = LetterIndex(make_client(folder / "index"), embedder)
    row |= floor(letter_index, args.floor_sample, questions)
    row["ingest_over_floor"] = round(row["ingest_pps"] / row["encode_pps"], 2)
    row["ingest_over_work"] = round(row["ingest_pps"] / row["encode_with_sentences_pps"], 2)
    row |= in_process(letter_index, questions)
    row |= serving(folder / "index", questions, folder, args.requests)
    if args.workers > 1:
        with tempfile.TemporaryDirectory(prefix="bench-workers-") as scratch:
            row |= serving_workers(folder / "index", questions, Path(scratch), args)
    if wants_peer(size, args):
        store, figures = peer(folder, embedder)
        row |= figures | {"peer_ingest_pps": round(row["paragraphs"] / figures["peer_seconds"], 1)}
        row |= peer_latency(store, questions)
    row["load_after"] = load()
    return row


COLUMNS = [
    ("size", "¶ asked"), ("paragraphs", "¶"), ("sentences", "sentences"),
    ("encode_pps", "floor ¶/s"), ("encode_with_sentences_pps", "floor+sentences ¶/s"),
    ("ingest_pps", "ingest ¶/s"), ("ingest_over_floor", "÷ floor"),
    ("ingest_over_work", "÷ floor+sentences"), ("onnx_speedup", "onnx floor ×"),
    ("onnx-int8_speedup", "onnx-int8 floor ×"),
    ("query_p50_ms", "floor query p50"), ("cold_start_s", "cold start s"),
    ("warm_up_s", "warm_up s"), ("http_p50_ms", "/api/ask p50"), ("http_p95_ms", "/api/ask p95"),
    ("ask_p50_ms", "ask p50"), ("ask_p95_ms", "ask p95"),
    *[(f"throughput_{c}", f"{c} clients /s") for c in CLIENTS],
    ("workers_throughput_1", "workers: 1 client /s"),
    ("workers_throughput_8", "workers: 8 clients /s"),
    ("server_peak_rss_mb", "server RSS MB"), ("peer_ingest_pps", "peer ingest ¶/s"),
    ("peer_query_p50_ms", "peer query p50"), ("peer_query_p95_ms", "peer query p95"),
    ("reused", "index reused"), ("resumed", "resumed"), ("peer_reused", "peer reused"),
    ("load_before", "load before"), ("load_after", "load after"),
]  # fmt: skip


def print_table(rows: list[dict], quality_rows: dict) -> None:
    print("\n| " + " | ".join(title for _, title in COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for row in rows:
        print("| " + " | ".join(str(row.get(key, "–")) for key, _ in COLUMNS) + " |")
    if quality_rows:
        who = ("ours", *(b for b in BACKENDS if b != BACKEND), "peer")
        keys = [f"{name}_{what}" for name in who for what in ("recall@5", "mrr")]
        print("\n| dev set | " + " | ".join(keys) + " |\n|" + "---|" * (len(keys) + 1))
        for name, figures in quality_rows.items():
            print(f"| {name} | " + " | ".join(str(figures[key]) for key in keys) + " |")


def size_folder(cache: Path | None, scratch: Path, size: int) -> Path:
    """The cached corpus and index of SIZE when `make bench-data` built one, else a fresh one."""
    if cache is not None and (cache / str(size) / "ingest.json").exists():
        return cache / str(size)
    return scratch / str(size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="paragraph counts, comma-separated")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "bench" / "results.json")
    parser.add_argument("--cache", type=Path, help="keep corpora and indexes here for reuse")
    parser.add_argument("--questions", type=int, default=40, help="dev questions asked per size")
    parser.add_argument("--requests", type=int, default=16, help="requests per throughput level")
    parser.add_argument("--floor-sample", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2, help="`serve --workers` measured (1: no)")
    parser.add_argument("--build-only", action="store_true", help="only build --cache's corpora")
    parser.add_argument("--no-quality", action="store_true", help="skip the dev-set recall")
    parser.add_argument(
        "--peer-max-size", type=int, help="build the peer only up to this size (it re-embeds all)"
    )
    args = parser.parse_args()
    embedder = backend(BACKEND).warm_up()  # loading the model is not throughput
    questions = [q["question"] for dev in DEV_SETS for q in load_questions(dev / "questions.jsonl")]
    questions = questions[:: max(1, len(questions) // args.questions)][: args.questions]
    sizes = [int(size) for size in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        if args.build_only:
            cache = args.cache or ROOT / "data" / "bench"
            for size in sizes:
                print(size, build(size, cache / str(size), embedder))
                if wants_peer(size, args):
                    print(size, "peer", peer(cache / str(size), embedder)[1])
            return
        rows = [
            measure_size(s, size_folder(args.cache, Path(scratch), s), embedder, questions, args)
            for s in sizes
        ]
        quality_rows = {
            dev.name: quality(dev, embedder, Path(scratch) / f"quality-{dev.name}")
            for dev in ([] if args.no_quality else DEV_SETS)
        }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps({"sizes": rows, "quality": quality_rows, "cpus": os.cpu_count()}, indent=2)
    )
    print_table(rows, quality_rows)
    print(
        f"\n{os.cpu_count()} CPUs; load average (1, 5, 15 min) beside each size; JSON: {args.out}"
    )


if __name__ == "__main__":
    main()
