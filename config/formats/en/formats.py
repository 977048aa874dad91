# British-style dates, as the organisation writes them: "16 March 2021".
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
