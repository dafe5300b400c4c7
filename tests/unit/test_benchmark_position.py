from matching.benchmark import Levels, Standing, position

CLINKER = Levels(benchmark=100, baseline=117)
BOF = Levels(benchmark=-30, baseline=-10)


def test_at_or_better_than_benchmark():
    assert position(100, CLINKER).standing is Standing.AT_BENCHMARK
    assert position(96.5, CLINKER).gap_to_benchmark == 0


def test_between_baseline_and_benchmark_reports_the_gap():
    p = position(108, CLINKER)
    assert p.standing is Standing.BETWEEN
    assert p.gap_to_benchmark == 8
    assert p.gap_to_baseline == 0


def test_below_baseline():
    p = position(121, CLINKER)
    assert p.standing is Standing.BELOW_BASELINE
    assert (p.gap_to_benchmark, p.gap_to_baseline) == (21, 4)


def test_net_negative_indicator_needs_no_special_case():
    assert position(-32, BOF).standing is Standing.AT_BENCHMARK
    assert position(-20, BOF).standing is Standing.BETWEEN
    assert position(-5, BOF).standing is Standing.BELOW_BASELINE


def test_higher_is_better_indicator():
    levels = Levels(benchmark=80, baseline=60, lower_is_better=False)
    assert position(85, levels).standing is Standing.AT_BENCHMARK
    assert position(55, levels).gap_to_baseline == 5


def test_missing_level_is_unknown_not_a_guess():
    p = position(50, Levels(benchmark=None, baseline=None))
    assert p.standing is Standing.UNKNOWN and p.gap_to_benchmark is None
