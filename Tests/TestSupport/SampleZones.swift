/// Time zone definitions as calendar apps write them (not libical's), for fixtures.
public enum SampleZones {
    /// America/Chicago with the post-2007 rules: a weekly series crosses the 2026-11-01
    /// DST change in real local time.
    public static let chicago = """
        BEGIN:VTIMEZONE\r
        TZID:America/Chicago\r
        BEGIN:DAYLIGHT\r
        TZOFFSETFROM:-0600\r
        TZOFFSETTO:-0500\r
        TZNAME:CDT\r
        DTSTART:19700308T020000\r
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r
        END:DAYLIGHT\r
        BEGIN:STANDARD\r
        TZOFFSETFROM:-0500\r
        TZOFFSETTO:-0600\r
        TZNAME:CST\r
        DTSTART:19701101T020000\r
        RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r
        END:STANDARD\r
        END:VTIMEZONE\r

        """
}
