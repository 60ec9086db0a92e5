"""What each regime publishes, and for how long at least (the publication gate and the
board's public page read these).

A regime file may set `published_reports` and `published_for_at_least` in its [settings];
until the regime files carry them (a new regime version, so that cases already running keep
theirs), the values below apply, each with where it comes from.

Only WT2013 sets a minimum period ("kept publicly available for at least 12 months",
chapter 4). Where the regime sets none (2006, 2010, 2018), the period is the board's own
retention policy (`Board.publication_retention_months`, set on the board's settings page);
`retention_for` says which of the two applies, so that every page can say so."""

from __future__ import annotations

from dataclasses import dataclass

from casereview.procedure import catalogue
from casereview.procedure.clocks import Duration

from .models import ReportKind, RetentionBasis

OVERVIEW = ReportKind.OVERVIEW
SUMMARY = ReportKind.EXECUTIVE_SUMMARY


@dataclass(frozen=True)
class Rule:
    reports: tuple[str, ...]
    # The regime's minimum period on the public page, or "" when the regime sets none.
    kept_for: str
    clause: str
    why: str


@dataclass(frozen=True)
class Retention:
    """How long a publication stays public at least, and why that long."""

    period: str
    basis: str
    clause: str = ""

    @property
    def duration(self) -> Duration:
        return Duration.parse(self.period)

    @property
    def source(self) -> str:
        return source_of(self.basis, self.clause)


def source_of(basis: str, clause: str) -> str:
    if basis == RetentionBasis.REGIME:
        return f"the regime's minimum: {clause}"
    return "the board's policy: the regime sets no minimum"


DEFAULTS: dict[str, Rule] = {
    # DOMAIN.md §2 (Knowsley, Community Care): under 2006 the executive summary is published
    # and the full overview report stays confidential. The 2006 chapter sets no minimum
    # period: the board's policy applies.
    "rotherham_wt2006": Rule(
        (SUMMARY,),
        "",
        "WT2006 chapter 8",
        "Under the 2006 guidance only the executive summary is published; the overview "
        "report stays confidential",
    ),
    # Full reports for reviews begun on or after 10 June 2010 (DOMAIN.md §2; obligation
    # full_report_published of wt2010.toml). No minimum period: the board's policy applies.
    "wt2010": Rule(
        (SUMMARY, OVERVIEW),
        "",
        "WT2010 chapter 8",
        "The executive summary is published, and the full overview report for a review "
        "begun on or after 10 June 2010",
    ),
    # "Publish the anonymised final report and keep it publicly available for at least 12
    # months" (wt2013.toml, reports_published; DOMAIN.md §4).
    "wt2013": Rule(
        (SUMMARY, OVERVIEW),
        "12 months",
        "WT2013 chapter 4",
        "The final report is published and kept publicly available for at least 12 months",
    ),
    # The local review's report is published (DOMAIN.md §4); no minimum period is given: the
    # board's policy applies.
    "wt2018": Rule(
        (SUMMARY, OVERVIEW),
        "",
        "WT2018 chapter 4",
        "The local child safeguarding practice review report is published",
    ),
}


def rule_for(review) -> Rule:
    regime = catalogue.version_of(review.regime, review.regime_version)
    default = DEFAULTS.get(regime.id, DEFAULTS["wt2013"])
    settings = regime.settings
    reports = settings.get("published_reports")
    return Rule(
        tuple(r.strip() for r in reports.split(",")) if reports else default.reports,
        settings.get("published_for_at_least", default.kept_for),
        default.clause,
        default.why,
    )


def retention_for(review) -> Retention:
    """The regime's minimum period when it sets one, else the board's retention policy."""
    rule = rule_for(review)
    if rule.kept_for:
        return Retention(rule.kept_for, RetentionBasis.REGIME, rule.clause)
    months = review.board.publication_retention_months
    return Retention(f"{months} month{'' if months == 1 else 's'}", RetentionBasis.BOARD)


def kept_for(review) -> Duration:
    return retention_for(review).duration


def full_report_allowed(review) -> bool:
    """wt2010: the overview report only for a review begun on or after 10 June 2010."""
    from casereview.cases.checks import FULL_REPORTS_FROM

    if review.regime != "wt2010":
        return True
    return review.decision.decided_on >= FULL_REPORTS_FROM
