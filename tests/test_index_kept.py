"""index/kept.py: recent results kept per source."""

from index.kept import Kept


def test_results_are_kept_per_source_and_the_oldest_dropped():
    kept, calls = Kept(size=2), []
    compute = lambda key: lambda: calls.append(key) or key * 10  # noqa: E731
    source = object()
    assert kept.get(source, 1, compute(1)) == 10 and kept.get(source, 1, compute(1)) == 10
    kept.get(source, 2, compute(2)), kept.get(source, 3, compute(3))
    kept.get(source, 1, compute(1))  # dropped as the oldest: computed again
    assert calls == [1, 2, 3, 1]
    kept.get(object(), 3, compute(3))  # another generation of the store: nothing kept
    assert calls == [1, 2, 3, 1, 3]


def test_several_keys_missing_are_computed_in_one_call():
    kept, calls = Kept(4), []

    def compute(missing):
        calls.append(list(missing))
        return [key * 10 for key in missing]

    assert kept.get_many("gen", [1, 2, 1], compute) == [10, 20, 10]
    assert kept.get_many("gen", [2, 3], compute) == [20, 30]
    assert kept.get("gen", 3, lambda: None) == 30
    assert calls == [[1, 2], [3]]
    assert kept.get_many("other", [1], compute) == [10] and calls[-1] == [1]  # a new source


def test_a_set_is_kept_by_identity_not_by_value():
    kept, calls = Kept(), []
    pool, same_value = frozenset({"a", "b"}), frozenset({"a", "b"})

    def compute():
        calls.append(1)
        return len(calls)

    assert kept.get_by_identity("gen", pool, compute) == 1
    assert kept.get_by_identity("gen", pool, compute) == 1
    assert kept.get_by_identity("gen", same_value, compute) == 2  # another object: its own
