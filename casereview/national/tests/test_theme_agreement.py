"""Precision, recall, F1 and Cohen's kappa against figures worked out by hand."""

import pytest

from casereview.national.themes import agreement


def test_kappa_of_a_worked_example():
    # 50 lessons, one code: both say yes on 20, only A on 5, only B on 10, neither on 15.
    # po = 35/50 = 0.7; A says yes 25/50 = 0.5, B 30/50 = 0.6;
    # pe = 0.5 * 0.6 + 0.5 * 0.4 = 0.5; kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
    a = [{"neglect"}] * 20 + [{"neglect"}] * 5 + [set()] * 10 + [set()] * 15
    b = [{"neglect"}] * 20 + [set()] * 5 + [{"neglect"}] * 10 + [set()] * 15
    assert agreement.kappa(["neglect"], a, b) == pytest.approx(0.4)


def test_kappa_pools_every_lesson_and_code():
    # Two lessons, two codes: four decisions. A: yes, no | yes, no; B: yes, no | no, no.
    # po = 3/4; pa = 2/4, pb = 1/4; pe = 0.5 * 0.25 + 0.5 * 0.75 = 0.5; kappa = 0.5.
    codes = ["neglect", "recording"]
    a = [{"neglect"}, {"neglect"}]
    b = [{"neglect"}, set()]
    assert agreement.kappa(codes, a, b) == pytest.approx(0.5)


def test_kappa_of_perfect_agreement_and_of_no_information():
    assert agreement.kappa(["neglect"], [{"neglect"}, set()], [{"neglect"}, set()]) == 1.0
    # Both always say no: chance explains everything, kappa is undefined.
    assert agreement.kappa(["neglect"], [set(), set()], [set(), set()]) is None


def test_precision_recall_f1_and_macro_f1():
    reference = [{"neglect"}, {"neglect", "recording"}, {"recording"}, set()]
    predicted = [{"neglect"}, {"neglect"}, {"neglect"}, {"recording"}]
    figures = {
        f.code: f
        for f in agreement.per_code(["neglect", "recording", "disability"], reference, predicted)
    }
    neglect, recording = figures["neglect"], figures["recording"]
    assert (neglect.support, neglect.predicted, neglect.true_positives) == (2, 3, 2)
    assert neglect.precision == pytest.approx(2 / 3)
    assert neglect.recall == 1.0
    assert neglect.f1 == pytest.approx(0.8)
    assert (recording.precision, recording.recall, recording.f1) == (0.0, 0.0, 0.0)
    # "disability" is used by nobody and left out of the mean.
    assert agreement.macro_f1(figures.values()) == pytest.approx(0.4)
