"""A document keeps its address when its file is replaced.

Wagtail's document URL is /documents/<id>/<file name>, and its serve view answers 404 when
the name is not the current file's: replacing a document's file broke every link to it
that readers had saved or other sites had made. This view, ahead of Wagtail's, sends an
old name to the current URL (301); Wagtail's view then serves it with its own checks
(privacy, collection permissions)."""

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve


def serve_or_redirect(request, document_id, document_filename):
    document = get_object_or_404(get_document_model(), id=document_id)
    if document.filename != document_filename:
        return HttpResponsePermanentRedirect(document.url)
    return serve(request, document_id, document_filename)
