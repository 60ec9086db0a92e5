"""The review's pages and the section action that reads each: what the review page lists
for a user is what the permission table lets them read."""

from __future__ import annotations

from casereview.accounts.permissions import can

# The review's pages, in the order the work is done: (url name, text, section action).
REVIEW_PAGES = [
    ("reviews:panel", "Review panel: members, meetings and decisions", "section.panel"),
    ("reviews:terms", "Terms of reference", "section.terms"),
    ("reviews:reports", "Agency reports (individual management reviews)", "section.reports"),
    ("chronology:integrated", "Integrated chronology", "section.chronology"),
    (
        "learning:lessons",
        "Learning: lessons, recommendations and actions",
        "section.learning",
    ),
    ("reviews:experts", "Independent experts and the overview author", "section.experts"),
    ("reviews:family", "The family: involvement, contacts and letters", "section.family"),
    (
        "reviews:professionals",
        "Professionals: support, debriefing and feedback",
        "section.professionals",
    ),
    ("reviews:notifications", "Notifications the board must send", "section.notifications"),
    ("reviews:parallel", "Parallel processes", "section.processes"),
    ("reviews:partners", "Partner boards (cross-boundary)", "section.partners"),
    (
        "publication:register",
        "Publication: the identifier register for anonymising",
        "section.publication",
    ),
    (
        "publication:drafts",
        "Publication: the overview report and executive summary, drafts and sign-off",
        "section.publication",
    ),
    (
        "publication:quality",
        "Publication: the panel's quality self-assessment",
        "section.publication",
    ),
    (
        "publication:publish_page",
        "Publication: files, the publication gate and the public page",
        "section.publication",
    ),
]

# How each section is named to the people who share it.
SECTION_TITLES = {
    "section.stage": "Stage and history",
    "section.compliance": "Compliance",
    "section.panel": "Panel and its minutes",
    "section.terms": "Agreed terms of reference",
    "section.reports": "Agency reports",
    "section.chronology": "Chronology",
    "section.learning": "Lessons, recommendations and actions",
    "section.experts": "Experts and their advice",
    "section.family": "Family, contacts and letters",
    "section.professionals": "Professionals",
    "section.notifications": "Notifications",
    "section.processes": "Parallel processes",
    "section.partners": "Partner boards",
    "section.publication": "Identifier register, report drafts and sign-off",
    "section.access_log": "Access log",
}


def readable_pages(user, review) -> list[tuple[str, str]]:
    """The review's pages this user may read, as (url name, text)."""
    return [(name, text) for name, text, action in REVIEW_PAGES if can(user, action, review)]
