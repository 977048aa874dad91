import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from translating.roles import EDITORS, MODERATORS, TRANSLATORS, setup_roles

# One account per editorial role (translating/roles.py), beside the admin account.
ROLE_ACCOUNTS = [("editor", EDITORS), ("translator", TRANSLATORS), ("moderator", MODERATORS)]


class Command(BaseCommand):
    help = (
        "Development only: create an admin account and one account per role (editor, "
        "translator, moderator) with random passwords and print them once. Skips accounts "
        "that exist, and refuses outside development settings."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_ACCOUNTS_ENABLED", False):
            self.stderr.write("Demo accounts are made only with development settings; none made.")
            return
        # The roles' page permissions and the Georgian review workflow need the home pages,
        # which exist only after the demo load: make sure they are assigned.
        setup_roles()
        User = get_user_model()
        created = []
        if User.objects.filter(username="admin").exists():
            self.stdout.write("The admin account exists already (its password was shown once).")
        else:
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser("admin", "admin@example.org", password)
            created.append(("admin", password))
        for username, group_name in ROLE_ACCOUNTS:
            if User.objects.filter(username=username).exists():
                self.stdout.write(f"The {username} account exists already.")
                continue
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(username, f"{username}@example.org", password)
            user.groups.add(Group.objects.get(name=group_name))
            created.append((username, password))
        if not created:
            return
        lines = "".join(
            f"    username: {username}\n    password: {password}\n\n"
            for username, password in created
        )
        self.stdout.write(
            self.style.SUCCESS(
                "\nCreated these accounts; sign in at /admin/ on the development server.\n"
                f"{lines}These passwords are shown only now.\n"
            )
        )
