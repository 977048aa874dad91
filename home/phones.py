"""Phone numbers as people read them and as phones dial them.

Google's libphonenumber (the `phonenumberslite` package) knows each country's calling code and
area or network codes; it leaves an Austrian mobile number as "+43 660 3776404". For reading
aloud and copying by hand, a group longer than four digits is split once more
("+43 660 377 6404"). A number it cannot parse is shown as written.
"""

import phonenumbers

LONGEST_GROUP = 4


def _split(group):
    if len(group) <= LONGEST_GROUP or not group.isdigit():
        return [group]
    head = len(group) // 2 if len(group) % 2 == 0 and len(group) <= 2 * LONGEST_GROUP else 3
    return [group[:head], *_split(group[head:])]


def _parse(number):
    try:
        parsed = phonenumbers.parse(number or "", None)
    except phonenumbers.NumberParseException:
        return None
    return parsed if phonenumbers.is_possible_number(parsed) else None


def display(number):
    """ "+436603776404" -> "+43 660 377 6404"; "+995322252216" -> "+995 32 225 22 16"."""
    parsed = _parse(number)
    if parsed is None:
        return (number or "").strip()
    formatted = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    groups = formatted.split(" ")
    return " ".join([groups[0], *(part for group in groups[1:] for part in _split(group))])


def href(number):
    """The tel: link, digits only (E.164 when the number parses)."""
    parsed = _parse(number)
    if parsed is None:
        digits = "".join(ch for ch in (number or "") if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""
    return "tel:" + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
