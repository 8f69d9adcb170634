/**
 * IANA time zone names, as Go's time.LoadLocation finds them. Node's list of canonical names
 * answers most lookups in microseconds; an alias (US/Eastern, Asia/Calcutta) is confirmed by
 * ICU, whose first zone costs about 20 ms to load.
 */

let canonical: ReadonlySet<string> | undefined;

/** The canonical IANA names Node knows, for suggestions and the fast lookup. */
export function canonicalTimeZones(): ReadonlySet<string> {
  canonical ??= new Set(Intl.supportedValuesOf('timeZone'));
  return canonical;
}

/** Whether ICU knows the zone `name`: an IANA name (canonical or an alias), or an offset such as +01:00. */
export function isIcuTimeZone(name: string): boolean {
  if (canonicalTimeZones().has(name)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
