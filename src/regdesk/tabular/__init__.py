"""Reading registration lists from spreadsheets (.xlsx, .csv) and writing them back out.

Pure-ish: reads and writes files with openpyxl / csv and uses the domain for rules, but never
touches the database. Excel pitfalls (NIKs stored as numbers, dates as serials or Indonesian
text, place and date in one cell, phones with separators) are handled cell by cell here;
anything that cannot be read exactly becomes a :class:`~regdesk.domain.problems.Problem`
naming the field and the rule — values are never guessed.
"""
