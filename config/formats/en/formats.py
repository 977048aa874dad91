# British-style dates, as the organisation writes them: "16 March 2021".
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
# Times on the 24-hour clock everywhere, as Wagtail's admin shows them ("13:57"), so a screen
# never mixes "13:57" with Django's default "1:57 p.m.".
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
