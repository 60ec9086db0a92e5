"""The chronology's pages, one URL module per area so that each area owns its own routes."""

from . import entry_urls, import_urls, timeline_urls

app_name = "chronology"

urlpatterns = [*timeline_urls.urlpatterns, *entry_urls.urlpatterns, *import_urls.urlpatterns]
