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
