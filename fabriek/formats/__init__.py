"""Date, time and number formats per language (settings.FORMAT_MODULE_PATH).

English is British English: 30/11/2026 and 14:30, never Django's default US formats (11/30/2026,
2:30 p.m.). Dutch follows Django's own Dutch formats, with the day and month always in two digits.
"""
