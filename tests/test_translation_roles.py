"""Roles (Editors, Translators, Moderators) and the Georgian review workflow."""

import html as html_module
import json
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page, WorkflowPage
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from newsroom.models import NewsArticlePage, Topic
from translating.roles import EDITORS, MODERATORS, TRANSLATORS, WORKFLOW_NAME, setup_roles

pytestmark = pytest.mark.django_db

DIASPORA_SLUG = "iom-rethinks-diaspora-engagement-in-new-normal-reality"


def make_user(username, group_name):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(db):
    return make_user("test-editor", EDITORS)


@pytest.fixture
def translator(db):
    return make_user("test-translator", TRANSLATORS)


@pytest.fixture
def moderator(db):
    return make_user("test-moderator", MODERATORS)


@pytest.fixture
def en_article(en_locale):
    return NewsArticlePage.objects.get(locale=en_locale, slug=DIASPORA_SLUG)


@pytest.fixture
def ka_article(en_article, ka_locale):
    return en_article.get_translation(ka_locale)


def test_translator_cannot_edit_or_publish_english(translator, en_article, en_home):
    for page in (en_article, en_home):
        permissions = page.permissions_for_user(translator)
        assert not permissions.can_edit()
        assert not permissions.can_publish()
        assert not permissions.can_add_subpage()


def test_translator_can_edit_but_not_publish_georgian(translator, ka_article, ka_home):
    for page in (ka_article, ka_home):
        permissions = page.permissions_for_user(translator)
        assert permissions.can_edit()
        assert not permissions.can_publish()


def test_admin_edit_view_denies_translator_english_and_opens_georgian(
    client, translator, en_article, ka_article
):
    client.force_login(translator)
    denied = client.get(reverse("wagtailadmin_pages:edit", args=[en_article.pk]))
    assert denied.status_code in (302, 403)
    if denied.status_code == 302:
        assert reverse("wagtailadmin_pages:edit", args=[en_article.pk]) not in denied.url
    opened = client.get(reverse("wagtailadmin_pages:edit", args=[ka_article.pk]))
    assert opened.status_code == 200
    # The Georgian page opens in wagtail-localize's translation editor.
    assert b"wagtail-localize" in opened.content


def test_translator_has_no_access_to_users_groups_or_settings(client, translator):
    client.force_login(translator)
    for name in ("wagtailusers_users:index", "wagtailusers_groups:index", "wagtailsites:index"):
        response = client.get(reverse(name))
        assert response.status_code in (302, 403), name
    assert not translator.has_perm("auth.change_user")
    assert not translator.has_perm("auth.change_group")
    assert translator.has_perm("wagtail_localize.submit_translation")
    assert translator.has_perm("wagtailadmin.access_admin")


def test_editor_publishes_english_only(editor, en_article, ka_article):
    assert en_article.permissions_for_user(editor).can_publish()
    assert not ka_article.permissions_for_user(editor).can_edit()
    assert editor.has_perm("newsroom.change_topic")


def test_moderator_can_publish_georgian(moderator, ka_article, en_article):
    assert ka_article.permissions_for_user(moderator).can_publish()
    assert not en_article.permissions_for_user(moderator).can_edit()


def test_translator_may_edit_georgian_snippets_only(client, translator, en_locale, ka_locale):
    client.force_login(translator)
    english = Topic.objects.filter(locale=en_locale).first()
    georgian = english.get_translation(ka_locale)
    edit = "wagtailsnippets_newsroom_topic:edit"
    assert client.get(reverse(edit, args=[georgian.pk])).status_code == 200
    assert client.get(reverse(edit, args=[english.pk])).status_code in (302, 403)


def test_georgian_tree_is_under_the_review_workflow(ka_article, en_article, ka_home):
    workflow = ka_article.get_workflow()
    assert workflow is not None and workflow.name == WORKFLOW_NAME
    assert WorkflowPage.objects.get(page=ka_home).workflow == workflow
    english_workflow = en_article.get_workflow()
    assert english_workflow is None or english_workflow.name != WORKFLOW_NAME
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [MODERATORS]


def test_setup_roles_is_idempotent():
    before = (Group.objects.count(), GroupPagePermission.objects.count())
    setup_roles()
    setup_roles()
    assert (Group.objects.count(), GroupPagePermission.objects.count()) == before
    # Wagtail's default root-page permissions were replaced by per-language ones.
    root = Page.get_first_root_node()
    assert not GroupPagePermission.objects.filter(
        page=root, group__name__in=[EDITORS, MODERATORS]
    ).exists()


def test_translator_submits_and_moderator_approves(client, translator, moderator, ka_article):
    translation = Translation.objects.get(
        source__object_id=ka_article.translation_key, target_locale=ka_article.locale
    )
    segment = StringSegment.objects.get(source=translation.source, context__path="summary")
    StringTranslation.objects.filter(
        translation_of=segment.string, context=segment.context, locale=ka_article.locale
    ).update(data="ახალი შეჯამება")
    live_summary = ka_article.summary
    assert live_summary != "ახალი შეჯამება"

    client.force_login(translator)
    url = reverse("translating_submit_for_review", args=[translation.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302

    page = NewsArticlePage.objects.get(pk=ka_article.pk)
    assert page.workflow_in_progress
    assert page.summary == live_summary  # the live page waits for the review

    state = page.current_workflow_state
    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(page, translator) == []  # a translator cannot approve
    assert "approve" in [action[0] for action in task.get_actions(page, moderator)]
    task.on_action(task_state, moderator, "approve")

    page = NewsArticlePage.objects.get(pk=ka_article.pk)
    assert not page.workflow_in_progress
    assert page.live
    assert page.summary == "ახალი შეჯამება"
    assert not any(Page.find_problems())


def remove_summary_translation(ka_article):
    translation = Translation.objects.get(
        source__object_id=ka_article.translation_key, target_locale=ka_article.locale
    )
    segment = StringSegment.objects.get(source=translation.source, context__path="summary")
    StringTranslation.objects.filter(
        translation_of=segment.string, context=segment.context, locale=ka_article.locale
    ).delete()
    return translation


def test_an_incomplete_translation_is_not_submitted(client, translator, ka_article):
    """Its missing strings would reach Georgian readers in English once approved."""
    translation = remove_summary_translation(ka_article)
    client.force_login(translator)
    url = reverse("translating_submit_for_review", args=[translation.pk])

    form = client.get(url).content.decode()
    assert "1 string is not translated yet" in form
    assert 'type="submit"' not in form.split('class="nice-padding"')[1]
    response = client.post(url, follow=True)
    assert "not translated yet" in response.content.decode()
    assert not NewsArticlePage.objects.get(pk=ka_article.pk).workflow_in_progress


def test_the_submit_form_says_how_many_strings_are_machine_drafts(client, translator, ka_article):
    translation = Translation.objects.get(
        source__object_id=ka_article.translation_key, target_locale=ka_article.locale
    )
    segment = StringSegment.objects.get(source=translation.source, context__path="summary")
    StringTranslation.objects.filter(
        translation_of=segment.string, context=segment.context, locale=ka_article.locale
    ).update(translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE)
    client.force_login(translator)
    url = reverse("translating_submit_for_review", args=[translation.pk])
    assert "1 string is still a machine draft" in client.get(url).content.decode()


def test_a_moderator_cannot_publish_an_incomplete_translation(
    client, moderator, ka_article, django_capture_on_commit_callbacks
):
    remove_summary_translation(ka_article)
    live_revision = ka_article.live_revision_id
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:edit", args=[ka_article.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "publish"}, follow=True)
    assert "not translated yet" in response.content.decode()
    page = NewsArticlePage.objects.get(pk=ka_article.pk)
    assert page.live_revision_id == live_revision
    assert page.summary == ka_article.summary


def test_a_moderator_publishes_a_complete_translation(
    client, moderator, ka_article, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:edit", args=[ka_article.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "publish"})
    assert response.status_code == 302
    page = NewsArticlePage.objects.get(pk=ka_article.pk)
    assert page.live_revision_id != ka_article.live_revision_id


def test_a_translator_cannot_save_an_incomplete_snippet_translation(
    client, translator, en_locale, ka_locale, django_capture_on_commit_callbacks
):
    from home.models import Footer

    english = Footer.objects.get(locale=en_locale)
    georgian = english.get_translation(ka_locale)
    translation = Translation.objects.get(
        source__object_id=english.translation_key, target_locale=ka_locale
    )
    segment = StringSegment.objects.get(source=translation.source, context__path="address")
    StringTranslation.objects.filter(
        translation_of=segment.string, context=segment.context, locale=ka_locale
    ).delete()
    client.force_login(translator)
    url = reverse("wagtailsnippets_home_footer:edit", args=[georgian.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "publish"}, follow=True)
    assert "not translated yet" in response.content.decode()
    assert Footer.objects.get(pk=georgian.pk).address == georgian.address != english.address


def test_create_demo_accounts_makes_one_account_per_role():
    out = StringIO()
    with override_settings(DEMO_ACCOUNTS_ENABLED=True):
        call_command("create_demo_accounts", stdout=out)
        call_command("create_demo_accounts", stdout=StringIO())
    User = get_user_model()
    assert User.objects.get(username="admin").is_superuser
    for username, group in [
        ("editor", EDITORS),
        ("translator", TRANSLATORS),
        ("moderator", MODERATORS),
    ]:
        user = User.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert not user.is_superuser
        assert f"username: {username}" in out.getvalue()
    assert out.getvalue().count("password: ") == 4


def test_create_demo_accounts_refuses_outside_development():
    err = StringIO()
    with override_settings(DEMO_ACCOUNTS_ENABLED=False):
        call_command("create_demo_accounts", stdout=StringIO(), stderr=err)
    assert "none made" in err.getvalue()
    assert not get_user_model().objects.filter(username="translator").exists()


def test_explorer_offers_the_translator_a_review_button(client, translator, ka_article):
    translation = Translation.objects.get(
        source__object_id=ka_article.translation_key, target_locale=ka_article.locale
    )
    client.force_login(translator)
    response = client.get(reverse("wagtailadmin_explore", args=[ka_article.get_parent().pk]))
    assert response.status_code == 200
    url = reverse("translating_submit_for_review", args=[translation.pk])
    assert url in response.content.decode()


def test_translation_editor_header_offers_the_translator_a_review_button(
    client, translator, ka_article, en_article
):
    """wagtail-localize's editor has only "Publish"; the translator gets "Submit translation
    for review" in its header instead."""
    translation = Translation.objects.get(
        source__object_id=ka_article.translation_key, target_locale=ka_article.locale
    )
    client.force_login(translator)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[ka_article.pk])).content.decode()
    assert "js-translation-editor" in html  # wagtail-localize's editor, not Wagtail's form
    header_actions = html[html.index('id="w-slim-header-buttons"') :]
    header_actions = header_actions[: header_actions.index("</nav>")]
    url = reverse("translating_submit_for_review", args=[translation.pk])
    assert url in header_actions
    assert "Submit translation for review" in header_actions


@pytest.mark.parametrize("role", ["translator", "moderator"])
def test_no_one_turns_a_georgian_page_into_an_alias_of_english(
    client, request, role, ka_article, en_article
):
    """wagtail-localize's "Convert to alias page" would put the English text live at the
    Georgian address, past review, and delete the translation."""
    user = request.getfixturevalue(role)
    client.force_login(user)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[ka_article.pk])).content.decode()
    props = re.search(r'class="js-translation-editor" data-props="([^"]*)"', editor).group(1)
    assert json.loads(html_module.unescape(props))["links"]["convertToAliasUrl"] is None

    url = reverse("wagtail_localize:convert_to_alias", args=[ka_article.pk])
    response = client.post(url, follow=True)
    assert response.redirect_chain[0][0] == reverse("wagtailadmin_pages:edit", args=[ka_article.pk])
    assert "cannot become an alias" in response.content.decode()
    page = NewsArticlePage.objects.get(pk=ka_article.pk)
    assert page.alias_of_id is None
    assert page.summary != en_article.summary
    assert Translation.objects.filter(
        source__object_id=ka_article.translation_key, target_locale=ka_article.locale
    ).exists()


def test_review_view_refuses_a_page_the_user_cannot_edit(client, editor, ka_article):
    translation = Translation.objects.get(
        source__object_id=ka_article.translation_key, target_locale=ka_article.locale
    )
    client.force_login(editor)
    url = reverse("translating_submit_for_review", args=[translation.pk])
    assert client.post(url).status_code in (302, 403)
    assert not NewsArticlePage.objects.get(pk=ka_article.pk).workflow_in_progress


def test_translator_may_create_georgian_snippets_only(client, translator):
    client.force_login(translator)
    add = reverse("wagtailsnippets_newsroom_topic:add")
    assert client.get(add, {"locale": "ka"}).status_code == 200
    assert client.get(add, {"locale": "en"}).status_code in (302, 403)
    assert client.get(add).status_code in (302, 403)


def test_translator_resubmits_after_moderator_asks_for_changes(
    client, translator, moderator, ka_article
):
    translation = Translation.objects.get(
        source__object_id=ka_article.translation_key, target_locale=ka_article.locale
    )
    url = reverse("translating_submit_for_review", args=[translation.pk])
    client.force_login(translator)
    client.post(url)
    page = NewsArticlePage.objects.get(pk=ka_article.pk)
    state = page.current_workflow_state
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "reject")
    state.refresh_from_db()
    assert state.status == state.STATUS_NEEDS_CHANGES

    client.post(url)
    state.refresh_from_db()
    assert state.status == state.STATUS_IN_PROGRESS
    assert NewsArticlePage.objects.get(pk=ka_article.pk).workflow_in_progress
