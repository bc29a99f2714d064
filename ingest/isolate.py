"""Reading PDF, Word and image files in a worker process with a time limit.

Their parsers are C libraries (pymupdf, lxml, Pillow, Tesseract): a damaged file can make one
hang or crash the interpreter, which no `try` catches. In a worker (pebble's process pool) a
hang is stopped after FILE_SECONDS and a crash ends only the worker; either costs one skipped
file with its reason. Text and HTML are read in-process: pure Python over at most 25 MB.
"""

from __future__ import annotations

import atexit
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout

from ingest.errors import SkipFile
from ingest.extract import HTML_SUFFIXES, TEXT_SUFFIXES
from ingest.letters import ParsedFile, parse_source
from ingest.manifest import Manifest
from ingest.source import SourceFile

FILE_SECONDS = 600.0  # a multi-page scan OCRs in minutes; a file taking longer is stuck


class IsolatedReader:
    """`parse_source` with binary formats read in a worker process, FILE_SECONDS at most each.
    The worker starts on the first such file and is reused (spawned fresh: never a fork of a
    process that holds the model's threads)."""

    def __init__(self, seconds: float = FILE_SECONDS, read: Callable = parse_source):
        self.seconds, self.read = seconds, read  # `read` must be importable by the worker
        self._pool = None
        self._lock = threading.Lock()

    def __call__(
        self, source: SourceFile, manifest: Manifest | None = None, ocr: bool = True
    ) -> ParsedFile:
        if source.suffix in TEXT_SUFFIXES or source.suffix in HTML_SUFFIXES:
            return self.read(source, manifest, ocr)
        future = self.pool().schedule(self.read, (source, manifest, ocr), timeout=self.seconds)
        try:
            return future.result()
        except FutureTimeout:
            raise SkipFile(
                f"reading took over {self.seconds:.0f} s and was stopped: the file may be "
                "damaged; open and save it again, or split it"
            ) from None
        except SkipFile:
            raise
        except Exception as error:  # the worker died (a parser crashed) or could not send back
            detail = (str(error).splitlines() or ["no detail"])[0]
            reason = f"the reader failed on this file ({type(error).__name__}: {detail})"
            raise SkipFile(reason) from None

    def pool(self):
        from pebble import ProcessPool

        with self._lock:
            if self._pool is None or not self._pool.active:
                context = multiprocessing.get_context("spawn")
                self._pool = ProcessPool(max_workers=1, context=context)
                atexit.register(self.close)
            return self._pool

    def close(self) -> None:
        """Stop the worker (it stops by itself when this process exits)."""
        with self._lock:
            if self._pool is not None:
                self._pool.stop()
                self._pool.join(timeout=10)
                self._pool = None


read_isolated = IsolatedReader()
