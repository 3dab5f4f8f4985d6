"""Near-duplicate documents: MinHash signatures and a banded LSH index.

The same story reprinted by several outlets should count once. Each text is folded
(case, accents, punctuation) into words, cut into overlapping 5-word shingles, and summarised
by a MinHash signature of 128 values; the share of equal values between two signatures
estimates the Jaccard similarity of their shingle sets.

`LshIndex` finds candidates without comparing every pair: a signature is cut into 16 bands
of 8 rows and two texts become candidates when one band matches exactly. That layout is
made for near-duplicates around Jaccard 0.8: such a pair becomes a candidate with
probability 0.95 (0.82 at 0.75, 0.61 at 0.7, 0.24 at 0.6, 0.06 at 0.5). Each candidate is
then kept only when its estimated similarity reaches the index's threshold, 0.7 by default:
a 200-word story reprinted under another headline, with two paragraphs swapped and a
byline and a newsletter line added, measures about 0.77, while two different stories about
the same country share almost no 5-word shingle (about 0.0).

Every hash is derived from blake2b with fixed keys, never from Python's `hash()`, so a
signature is the same in every process and on every machine and can be stored.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Hashable
from typing import Final, Generic, TypeVar

import numpy as np
import numpy.typing as npt

NUM_PERM: Final = 128
SHINGLE_WORDS: Final = 5
BANDS: Final = 16
ROWS: Final = 8
THRESHOLD: Final = 0.7

_MAX_HASH: Final = (1 << 32) - 1
_WORD: Final = re.compile(r"\w+")

K = TypeVar("K", bound=Hashable)
Signature = tuple[int, ...]


def normalise(text: str) -> list[str]:
    """The words of a text, case-folded, accents removed, punctuation dropped."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _WORD.findall(folded)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The overlapping runs of `size` words; a shorter text is one shingle of all its words."""
    words = normalise(text)
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@functools.cache
def _permutations() -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    """Multipliers (odd) and offsets of the 128 multiply-add-shift hash functions, derived
    from blake2b of their index: the same in every process."""
    mult = np.empty(NUM_PERM, dtype=np.uint64)
    add = np.empty(NUM_PERM, dtype=np.uint64)
    for i in range(NUM_PERM):
        digest = hashlib.blake2b(f"tipmon-minhash-{i}".encode(), digest_size=16).digest()
        mult[i] = int.from_bytes(digest[:8], "little") | 1
        add[i] = int.from_bytes(digest[8:], "little")
    return mult, add


def _shingle_hash(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=4).digest(), "little")


def signature(text: str) -> Signature:
    """The MinHash signature of a text: 128 values in [0, 2**32). A text with no words gets
    the all-maximum signature (which equals only another empty text's)."""
    found = shingles(text)
    if not found:
        return (_MAX_HASH,) * NUM_PERM
    values = np.fromiter((_shingle_hash(s) for s in found), dtype=np.uint64, count=len(found))
    mult, add = _permutations()
    # (a*x + b) mod 2**64, top 32 bits: a 2-independent family for 32-bit keys.
    with np.errstate(over="ignore"):
        hashed = (values[:, None] * mult[None, :] + add[None, :]) >> np.uint64(32)
    return tuple(int(v) for v in hashed.min(axis=0))


def similarity(a: Signature, b: Signature) -> float:
    """The estimated Jaccard similarity of the texts behind two signatures."""
    if len(a) != len(b) or not a:
        raise ValueError("signatures of different lengths cannot be compared")
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def _band_keys(sig: Signature, bands: int, rows: int) -> list[tuple[int, bytes]]:
    keys = []
    for band in range(bands):
        chunk = sig[band * rows : (band + 1) * rows]
        keys.append((band, b"".join(v.to_bytes(4, "little") for v in chunk)))
    return keys


def band_keys(sig: Signature) -> list[str]:
    """The signature's LSH bands as short strings, for an index kept in a database: two
    documents sharing one are candidate near-duplicates (then checked with `similarity`)."""
    return [
        f"{band:02d}{hashlib.blake2b(bucket, digest_size=16).hexdigest()}"
        for band, bucket in _band_keys(sig, BANDS, ROWS)
    ]


class LshIndex(Generic[K]):
    """Signatures by key, bucketed by band, to find near-duplicates of a text quickly.

    `query` gives the keys whose signature shares a band with the given one and whose
    estimated similarity reaches `threshold`; `groups` partitions all keys into clusters of
    near-duplicates (union-find over those pairs), singletons included, so the number of
    groups is the number of distinct stories."""

    def __init__(self, threshold: float = THRESHOLD, bands: int = BANDS, rows: int = ROWS) -> None:
        if bands * rows > NUM_PERM:
            raise ValueError(f"bands times rows must not exceed {NUM_PERM}")
        self.threshold = threshold
        self.bands = bands
        self.rows = rows
        self._signatures: dict[K, Signature] = {}
        self._buckets: dict[tuple[int, bytes], list[K]] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, key: object) -> bool:
        return key in self._signatures

    def add(self, key: K, sig: Signature) -> None:
        """Index one signature under `key` (a key may be added once)."""
        if key in self._signatures:
            raise KeyError(f"{key!r} is already in the index")
        if len(sig) != NUM_PERM:
            raise ValueError(f"a signature has {NUM_PERM} values, not {len(sig)}")
        self._signatures[key] = sig
        for bucket in _band_keys(sig, self.bands, self.rows):
            self._buckets.setdefault(bucket, []).append(key)

    def candidates(self, sig: Signature) -> set[K]:
        """Keys sharing at least one band with `sig`, before the similarity check."""
        found: set[K] = set()
        for bucket in _band_keys(sig, self.bands, self.rows):
            found.update(self._buckets.get(bucket, ()))
        return found

    def query(self, sig: Signature) -> set[K]:
        """Keys of the indexed texts that are near-duplicates of the one behind `sig`."""
        return {
            key
            for key in self.candidates(sig)
            if similarity(sig, self._signatures[key]) >= self.threshold
        }

    def _close(self, a: K, b: K) -> bool:
        return similarity(self._signatures[a], self._signatures[b]) >= self.threshold

    def groups(self) -> list[set[K]]:
        """Every key in exactly one cluster of near-duplicates, largest clusters first."""
        parent: dict[K, K] = {key: key for key in self._signatures}

        def find(key: K) -> K:
            while parent[key] != key:
                parent[key] = parent[parent[key]]
                key = parent[key]
            return key

        for members in self._buckets.values():
            for i, first in enumerate(members):
                for other in members[i + 1 :]:
                    a, b = find(first), find(other)
                    if a != b and self._close(first, other):
                        parent[b] = a
        clusters: dict[K, set[K]] = {}
        for key in self._signatures:
            clusters.setdefault(find(key), set()).add(key)
        order = {key: i for i, key in enumerate(self._signatures)}
        return sorted(clusters.values(), key=lambda c: (-len(c), min(order[k] for k in c)))
