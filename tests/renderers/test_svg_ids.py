import re

from ict_competence.renderers._svg import Bar, Box, flowchart, workload


def _ids(svg: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', svg))


def test_two_different_charts_share_no_id_and_each_points_only_to_its_own():
    one = workload([Bar("p1", 3.0, 4.0, overloaded=False)], "nl")
    other = workload([Bar("p2", 5.0, 4.0, overloaded=True)], "nl")
    flow = flowchart([Box(1, "Stap 1", "box")], title="Stappenplan", description="acht stappen")

    ids = [_ids(svg) for svg in (one, other, flow)]
    assert ids[0].isdisjoint(ids[1])
    assert ids[0].isdisjoint(ids[2])
    for svg, own in zip((one, other, flow), ids, strict=True):
        labelled = re.search(r'aria-labelledby="([^"]+)"', svg)
        assert labelled is not None
        assert set(labelled.group(1).split()) <= own
        assert set(re.findall(r"url\(#([^)]+)\)", svg)) <= own


def test_the_same_chart_gets_the_same_ids_so_pages_stay_reproducible():
    bars = [Bar("p1", 3.0, 4.0, overloaded=False)]
    assert workload(bars, "nl") == workload(bars, "nl")
