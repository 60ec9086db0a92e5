from django.db import models

from .permissions import scope


class ScopedQuerySet(models.QuerySet):
    """The queryset of every model the permission layer guards: `visible_to(user)` keeps the
    rows on which the user may do `action` (by default, see case data)."""

    def visible_to(self, user, action: str = "case.view"):
        model = self.model
        board_lookup = getattr(model, "board_lookup", "board_id")
        case_lookup = getattr(model, "case_lookup", None)
        return self.filter(scope(user, action, model.agency_filter, board_lookup, case_lookup))
