/**
 * Reads iTIP messages with Thunderbird's calendar parser (ical.js), as an independent check.
 *
 * Usage: node icaljs_check.mjs ICAL_MODULE FILE...
 *   ICAL_MODULE is the ical.mjs that scripts/fetch-icaljs.sh took out of Thunderbird.
 * Output: a JSON list, one object per file:
 *   {"file", "method", "uid", "sequence" (number, or null when absent), "start" (DTSTART as a
 *    UTC instant YYYY-MM-DDTHH:MM:SSZ; null when floating), "tzid" (DTSTART's TZID or null),
 *    "floating" (ical.js found no zone for DTSTART, so Thunderbird would show it in the
 *    reader's own zone)}
 *   or {"file", "error"} when ical.js rejects the file (e.g. truncated).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [modulePath, ...files] = process.argv.slice(2);
if (!modulePath || files.length === 0) {
  console.error("usage: node icaljs_check.mjs ICAL_MODULE FILE...");
  process.exit(2);
}
const ICAL = (await import(pathToFileURL(resolve(modulePath)).href)).default;

function utc(time) {
  return time.toJSDate().toISOString().replace(/\.\d{3}Z$/, "Z");
}

function check(file) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  // Thunderbird registers an invitation's VTIMEZONEs before reading it; older ical.js
  // only looks zones up there. Reset first so one file's zone cannot resolve another
  // file's dangling TZID.
  ICAL.TimezoneService.reset();
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  const event = calendar.getFirstSubcomponent("vevent");
  const dtstart = event?.getFirstProperty("dtstart");
  const start = dtstart?.getFirstValue();
  // A TZID with no zone found leaves the time in localTimezone, i.e. floating.
  const floating = start ? start.zone === ICAL.Timezone.localTimezone : false;
  const sequence = event?.getFirstPropertyValue("sequence");
  return {
    file,
    method: calendar.getFirstPropertyValue("method"),
    uid: event?.getFirstPropertyValue("uid") ?? null,
    sequence: sequence ?? null,
    start: start && !floating ? utc(start) : null,
    tzid: dtstart?.getParameter("tzid") ?? null,
    floating,
  };
}

const results = files.map((file) => {
  try {
    return check(file);
  } catch (error) { // report, do not crash: the Swift test decides
    return { file, error: `${error.name}: ${error.message}` };
  }
});
console.log(JSON.stringify(results, null, 1));
