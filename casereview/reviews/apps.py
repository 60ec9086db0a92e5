from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "casereview.reviews"
    label = "reviews"

    def ready(self) -> None:
        from casereview.cases.signals import review_decided

        from .services import open_review_for_decision

        review_decided.connect(open_review_for_decision, dispatch_uid="reviews-open")

        from casereview.accounts.permissions import register_grant_source

        from .grants import review_grants

        register_grant_source(review_grants)
