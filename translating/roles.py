"""The three editorial roles and the Georgian review workflow.

Everything here is built from Wagtail's own permission models (group model permissions,
`GroupPagePermission`, `GroupCollectionPermission`) and workflows (`Workflow`,
`GroupApprovalTask`, `WorkflowPage`); nothing is checked by our own code except where
Wagtail has no per-locale rule (see `wagtail_hooks.py`).

The functions take an `apps` registry so that the data migration can run them with its
historical models, and the post-load hook and `create_demo_accounts` with the real ones.
They are idempotent: run them as often as you like.

Page permissions belong on each language's home page, which only exists once content has
been loaded; `assign_trees` is therefore run by the migration (for a database that already
has content), when a home page is created (`signals.py`) and by `create_demo_accounts`.
"""

from django.apps import apps as installed_apps

EDITORS = "Editors"
TRANSLATORS = "Translators"
MODERATORS = "Moderators"

WORKFLOW_NAME = "Georgian review"
TASK_NAME = "Moderator approval"

SOURCE_LANGUAGE = "en"
TARGET_LANGUAGE = "ka"

SNIPPETS = [("home", "footer"), ("newsroom", "topic")]


def is_translator_only(user):
    """A translator who is no editor and no superuser: the per-language limits apply."""
    names = set(user.groups.values_list("name", flat=True))
    return not user.is_superuser and TRANSLATORS in names and EDITORS not in names


# Model permissions: (app_label, codename).
MODEL_PERMISSIONS = {
    EDITORS: [
        ("wagtailadmin", "access_admin"),
        ("wagtail_localize", "submit_translation"),
        *[(app, f"{action}_{model}") for app, model in SNIPPETS for action in ("add", "change")],
        *[(app, f"delete_{model}") for app, model in SNIPPETS],
    ],
    TRANSLATORS: [
        ("wagtailadmin", "access_admin"),
        ("wagtail_localize", "submit_translation"),
        # Translating a snippet creates and changes the Georgian copy; which locale a
        # translator may touch is enforced in wagtail_hooks.py.
        *[(app, f"{action}_{model}") for app, model in SNIPPETS for action in ("add", "change")],
    ],
    MODERATORS: [
        ("wagtailadmin", "access_admin"),
    ],
}

# Page permissions on the home page of a language, and so on its whole tree.
PAGE_PERMISSIONS = {
    EDITORS: (
        SOURCE_LANGUAGE,
        ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    ),
    # No publish_page: a translator's work reaches readers through the review workflow.
    TRANSLATORS: (TARGET_LANGUAGE, ["add_page", "change_page"]),
    MODERATORS: (
        TARGET_LANGUAGE,
        ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    ),
}

# Pictures and documents: editors add, change and delete them; translators and moderators
# only choose them. Anything else a group holds on a collection is taken away (Wagtail's
# initial data lets "Moderators" add, change and delete both: DESIGN.md pitfall 13).
COLLECTION_PERMISSIONS = {
    EDITORS: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "delete_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "delete_document"),
        ("wagtaildocs", "choose_document"),
    ],
    TRANSLATORS: [
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "choose_document"),
    ],
    MODERATORS: [
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "choose_document"),
    ],
}


def _permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_groups(apps):
    """Create the three groups with their model and collection permissions, and the
    Georgian review workflow (a Wagtail `GroupApprovalTask` for the Moderators)."""
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    root_collection = Collection.objects.filter(depth=1).first()
    groups = {}
    for name, permissions in MODEL_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(*[_permission(apps, *perm) for perm in permissions])
        # Wagtail's initial data gives "Editors" and "Moderators" page permissions on the
        # root page, that is on both languages; ours are per language tree instead.
        GroupPagePermission.objects.filter(group=group, page__depth=1).delete()
        if root_collection is not None:
            wanted = [_permission(apps, *perm) for perm in COLLECTION_PERMISSIONS[name]]
            for permission in wanted:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
            GroupCollectionPermission.objects.filter(group=group).exclude(
                permission__in=wanted
            ).delete()
    ensure_workflow(apps, groups[MODERATORS])
    return groups


def ensure_workflow(apps, moderators):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type)
    task.groups.add(moderators)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def assign_trees(apps):
    """Give each group its page permissions on its language's home page and put the
    Georgian home page (and so the Georgian tree) under the review workflow. Does nothing
    for a language whose home page does not exist yet."""
    Group = apps.get_model("auth", "Group")
    HomePage = apps.get_model("home", "HomePage")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    for name, (language, codenames) in PAGE_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        home = HomePage.objects.filter(locale__language_code=language).first()
        if group is None or home is None:
            continue
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page_id=home.pk,
                permission=_permission(apps, "wagtailcore", codename),
            )

    georgian_home = HomePage.objects.filter(locale__language_code=TARGET_LANGUAGE).first()
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if georgian_home is not None and workflow is not None:
        WorkflowPage.objects.update_or_create(
            page_id=georgian_home.pk, defaults={"workflow": workflow}
        )


# Wagtail's initial data puts the whole tree (so the English tree too) under this workflow,
# whose task only the Moderators may approve, and they have no rights on English pages: a
# submission stayed stuck. English pages have no workflow: editors publish directly.
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def remove_default_workflow(apps):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowPage.objects.filter(workflow__name=WAGTAIL_DEFAULT_WORKFLOW).delete()
    Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).update(active=False)


def setup_roles(apps=installed_apps):
    """Groups, workflows and trees; `apps` is a migration's historical registry, or the
    installed one."""
    ensure_groups(apps)
    remove_default_workflow(apps)
    assign_trees(apps)
