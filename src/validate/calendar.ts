// systemd calendar events (systemd.time(7), "CALENDAR EVENTS"): the values `OnCalendar=`,
// `startAt` and NixOS' `dates`/`interval` options take. A value systemd cannot parse makes the
// timer fail at activation ("Failed to parse calendar specification"); panther rejects it at build.

const shorthands = new Set(["minutely", "hourly", "daily", "monthly", "weekly", "yearly", "annually", "quarterly", "semiannually"]);

const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const weekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

function isWeekday(word: string): boolean {
  const w = word.toLowerCase();
  return weekdays.includes(w) || weekdayNames.includes(w);
}

/** A weekday list: `Mon`, `Mon,Fri`, `Mon..Fri`, `Sat,Sun,Mon..Wed`. */
function isWeekdaySpec(token: string): boolean {
  return token.split(",").every((part) => {
    const range = part.split("..");
    return range.length <= 2 && range.every((w) => w !== "" && isWeekday(w));
  });
}

/**
 * One component of a date or time: `*`, a number, a list `a,b`, a range `a..b`, a repetition
 * `a/n` or `*​/n`, within [min, max]. `allowDecimal` for seconds (`05.5`).
 */
function isComponent(text: string, min: number, max: number, allowDecimal = false): boolean {
  const number = allowDecimal ? /^\d+(\.\d+)?$/ : /^\d+$/;
  const inRange = (n: string) => number.test(n) && Number(n) >= min && Number(n) <= max;
  return text.split(",").every((item) => {
    const [base, repeat, ...extra] = item.split("/");
    if (extra.length > 0 || base === undefined) return false;
    if (repeat !== undefined && !(/^\d+(\.\d+)?$/.test(repeat) && Number(repeat) > 0)) return false;
    if (base === "*") return true;
    const range = base.split("..");
    if (range.length > 2) return false;
    if (!range.every(inRange)) return false;
    return range.length === 1 || Number(range[0]) <= Number(range[1]);
  });
}

/** `[YYYY-]MM-DD` (each part a component; `~` counts days back from the month's end). */
function isDate(token: string): boolean {
  const match = /^(?:([^-~]+)-)?([^-~]+)([-~])([^-~]+)$/.exec(token);
  if (!match) return false;
  const [, year, month, , day] = match;
  // Two-digit years are 19xx/20xx ("12-10-15" is 2012-10-15).
  if (year !== undefined && !isComponent(year, 0, 2199)) return false;
  return isComponent(month!, 1, 12) && isComponent(day!, 1, 31);
}

/** `HH:MM[:SS]`. */
function isTime(token: string): boolean {
  const parts = token.split(":");
  if (parts.length < 2 || parts.length > 3) return false;
  const [hour, minute, second] = parts;
  return isComponent(hour!, 0, 23) && isComponent(minute!, 0, 59) && (second === undefined || isComponent(second, 0, 60, true));
}

function isTimezone(token: string): boolean {
  return /^(UTC|GMT|Z|[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+|[A-Z]{3,5})$/.test(token);
}

/** Whether systemd would accept `value` as a calendar event. */
export function isCalendarEvent(value: string): boolean {
  const text = value.trim();
  if (text === "") return false;
  if (shorthands.has(text.toLowerCase())) return true;
  const tokens = text.split(/\s+/);
  let i = 0;
  // "Wed, 17:48": a comma may end the weekday list.
  if (i < tokens.length && isWeekdaySpec(tokens[i]!.replace(/,$/, ""))) i++;
  let sawDateOrTime = false;
  if (i < tokens.length && isDate(tokens[i]!)) {
    i++;
    sawDateOrTime = true;
  }
  if (i < tokens.length && isTime(tokens[i]!)) {
    i++;
    sawDateOrTime = true;
  }
  // A weekday alone ("Mon") is a valid event: that day at 00:00.
  if (!sawDateOrTime && i === 0) return false;
  if (i < tokens.length && isTimezone(tokens[i]!)) i++;
  return i === tokens.length;
}

/** A short explanation of why `value` is not a calendar event, for messages. */
export function calendarHint(value: string): string {
  if (/^\s*\d+\s*(s|sec|m|min|h|hr|d|day|days|w|weeks?)\s*$/i.test(value)) {
    return `\`${value.trim()}' is a time span, not a calendar event: use a calendar event such as "hourly", "*-*-* 00/6:00:00" (every 6 hours) or "daily"; a span belongs in OnUnitActiveSec=.`;
  }
  return 'Use a calendar event such as "daily", "weekly", "Mon..Fri 09:00" or "*-*-* 03:15:00" (see systemd.time(7); try `systemd-analyze calendar`).';
}
