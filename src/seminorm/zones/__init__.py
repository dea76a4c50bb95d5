"""Zone knowledge, in one place: what a zone name means and which zone a document is in.

Takes names and texts; gives IANA zones. :mod:`.keys` spells IANA keys
(``europe/zurich`` → ``Europe/Zurich``); :mod:`.tzid` maps every other way
calendars name zones (Windows, vendor, custom VTIMEZONE) to IANA;
:mod:`.gazetteer` and :mod:`.data` are the tables of places, abbreviations
and long names; :mod:`.evidence` reads a document's evidence (cities,
countries of links and addresses, phone codes) into one zone or none;
:mod:`.policy` is the one rule for the zone of times that state none. Used by
the ICS reader, the text rules (``rules/zones.py`` finds zones written in a
text) and the engine; imports neither readers nor the engine.
"""
