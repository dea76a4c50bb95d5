// Parse an iCalendar file with Mozilla's ical.js (the parser Thunderbird uses)
// and print what it saw as JSON, so the Python tests can compare clients.
//
//   node tests/clients/check_icaljs.mjs out.ics      # or: ... < out.ics
//
// Output: {"events": N, "uids": [...], "summaries": [...], "starts": [...],
//          "timezones": [...]} where "starts" are Unix seconds (null for
// floating or all-day starts, and for events without DTSTART). Any parse
// error: message on stderr, exit 1.
// Needs `npm install` in this folder (node_modules is git-ignored).

import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function readInput() {
  const path = process.argv[2];
  if (path && path !== "-") {
    return readFileSync(path, "utf8");
  }
  return readFileSync(0, "utf8");
}

function main() {
  const text = readInput();
  let parsed = ICAL.parse(text);
  // One VCALENDAR gives one jCal array; several give a list of them.
  const calendars = typeof parsed[0] === "string" ? [parsed] : parsed;
  const result = { events: 0, uids: [], summaries: [], starts: [], timezones: [] };
  for (const jcal of calendars) {
    const cal = new ICAL.Component(jcal);
    if (cal.name !== "vcalendar") {
      throw new Error(`top-level component is ${cal.name}, not vcalendar`);
    }
    for (const vtz of cal.getAllSubcomponents("vtimezone")) {
      const tz = new ICAL.Timezone(vtz);
      ICAL.TimezoneService.register(tz);
      result.timezones.push(tz.tzid);
    }
    for (const vevent of cal.getAllSubcomponents("vevent")) {
      const event = new ICAL.Event(vevent);
      result.events += 1;
      result.uids.push(event.uid);
      result.summaries.push(event.summary);
      const start = event.startDate;
      if (!start) {
        result.starts.push(null); // no DTSTART: the event is still counted
        continue;
      }
      const floating = start.isDate || start.zone === ICAL.Timezone.localTimezone;
      result.starts.push(floating ? null : start.toUnixTime());
    }
  }
  process.stdout.write(JSON.stringify(result) + "\n");
}

try {
  main();
} catch (err) {
  process.stderr.write(`ical.js: ${err && err.message ? err.message : err}\n`);
  process.exit(1);
}
