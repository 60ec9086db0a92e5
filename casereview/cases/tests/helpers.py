"""What the notification tests share: the form's address and a valid referral."""

from django.urls import reverse

URL = reverse("cases:notify")


def valid_post(world, **overrides):
    data = {
        "board": world.board.pk,
        "referrer_name": "Dana Test",
        "referrer_role": "Designated nurse",
        "referrer_agency": world.health.pk,
        "referrer_contact": "01234 000000",
        "given_names": "Ada",
        "family_name": "Testchild",
        "date_of_birth_day": "17",
        "date_of_birth_month": "5",
        "date_of_birth_year": "2024",
        "sex": "female",
        "ethnicity": "B2",
        "disability": "no",
        "address": "1 Example Street, Eastbrook ZZ99 1AA",
        "looked_after": "no",
        "plan": "cpp",
        "incident_date_day": "1",
        "incident_date_month": "3",
        "incident_date_year": "2026",
        "outcome": "death",
        "date_of_death_day": "2",
        "date_of_death_month": "3",
        "date_of_death_year": "2026",
        "abuse_neglect": "suspected",
        "death_in_custody": "no",
        "considerations": ["e"],
        "circumstances": "Synthetic circumstances for a test.",
        "agencies": [world.police.pk, world.health.pk],
        "key_dates": "14/02/2026 Seen by health visitor\n20/02/2026 Missed appointment",
    }
    data.update(overrides)
    return data
