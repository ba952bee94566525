import { describe, expect, test } from "vitest";
import { calendarHint, isCalendarEvent } from "../../src/validate/calendar.ts";

// Examples from systemd.time(7) ("CALENDAR EVENTS") and what `systemd-analyze calendar` rejects.
const valid = [
  "daily", "Weekly", "hourly", "minutely", "monthly", "quarterly", "semiannually", "yearly", "annually",
  "Sat,Thu,Mon..Wed,Sat..Sun", "Mon,Sun 12-*-* 2,1:23", "Wed *-1", "Wed..Wed,Wed *-1", "Wed, 17:48",
  "Wed..Sat,Tue 12-10-15 1:2:3", "*-*-7 0:0:0", "10-15", "monday *-12-* 17:00", "Mon,Fri *-*-3,1,2 *:30:45",
  "12,14,13,12:20,10,30", "12..14:10,20,30", "mon,fri *-1/2-1,3 *:30:45", "03-05 08:05:40", "08:05:40",
  "05:40", "Sat,Sun 12-05 08:05:40", "Sat,Sun 08:05:40", "2003-03-05 05:40", "05:40:23.4200004/3.1700005",
  "2003-02..04-05", "2003-03-05 05:40 UTC", "2003-03-05", "03-05", "*:2/3", "*:0/15", "*-*-* 00/6:00:00",
  "*-02~03", "Mon *-05~07/1", "*-05~1..3", "Mon 2025-01-01 04:00:00 Europe/Berlin", "Mon",
];
const invalid = ["6h", "", "every day", "25:00", "*-13-01", "Funday", "00:60", "1d", "daily at noon", "2003-03-05 05:40 UTC extra"];

describe("calendar events", () => {
  test.each(valid)("accepts %j", (value) => expect(isCalendarEvent(value)).toBe(true));
  test.each(invalid)("rejects %j", (value) => expect(isCalendarEvent(value)).toBe(false));
  test("a time span gets a hint pointing at calendar events and OnUnitActiveSec", () => {
    expect(calendarHint("6h")).toMatch(/time span.*\*-\*-\* 00\/6:00:00.*OnUnitActiveSec/);
  });
});
