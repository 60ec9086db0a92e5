"""`casereview national-search rebuild`: the search index again from the published material."""

from django.core.management.base import BaseCommand

from casereview.national.search import rebuild


class Command(BaseCommand):
    help = "Rebuild the national search index from national lessons and publications."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild"])

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(f"Indexed {count} published texts.")
