"""The timeline chart's clustering maps times to pixels inline (a lane has thousands of points
and is clustered again after every event added to it); the markers are exactly those of
mapping each point with ``Scale.x``."""

from __future__ import annotations

import random

import pytest

from pm_desktop.domain.chart_layout import Cluster, Scale, cluster_lane


def _by_scale_x(kind, points, scale, min_dx) -> list[Cluster]:
    out: list[Cluster] = []
    current = None
    start_x = total_x = 0.0
    for t, event_id in points:
        x = scale.x(t)
        if current is not None and x - start_x < min_dx:
            current.ids.append(event_id)
            current.last = t
            total_x += x
            current.x = total_x / len(current.ids)
            continue
        current = Cluster(kind, x, [event_id], t, t)
        start_x = total_x = x
        out.append(current)
    return out


@pytest.mark.parametrize("seed", range(6))
def test_same_clusters_as_mapping_each_point(seed):
    rng = random.Random(seed)
    start = 1_741_760_000
    times = sorted(start + rng.randrange(0, 3 * 86_400) for _ in range(rng.choice([1, 50, 3000])))
    points = [(t, f"e{i}") for i, t in enumerate(times)]
    for scale in (
        Scale(times[0] - 600, times[-1] + 600, 12.0, 1180.5),
        Scale(times[0], times[0], 3.0, 900.0),  # one moment: every point at the left edge
    ):
        for min_dx in (0.5, 17.0, 40.0):
            got = cluster_lane("note", points, scale, min_dx)
            want = _by_scale_x("note", points, scale, min_dx)
            assert [(c.x, c.ids, c.first, c.last) for c in got] == [
                (c.x, c.ids, c.first, c.last) for c in want
            ]
