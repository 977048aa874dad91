"""Rebuild the Georgian catalogues of Wagtail's and wagtail-localize's admin strings.

Wagtail ships only a few dozen Georgian strings and wagtail-localize a handful, so the project
carries its own Georgian for them in locale/wagtail/ka/LC_MESSAGES (found through LOCALE_PATHS,
which Django's JavaScriptCatalog reads too). Django's gettext has no tool that merges the
catalogues of installed packages, so this script does: it takes every message of the English
catalogues listed in SOURCES (and the messages Django's own Georgian catalogues leave empty),
keeps the Georgian already in our .po files, takes Wagtail's own Georgian where we have none yet,
drops what the installed versions no longer have, writes the .po files and compiles the .mo files.

Run it after upgrading Wagtail, wagtail-localize or Django:

    .venv/bin/python locale/wagtail/update_catalogues.py

then translate the entries it reports as untranslated (see locale/wagtail/GLOSSARY.md) and run
it again to compile them.
"""

import sys
from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent
OUT_DIR = HERE / "ka" / "LC_MESSAGES"

# (package directory relative to site-packages, domain): Wagtail's and wagtail-localize's
# catalogues of the admin (and django-taggit's), most used first (a message shared by several
# keeps the first one's position).
SOURCES = {
    "django": [
        "wagtail/admin",
        "wagtail",
        "wagtail/images",
        "wagtail/users",
        "wagtail/documents",
        "wagtail_localize",
        "wagtail_localize/locales",
        "wagtail/snippets",
        "wagtail/contrib/redirects",
        "wagtail/locales",
        "wagtail/sites",
        "wagtail/embeds",
        "wagtail/contrib/settings",
        "wagtail/search",
        # the tag field of images and documents
        "taggit",
    ],
    "djangojs": ["wagtail/admin", "wagtail_localize"],
}
# Django's own Georgian catalogues: only the messages they lack are taken (relative dates,
# login, password and form-validation messages the admin shows).
DJANGO_GAPS = {
    "django": ["django/conf", "django/contrib/auth"],
    "djangojs": [],
}
HEADER = {
    "Project-Id-Version": "wagtail and wagtail-localize admin, Georgian",
    "Language": "ka",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    # as in Django's own Georgian catalogues
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
}


def site_packages():
    import wagtail

    return Path(wagtail.__file__).resolve().parent.parent


def key(entry):
    return (entry.msgctxt or "", entry.msgid)


def source_entries(domain):
    """Every message of the sources of `domain`, in order, with the catalogues it comes from."""
    base = site_packages()
    found = {}
    for package in SOURCES[domain]:
        path = base / package / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.msgid:
                continue
            found.setdefault(key(entry), (entry, []))[1].append(package)
    for package in DJANGO_GAPS[domain]:
        messages = base / package / "locale" / "{}" / "LC_MESSAGES" / f"{domain}.po"
        georgian = polib.pofile(str(messages).format("ka"))
        done = {key(e) for e in georgian if e.translated() and not e.obsolete}
        # Django's Georgian lags behind its English: some messages are empty, others (such
        # as timesince's "%(num)d minute") are missing altogether.
        for entry in polib.pofile(str(messages).format("en")):
            if entry.obsolete or not entry.msgid or key(entry) in done:
                continue
            found.setdefault(key(entry), (entry, []))[1].append(package)
    return found


def wagtail_georgian(domain):
    """The Georgian Wagtail and wagtail-localize ship themselves: a first draft, nothing more."""
    base = site_packages()
    known = {}
    for package in SOURCES[domain]:
        path = base / package / "locale" / "ka" / "LC_MESSAGES" / f"{domain}.po"
        if path.exists():
            for entry in polib.pofile(str(path)):
                if entry.translated() and not entry.obsolete:
                    known.setdefault(key(entry), entry)
    return known


def has_translation(entry):
    if entry.msgid_plural:
        return all(entry.msgstr_plural.get(i) for i in (0, 1))
    return bool(entry.msgstr)


def copy_translation(target, source):
    if target.msgid_plural:
        if source.msgid_plural:
            target.msgstr_plural = {
                0: source.msgstr_plural.get(0, ""),
                1: source.msgstr_plural.get(1, ""),
            }
        else:
            target.msgstr_plural = {0: source.msgstr, 1: source.msgstr}
    else:
        target.msgstr = (
            source.msgstr if not source.msgid_plural else source.msgstr_plural.get(0, "")
        )


def build(domain):
    po_path = OUT_DIR / f"{domain}.po"
    ours = {key(e): e for e in polib.pofile(str(po_path))} if po_path.exists() else {}
    drafts = wagtail_georgian(domain)
    catalogue = polib.POFile(wrapwidth=100)
    catalogue.metadata = dict(HEADER)
    for entry_key, (english, packages) in source_entries(domain).items():
        entry = polib.POEntry(
            msgctxt=english.msgctxt,
            msgid=english.msgid,
            msgid_plural=english.msgid_plural,
            msgstr="",
            msgstr_plural={0: "", 1: ""} if english.msgid_plural else {},
            comment="from " + ", ".join(packages),
            flags=[f for f in english.flags if f.endswith("-format")],
        )
        previous = ours.get(entry_key) or drafts.get(entry_key)
        if previous is not None and has_translation(previous) and "fuzzy" not in previous.flags:
            copy_translation(entry, previous)
        catalogue.append(entry)
    catalogue.save(str(po_path))
    catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
    dropped = len(set(ours) - {key(e) for e in catalogue})
    missing = sum(not has_translation(e) for e in catalogue)
    print(
        f"{po_path.relative_to(HERE.parent.parent)}: {len(catalogue)} messages, "
        f"{missing} untranslated, {dropped} dropped (no longer in the sources)"
    )
    return missing


def main():
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    missing = sum(build(domain) for domain in SOURCES)
    return 1 if missing and "--strict" in sys.argv else 0


if __name__ == "__main__":
    sys.exit(main())
