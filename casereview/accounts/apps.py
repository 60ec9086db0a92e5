from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "casereview.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from casereview.audit import readers

        from .middleware import mark_session_started
        from .permissions import ACTIONS, boards_where

        user_logged_in.connect(
            lambda sender, request, user, **kw: mark_session_started(request),
            dispatch_uid="casereview-session-start",
            weak=False,
        )
        readers.register(
            boards=lambda user: boards_where(user, ACTIONS["audit.view"]),
            security=lambda user: bool(boards_where(user, ACTIONS["audit.security"])),
        )
