from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "casereview.reviews"
    label = "reviews"

    def ready(self) -> None:
        from casereview.cases.review_opener import register_review_opener

        from .services import open_review_for_decision

        register_review_opener(open_review_for_decision)

        from casereview.accounts.permissions import register_grant_source
        from casereview.accounts.signals import membership_removed

        from .grants import end_appointments_of_removed_role, review_grants

        register_grant_source(review_grants)
        membership_removed.connect(end_appointments_of_removed_role, dispatch_uid="reviews-end")

        from casereview.cases.obligation_lines import register_lines_reader

        from .case_lines import case_lines
        from .kept import connect as keep_compliance_current

        keep_compliance_current()
        # The case page reads the kept lines instead of evaluating the case on every view.
        register_lines_reader(case_lines)
