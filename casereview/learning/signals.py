"""Signals of the learning record that higher layers listen to (national sits above it)."""

from django.dispatch import Signal

# What the review's national record carries (its incident coding, a recommendation's types,
# its lessons and their confirmed themes) changed after the board's sign-off; sent inside
# the change's transaction with review, actor and context.
coding_corrected = Signal()
