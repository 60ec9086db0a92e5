"""What the publication app tells higher apps (the national store registers with it)."""

from django.dispatch import Signal

# Sent after the board's sign-off of a report is committed: sender=Report class,
# review=<Review>, report=<Report>, actor=<User>. The national app builds the review's
# anonymised national record from it.
board_signed_off = Signal()
