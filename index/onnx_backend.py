"""The bundled model run by ONNX Runtime (LETTERS_EMBEDDING_BACKEND=onnx or onnx-int8): exported
locally from the model's own weights with torch.onnx (no download), int8 by ONNX Runtime's
dynamic quantisation; tokenised by the model's tokenizer.json, mean-pooled and L2-normalised as
all-MiniLM-L6-v2's sentence-transformers modules do."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np

from index.errors import EmbeddingModelMissing

BACKENDS = ("torch", "onnx", "onnx-int8")
MAX_TOKENS = 256  # the model's max_seq_length
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
PADDED_FILL = 0.75  # see `batches`
_LOCK = threading.Lock()


def exported(model_path: Path, folder: Path, int8: bool) -> Path:
    """FOLDER/model.onnx (or model-int8.onnx), exported once from MODEL_PATH."""
    folder.mkdir(parents=True, exist_ok=True)
    plain, quantised = folder / "model.onnx", folder / "model-int8.onnx"
    with _LOCK:
        if not plain.exists():
            export(model_path, plain)
        if int8 and not quantised.exists():
            from onnxruntime.quantization import QuantType, quantize_dynamic

            quantize_dynamic(str(plain), str(quantised), weight_type=QuantType.QInt8)
    return quantised if int8 else plain


def export(model_path: Path, target: Path) -> None:
    import torch
    from transformers import AutoModel

    class LastHidden(torch.nn.Module):  # keyword inputs: the traced graph names them
        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            out = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    model = LastHidden(AutoModel.from_pretrained(str(model_path), local_files_only=True).eval())
    example = tuple(torch.ones((1, 4), dtype=torch.int64) for _ in INPUTS)
    axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUTS, "last_hidden_state")}
    partial = target.with_suffix(f".{os.getpid()}.partial")  # two processes may export at once
    torch.onnx.export(
        model, example, str(partial), input_names=list(INPUTS),
        output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=17, dynamo=False,
    )  # fmt: skip
    partial.rename(target)  # a killed export leaves no half model behind


class OnnxModel:
    """`encode(texts) -> float32 (n, 384)` like SentenceTransformer.encode, on ONNX Runtime."""

    def __init__(self, model_path: Path, folder: Path, int8: bool, threads: int = 0):
        import onnxruntime
        from tokenizers import Tokenizer

        tokenizer_file = model_path / "tokenizer.json"
        if not tokenizer_file.exists():
            raise EmbeddingModelMissing(str(model_path), "no tokenizer.json for the ONNX backend")
        self.tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()  # each pass pads to its own longest (`batches`)
        onnx_file = exported(model_path, folder, int8)
        options = onnxruntime.SessionOptions()
        if threads:  # a server's one thread per answer (index.embedder.use_threads)
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(onnx_file), options, providers=["CPUExecutionProvider"]
        )
        self.dimension = int(self.session.get_outputs()[0].shape[-1] or 384)

    def get_embedding_dimension(self) -> int:
        return self.dimension

    def encode(self, texts: list[str], batch_size: int = 64, **_) -> np.ndarray:
        """Normalised mean-pooled vectors; see `batches`."""
        encoded = self.tokenizer.encode_batch(list(texts))
        vectors = np.empty((len(texts), self.dimension), dtype=np.float32)
        for rows in batches([len(e.ids) for e in encoded], batch_size):
            vectors[rows] = self._batch([encoded[i] for i in rows])
        return vectors

    def _batch(self, encoded: list) -> np.ndarray:
        width = max(len(e.ids) for e in encoded)
        ids = np.zeros((len(encoded), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, e in enumerate(encoded):
            ids[row, : len(e.ids)], mask[row, : len(e.ids)] = e.ids, 1
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self.session.run(None, feeds)[0]
        pooled = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


def batches(lengths: list[int], size: int, fill: float = PADDED_FILL) -> list[list[int]]:
    """Positions grouped into forward passes, longest first: at most SIZE per pass, and a new
    pass whenever a text would fill less than FILL of the pass's width (a question and its
    shorter sub-questions then run apart: on one core padding costs what real tokens do)."""
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    found: list[list[int]] = []
    for i in order:
        if not found or len(found[-1]) == size or lengths[i] < fill * lengths[found[-1][0]]:
            found.append([])
        found[-1].append(i)
    return found
