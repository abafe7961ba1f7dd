"""What the site shows, from the checked model: views, pages, charts, maps and exports.

views decides what each page holds (listings for the pages that list records, in the
wording that wording gives dates and numbers); pages, home and structured write their Markdown from
templates/; charts, reports, geo and locator lay out the build-time SVG (the map from data/);
export writes JSON, CSV, Atom and iCalendar; outputs is everything a build produces.
Imports timeline.data and timeline.rules, never an adapter.
"""
