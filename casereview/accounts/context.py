from django.conf import settings
from django.urls import reverse

from .permissions import ACTIONS, grants_of


def navigation(request) -> dict:
    """Service navigation items for the roles the user holds."""
    context = {"service_name": settings.SERVICE_NAME}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_verified():
        return context
    # For the idle-timeout warning (accounts/static/accounts/session-timeout.js).
    context["session_idle_seconds"] = int(settings.SESSION_IDLE_TIMEOUT.total_seconds())
    context["session_warn_seconds"] = int(settings.SESSION_WARNING.total_seconds())
    roles = {g.role for g in grants_of(user)}
    items = [("Home", reverse("home"))]
    if roles & ACTIONS["case.view"]:
        items.append(("Notifications", reverse("cases:list")))
        items.append(("Reviews", reverse("reviews:list")))
    if roles & ACTIONS["notification.create"]:
        items.append(("Notify an incident", reverse("cases:notify")))
    if roles & ACTIONS["audit.view"]:
        items.append(("Audit log", reverse("audit:log")))
    if roles & ACTIONS["audit.security"]:
        items.append(("Security log", reverse("audit:security")))
    if roles & ACTIONS["members.manage"]:
        items.append(("Members", reverse("members:list")))
    if roles & ACTIONS["procedure.read"]:
        items.append(("Procedure", reverse("procedure:regimes")))
    configurable = sorted(
        {g.board_id for g in grants_of(user) if g.role in ACTIONS["board.configure"]}
    )
    if configurable:
        url = reverse("reviews:board_settings", kwargs={"board_pk": configurable[0]})
        items.append(("Board settings", url))
    items.append(("Your account", reverse("accounts:account")))
    path = request.path
    # The item whose address is the longest start of this page's (/audit/security/ is the
    # security log, not the audit log).
    matches = [url for _, url in items if (path == url if url == "/" else path.startswith(url))]
    current = max(matches, key=len, default=None)
    context["nav_items"] = [
        {"text": text, "url": url, "active": url == current} for text, url in items
    ]
    return context
