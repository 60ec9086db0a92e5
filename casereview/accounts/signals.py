from django.dispatch import Signal

# Sent inside the transaction that removes a membership, before the row goes, with
# `membership`; higher apps end what the role allowed (a review's appointments) and return
# how many rows they ended.
membership_removed = Signal()
