"""The bundled model run by ONNX Runtime (LETTERS_EMBEDDING_BACKEND=onnx or onnx-int8): exported
locally from the model's own weights with torch.onnx (no download), int8 by ONNX Runtime's
dynamic quantisation; tokenised by the model's tokenizer.json, mean-pooled and L2-normalised as
all-MiniLM-L6-v2's sentence-transformers modules do."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from index.errors import EmbeddingModelMissing

BACKENDS = ("torch", "onnx", "onnx-int8")
MAX_TOKENS = 256  # the model's max_seq_length
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
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
    partial = target.with_suffix(".partial")
    torch.onnx.export(
        model, example, str(partial), input_names=list(INPUTS),
        output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=17, dynamo=False,
    )  # fmt: skip
    partial.rename(target)  # a killed export leaves no half model behind


class OnnxModel:
    """`encode(texts) -> float32 (n, 384)` like SentenceTransformer.encode, on ONNX Runtime."""

    def __init__(self, model_path: Path, folder: Path, int8: bool):
        import onnxruntime
        from tokenizers import Tokenizer

        tokenizer_file = model_path / "tokenizer.json"
        if not tokenizer_file.exists():
            raise EmbeddingModelMissing(str(model_path), "no tokenizer.json for the ONNX backend")
        self.tokenizer = Tokenizer.from_file(str(tokenizer_file))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()
        onnx_file = exported(model_path, folder, int8)
        self.session = onnxruntime.InferenceSession(
            str(onnx_file), providers=["CPUExecutionProvider"]
        )
        self.dimension = int(self.session.get_outputs()[0].shape[-1] or 384)

    def get_embedding_dimension(self) -> int:
        return self.dimension

    def encode(self, texts: list[str], batch_size: int = 64, **_) -> np.ndarray:
        """Normalised mean-pooled vectors, batches of similar length (less padding)."""
        order = np.argsort([len(text) for text in texts], kind="stable")
        vectors = np.empty((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            rows = order[start : start + batch_size]
            vectors[rows] = self._batch([texts[i] for i in rows])
        return vectors

    def _batch(self, texts: list[str]) -> np.ndarray:
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self.session.run(None, feeds)[0]
        pooled = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
