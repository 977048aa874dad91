# Georgian dates: day, month name, year ("16 მარტი, 2021"); day-first numeric input
# (16.03.2021), which Django's own ka formats do not accept.
DATE_FORMAT = "j F, Y"
SHORT_DATE_FORMAT = "d.m.Y"
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2021-03-16, what the admin's date picker sends
    "%d.%m.%Y",  # 16.03.2021
    "%d.%m.%y",  # 16.03.21
    "%d/%m/%Y",  # 16/03/2021
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
]
# Times on the 24-hour clock, as Georgian writes them and as Wagtail's admin shows them.
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F, Y, H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
