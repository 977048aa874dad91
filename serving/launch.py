"""`make serve` and `make run`: the web server and the scheduler, started and stopped together.

    python -m serving.launch serve   # production settings, gunicorn, after migrate + collectstatic
    python -m serving.launch dev     # development server (settings of manage.py)

gunicorn and Django's runserver each run one process tree; a site also needs the scheduler
(serving/management/commands/run_scheduler.py). This starts both, forwards SIGTERM/SIGINT to
them and, when one of them stops, stops the other, so a supervisor (systemd, a container
runtime) sees one process. A bad setting stops it before anything starts, with one line on
stderr and exit status 2 (no traceback): a missing SECRET_KEY or ALLOWED_HOSTS, a PORT or
WEB_CONCURRENCY that is not a number, an unreachable database.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
MANAGE = str(BASE_DIR / "manage.py")


class SetupError(Exception):
    """A problem the operator must fix; shown as one line."""


def number_from_env(name, default, low, high):
    raw = os.environ.get(name, "").strip() or str(default)
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise SetupError(f"{name} must be a whole number from {low} to {high}, not {raw!r}.")
    return int(raw)


def one_line(error):
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def prepare_production():
    """Load the production settings, reach the database, migrate and collect static files."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except (ImproperlyConfigured, ValueError) as error:
        raise SetupError(one_line(error)) from error

    from django.core.management import call_command
    from django.db import DatabaseError, connections

    connection = connections["default"]
    try:
        connection.ensure_connection()
    except DatabaseError as error:
        where = connection.settings_dict.get("HOST") or connection.settings_dict.get("NAME")
        raise SetupError(f"Cannot reach the database ({where}): {one_line(error)}") from error
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    connections.close_all()  # the children open their own


def production_commands():
    port = number_from_env("PORT", 8000, 1, 65535)
    workers = number_from_env("WEB_CONCURRENCY", 2, 1, 64)
    timeout = number_from_env("GUNICORN_TIMEOUT", 30, 1, 3600)
    host = os.environ.get("HOST", "0.0.0.0").strip() or "0.0.0.0"
    with_scheduler = run_scheduler()
    prepare_production()
    also = " and the scheduler" if with_scheduler else " (no scheduler: RUN_SCHEDULER=false)"
    print(f"serve: {workers} gunicorn workers on http://{host}:{port}/{also}", flush=True)
    gunicorn = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        f"--bind={host}:{port}",
        f"--workers={workers}",
        f"--timeout={timeout}",
        "--access-logfile=-",
        # gunicorn 27 opens a control socket in ~/.gunicorn/ by default: one per user, so a
        # second server on the machine would take the first one's. Nothing here uses it.
        "--no-control-socket",
    ]
    scheduler = [sys.executable, MANAGE, "run_scheduler"]
    return [gunicorn, scheduler] if with_scheduler else [gunicorn]


def run_scheduler():
    """RUN_SCHEDULER=false on all app servers but one: one scheduler is enough per database."""
    raw = os.environ.get("RUN_SCHEDULER", "true").strip().lower()
    if raw not in {"1", "true", "yes", "on", "0", "false", "no", "off"}:
        raise SetupError(f"RUN_SCHEDULER must be true or false, not {raw!r}.")
    return raw in {"1", "true", "yes", "on"}


def development_commands():
    port = number_from_env("PORT", 8000, 1, 65535)
    return [
        [sys.executable, MANAGE, "runserver", f"127.0.0.1:{port}"],
        [sys.executable, MANAGE, "run_scheduler"],
    ]


def run_together(commands):
    """Run the commands side by side until one ends or a stop signal comes; return its status."""
    children = [subprocess.Popen(command, cwd=BASE_DIR) for command in commands]
    signalled = []

    terminated = set()

    def terminate_all():
        # Once each: a second SIGTERM could cut short a child's clean shutdown.
        for child in children:
            if child.poll() is None and child.pid not in terminated:
                terminated.add(child.pid)
                child.send_signal(signal.SIGTERM)

    def on_signal(signum, _frame):
        signalled.append(signum)
        terminate_all()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    status = None
    while status is None:
        try:
            pid, raw_status = os.wait()
        except ChildProcessError:
            break
        if any(child.pid == pid for child in children):
            status = os.waitstatus_to_exitcode(raw_status)
            for child in children:
                if child.pid == pid:
                    child.returncode = status
    terminate_all()
    for child in children:
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    if signalled:  # asked to stop: a clean stop
        return 0
    return status or 0


def main(argv):
    mode = argv[1] if len(argv) > 1 else ""
    try:
        if mode == "serve":
            commands = production_commands()
        elif mode == "dev":
            commands = development_commands()
        else:
            raise SetupError("usage: python -m serving.launch serve|dev")
    except SetupError as error:
        print(f"{mode or 'launch'}: {error}", file=sys.stderr)
        return 2
    return run_together(commands)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
