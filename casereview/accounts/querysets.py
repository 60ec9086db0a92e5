from django.db import models


class ScopedQuerySet(models.QuerySet):
    """The queryset of every model the permission layer guards: `visible_to(user)` keeps the
    rows on which the user may do `action` (by default, see case data)."""

    def visible_to(self, user, action: str = "case.view"):
        from .permissions import scope  # permissions imports the models

        board_lookup = getattr(self.model, "board_lookup", "board_id")
        return self.filter(scope(user, action, self.model.agency_filter, board_lookup))
