"""The search index follows the published material as it is written: a national lesson saved
or deleted, a publication made or withdrawn (search.py)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from casereview.publication.models import Publication

from . import search
from .models import NationalLesson, SearchEntry, SearchKind


@receiver(post_save, sender=NationalLesson, dispatch_uid="national_search_lesson_saved")
def lesson_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        search.index_lesson(instance)


@receiver(post_delete, sender=NationalLesson, dispatch_uid="national_search_lesson_deleted")
def lesson_deleted(sender, instance, **kwargs):
    SearchEntry.objects.filter(kind=SearchKind.LESSON, source_id=instance.pk).delete()


@receiver(post_save, sender=Publication, dispatch_uid="national_search_publication_saved")
def publication_saved(sender, instance, raw=False, **kwargs):
    # In the publication's own transaction: both are written or neither.
    if not raw:
        search.index_publication(instance)
