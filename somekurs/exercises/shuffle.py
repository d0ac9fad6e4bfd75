"""The order a participant sees options in: shuffled, different for each participant, and stable.

Authors tend to write the right option first (and longest); shown in file order, «always pick the
first» would beat knowing the course. So every list a participant chooses from is shown in an
order drawn from a hash of (participant seed, exercise id, list name): a participant sees the
same order after a reload or a kernel restart, two participants see different orders, and the
static book's markup (no seed yet) gets a fixed order drawn the same way.
Answers are stored as option ids, never positions, so the order never changes what an answer means.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")
MARKUP_SEED = ""  # the order in the book's HTML before the reader's own seed reorders it


def new_seed() -> str:
    """A participant's seed: random, stored once (progress file or browser storage)."""
    return secrets.token_hex(8)


def order(seed: str, exercise_id: str, name: str, ids: Sequence[str], avoid_file_order: bool = False) -> list[str]:
    """``ids`` in the order this participant sees them: a uniformly random order per participant.

    Every order is possible, the file order too: ruling one out would make position carry
    information (with two options, «never the file order» means «always reversed», and the file's
    habits show through). Only where the file order is itself the answer (``avoid_file_order``:
    a timeline) is that one order replaced.
    """

    def key(item: str) -> str:
        return hashlib.sha256(f"{seed}|{exercise_id}|{name}|{item}".encode()).hexdigest()

    shown = sorted(ids, key=key)
    if avoid_file_order and len(shown) > 1 and shown == list(ids):
        shown = shown[1:] + shown[:1]
    return shown


def arrange(seed: str, exercise_id: str, name: str, items: Sequence[T], id_of: str = "id") -> list[T]:
    """The items themselves, in :func:`order` (each item a mapping with an id)."""
    by_id = {item[id_of]: item for item in items}  # type: ignore[index]
    return [by_id[i] for i in order(seed, exercise_id, name, list(by_id))]
