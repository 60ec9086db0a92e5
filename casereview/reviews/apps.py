from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "casereview.reviews"
    label = "reviews"

    def ready(self) -> None:
        from casereview.cases.signals import review_decided

        from .services import open_review_for_decision

        review_decided.connect(open_review_for_decision, dispatch_uid="reviews-open")
