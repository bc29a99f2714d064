"""A few recent results kept per source (pure): the score vectors a question computes over the
whole index, which a "which states" answer or a comparison asks for again per state."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence


class Kept:
    """The last SIZE results by key, forgotten whole when the source they were computed from
    (a generation of the store) is another object. The lock guards the dictionary only: a
    result is computed outside it, so concurrent questions never wait on each other."""

    def __init__(self, size: int = 16):
        self.size = size
        self._source: object = None
        self._found: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, source: object, key: Hashable, compute: Callable[[], object]):
        with self._lock:
            if source is not self._source:
                self._source, self._found = source, OrderedDict()
            found = self._found
            if key in found:
                return found[key]
        result = compute()
        with self._lock:
            found[key] = result
            while len(found) > self.size:
                found.popitem(last=False)
        return result

    def get_by_identity(self, source: object, obj: object, compute: Callable[[], object]):
        """`get` keyed by OBJ itself, not its value: a pool's frozen id set is one object per
        generation, and hashing its 100k ids would cost more than the result. OBJ is held with
        its result, so its id is not reused while kept."""
        kept = self.get(source, id(obj), lambda: (obj, compute()))
        return kept[1] if kept[0] is obj else compute()

    def get_many(self, source: object, keys: Sequence[Hashable], compute: Callable[[list], list]):
        """The results of KEYS (in order); those not kept are computed by one COMPUTE(missing)
        call, which returns their results in order (one pass over a large matrix for several
        texts costs little more than one)."""
        with self._lock:
            if source is not self._source:
                self._source, self._found = source, OrderedDict()
            found = self._found
            known = {key: found[key] for key in keys if key in found}
        missing = [key for key in dict.fromkeys(keys) if key not in known]
        if missing:
            known |= dict(zip(missing, compute(missing), strict=True))
            with self._lock:
                found.update((key, known[key]) for key in missing)
                while len(found) > max(self.size, len(missing)):
                    found.popitem(last=False)
        return [known[key] for key in keys]
