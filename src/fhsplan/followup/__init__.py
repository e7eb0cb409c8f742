"""The year's follow-up as a worksheet: written from the plan, filled in by the milestones' owners in
a spreadsheet, and applied back through the edit commands, all or nothing (issue #14).

    sheet   which milestones a revision must say something about, and the CSV that asks about them
    apply   reading the filled-in sheet back, row by row, into one checked edit of the plan

docs/followup.md describes the sheet for the people who fill it in.
"""
