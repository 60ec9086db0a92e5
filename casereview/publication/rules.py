"""What each regime publishes, and for how long at least (the publication gate and the
board's public page read these).

A regime file may set `published_reports` and `published_for_at_least` in its [settings];
until the regime files carry them (a new regime version, so that cases already running keep
theirs), the values below apply, each with where it comes from."""

from __future__ import annotations

from dataclasses import dataclass

from casereview.procedure import catalogue
from casereview.procedure.clocks import Duration

from .models import ReportKind

OVERVIEW = ReportKind.OVERVIEW
SUMMARY = ReportKind.EXECUTIVE_SUMMARY


@dataclass(frozen=True)
class Rule:
    reports: tuple[str, ...]
    kept_for: str
    clause: str
    why: str


DEFAULTS: dict[str, Rule] = {
    # DOMAIN.md §2 (Knowsley, Community Care): under 2006 the executive summary is published
    # and the full overview report stays confidential. No minimum period is given for 2006:
    # the 2013 twelve months is used [unverified].
    "rotherham_wt2006": Rule(
        (SUMMARY,),
        "12 months",
        "WT2006 chapter 8",
        "Under the 2006 guidance only the executive summary is published; the overview "
        "report stays confidential",
    ),
    # Full reports for reviews begun on or after 10 June 2010 (DOMAIN.md §2; obligation
    # full_report_published of wt2010.toml). Minimum period: the 2013 twelve months
    # [unverified].
    "wt2010": Rule(
        (SUMMARY, OVERVIEW),
        "12 months",
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
    # The local review's report is published (DOMAIN.md §4); the 2013 twelve months carried
    # over [unverified].
    "wt2018": Rule(
        (SUMMARY, OVERVIEW),
        "12 months",
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


def kept_for(review) -> Duration:
    return Duration.parse(rule_for(review).kept_for)


def full_report_allowed(review) -> bool:
    """wt2010: the overview report only for a review begun on or after 10 June 2010."""
    from casereview.cases.checks import FULL_REPORTS_FROM

    if review.regime != "wt2010":
        return True
    return review.decision.decided_on >= FULL_REPORTS_FROM
