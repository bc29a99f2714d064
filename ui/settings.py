"""The one settings object, read from LETTERS_* at the entry point and passed down."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from ui.errors import BadSetting

BUNDLED_LETTERS = Path(__file__).resolve().parent.parent / "data" / "letters"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LETTERS_", extra="ignore")

    data_dir: Path = Path("data")
    index_dir: Path | None = None  # default: <data_dir>/index
    letters_dir: Path = BUNDLED_LETTERS  # what `serve` ingests into an empty index
    chroma_url: str | None = None  # e.g. http://127.0.0.1:8000 for a `chroma run` server
    collection: str = "letters"
    embedding_model: str | None = None  # a local model folder; default: the bundled MiniLM
    # ONNX Runtime runs the model's own weights (vectors equal to torch's within 1e-6, answers
    # identical on both dev sets), a question 2x faster and without importing torch
    embedding_backend: Literal["torch", "onnx", "onnx-int8"] = "onnx"  # index/onnx_backend.py
    model_cache: Path | None = None  # where the ONNX export is kept; default: <data_dir>/models
    late_chunking: bool = False  # sentence vectors from the paragraph's pass (faster ingest)
    llm: str | None = None  # ollama:<model> or openai:<model>; default: no LLM
    llm_base_url: str | None = None
    llm_api_key: str | None = None
    llm_timeout: float = 60.0
    allowed_origins: str = ""  # comma-separated, for CORS and frame-ancestors
    max_question_chars: int = 1000
    concurrency: int = 2  # answers computed at once (Gradio queue, /api/ask)
    workers: int = Field(1, ge=1)  # `serve` processes on one port; > 1 needs chroma_url
    model_threads: int = Field(1, ge=0)  # model threads per call in `serve`; 0: all cores
    host: str = "127.0.0.1"
    port: int = 7860
    # Letter management (/admin, /api/admin/*): off unless a token is set.
    admin_token: SecretStr | None = None
    max_upload_mb: float = Field(25.0, gt=0)  # one uploaded file, a .zip included
    max_batch_mb: float = Field(100.0, gt=0)  # one upload request, all files together
    max_zip_files: int = Field(200, gt=0)  # letters in one .zip
    max_zip_uncompressed_mb: float = Field(200.0, gt=0)  # all of a .zip's files, unpacked

    @property
    def admin_enabled(self) -> bool:
        return bool(self.admin_token and self.admin_token.get_secret_value().strip())

    @property
    def resolved_index_dir(self) -> Path:
        return self.index_dir or self.data_dir / "index"

    @property
    def origins(self) -> list[str]:
        return [o.strip() for o in self.allowed_origins.split(",") if o.strip()]


def load_settings() -> Settings:
    """The settings from LETTERS_* variables; a wrong value is a message, not a traceback."""
    try:
        return Settings()
    except ValidationError as error:
        raise BadSetting(
            [f"LETTERS_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in error.errors()]
        ) from None
