"""The privacy benchmark's generated corpus is the same in every process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[3]
DIGEST = ("import hashlib; from benchmarks.generators import generate_documents; "
          "print(hashlib.sha256(''.join(d.text for d in generate_documents(40, seed=2026))"
          ".encode()).hexdigest())")


def _digest(hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run([sys.executable, "-c", DIGEST], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True)
    return done.stdout.strip()


def test_the_seeded_documents_do_not_depend_on_string_hashing() -> None:
    assert _digest("1") == _digest("2") == _digest("3")
