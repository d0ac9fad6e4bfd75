"""Sosiale medier i offentlig forvaltning: the course package.

Kept light on import (no pandas, matplotlib or widgets here) so that a participant's
kernel starts fast; each submodule imports what it needs when it is used.
"""

from pathlib import Path

__all__ = ["PROJECT_ROOT", "DATA_DIR"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
