"""The roles a membership gives. A module of its own so that the permission table can name
them without importing the models (whose managers call the permission layer)."""

from django.db import models


class Role(models.TextChoices):
    BOARD_MANAGER = "board_manager", "Board business manager"
    BOARD_CHAIR = "board_chair", "Board chair"
    PANEL_CHAIR = "panel_chair", "Review panel chair"
    PANEL_MEMBER = "panel_member", "Review panel member"
    AGENCY_AUTHOR = "agency_author", "Agency author"
    INDEPENDENT_AUTHOR = "independent_author", "Independent overview author"
    INDEPENDENT_EXPERT = "independent_expert", "Independent expert"
    NATIONAL_ANALYST = "national_analyst", "National analyst"
    AUDITOR = "auditor", "Auditor"
    ADMINISTRATOR = "administrator", "Administrator"
