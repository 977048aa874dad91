"""The workflow's notification e-mails reach the translator and the moderator in Georgian,
their admin language (Wagtail sends each in the recipient's preferred language, with the
Georgian of locale/wagtail/ka): at least 95% of their words are Georgian, leaving out what is
content (the page's title, the workflow's and task's names, people's names) and addresses."""

import re

import pytest
from django.core import mail
from wagtail.models import Workflow

from newsroom.models import NewsArticlePage
from tests.factories import georgian_admin_user
from translating.roles import MODERATORS, TASK_NAME, TRANSLATORS, WORKFLOW_NAME

pytestmark = pytest.mark.django_db

DIASPORA_SLUG = "iom-rethinks-diaspora-engagement-in-new-normal-reality"
MINIMUM_SHARE = 0.95


def georgian_share(text, content):
    for known in sorted(content, key=len, reverse=True):
        text = text.replace(known, " ")
    text = re.sub(r"\S+@\S+|https?://\S+|/admin/\S*", " ", text)  # addresses
    georgian = len(re.findall(r"[\u10D0-\u10FF]+", text))
    latin = re.findall(r"[A-Za-z]{2,}", text)
    latin = [word for word in latin if word not in {"Wagtail", "IOM", "Georgia"}]
    return georgian / ((georgian + len(latin)) or 1), latin


def assert_georgian(messages, content):
    """Subject, text and HTML of each message at least MINIMUM_SHARE Georgian."""
    for message in messages:
        bodies = [message.subject, message.body]
        bodies += [html for html, _type in getattr(message, "alternatives", [])]
        for text in bodies:
            text = re.sub(r"<[^>]+>", " ", text)
            share, latin = georgian_share(text, content)
            assert share >= MINIMUM_SHARE, (message.subject, share, latin, text[:500])


def test_review_emails_are_georgian(ka_locale, en_locale, django_capture_on_commit_callbacks):
    translator = georgian_admin_user("mail-translator", TRANSLATORS)
    moderator = georgian_admin_user("mail-moderator", MODERATORS)
    en_article = NewsArticlePage.objects.get(locale=en_locale, slug=DIASPORA_SLUG)
    page = en_article.get_translation(ka_locale)
    content = [page.title, page.draft_title, WORKFLOW_NAME, TASK_NAME, "Nino", "Beridze"]
    content += [translator.username, moderator.username]

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=translator)
        workflow_state = Workflow.objects.get(name=WORKFLOW_NAME).start(page, translator)
    submitted = [m for m in mail.outbox if moderator.email in m.to]
    assert submitted, [m.subject for m in mail.outbox]

    mail.outbox.clear()
    task_state = workflow_state.current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        task_state.task.specific.on_action(task_state, moderator, "approve")
    approved = [m for m in mail.outbox if translator.email in m.to]
    assert approved, [m.subject for m in mail.outbox]

    assert_georgian([*submitted, *approved], content)


def test_a_rejection_with_a_comment_reaches_the_translator_in_georgian(
    ka_locale, en_locale, django_capture_on_commit_callbacks
):
    translator = georgian_admin_user("mail-translator", TRANSLATORS)
    moderator = georgian_admin_user("mail-moderator", MODERATORS)
    en_article = NewsArticlePage.objects.get(locale=en_locale, slug=DIASPORA_SLUG)
    page = en_article.get_translation(ka_locale)
    comment = "სათაური შეამოკლეთ, გთხოვთ."
    content = [page.title, page.draft_title, WORKFLOW_NAME, TASK_NAME, "Nino", "Beridze"]
    content += [translator.username, moderator.username, comment]

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=translator)
        workflow_state = Workflow.objects.get(name=WORKFLOW_NAME).start(page, translator)
    mail.outbox.clear()
    task_state = workflow_state.current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        task_state.task.specific.on_action(task_state, moderator, "reject", comment=comment)
    rejected = [m for m in mail.outbox if translator.email in m.to]
    assert rejected, [m.subject for m in mail.outbox]

    assert all(comment in message.body for message in rejected)  # the moderator's words
    assert_georgian(rejected, content)
