"""Signals of the learning record that higher layers listen to (national sits above it)."""

from django.dispatch import Signal

# The review's coding (its incident coding or a recommendation's types) changed after the
# board's sign-off; sent inside the change's transaction with review, actor and context.
coding_corrected = Signal()
