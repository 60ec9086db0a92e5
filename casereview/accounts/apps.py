from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "casereview.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .middleware import mark_session_started

        user_logged_in.connect(
            lambda sender, request, user, **kw: mark_session_started(request),
            dispatch_uid="casereview-session-start",
            weak=False,
        )
