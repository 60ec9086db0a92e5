from django.dispatch import Signal

# Sent inside the decision's transaction when the chair decides to hold a review;
# the reviews app creates the Review. Receivers return the created object.
review_decided = Signal()
