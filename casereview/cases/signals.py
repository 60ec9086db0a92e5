"""Signals the cases app sends for higher layers to act on (cases imports none of them)."""

from django.dispatch import Signal

# The chair decided again (corrections.redecide), inside its transaction: `decision` as it
# now stands and `before`, the earlier decision's fields (`outcome`, `reasons`, `decided_on`).
decided_again = Signal()
