internal import CLibical

extension BookingEvent {
    /// The properties SupportCal decides; everything else in a staff member's copy of the
    /// event (alarms, notes, their apps' X- properties) is theirs and is kept.
    static let ownedProperties: [icalproperty_kind] = [
        ICAL_DTSTAMP_PROPERTY, ICAL_DTSTART_PROPERTY, ICAL_DTEND_PROPERTY, ICAL_DURATION_PROPERTY,
        ICAL_SUMMARY_PROPERTY, ICAL_LOCATION_PROPERTY, ICAL_URL_PROPERTY, ICAL_STATUS_PROPERTY,
        ICAL_SEQUENCE_PROPERTY, ICAL_TRANSP_PROPERTY, ICAL_ORGANIZER_PROPERTY, ICAL_ATTENDEE_PROPERTY,
    ]

    /// The stored form of this booking written over `existing` (the copy now in the staff
    /// calendar): our properties replace theirs, VALARMs, notes (DESCRIPTION, COMMENT)
    /// and unknown properties they added stay. Without our event in `existing`, the plain
    /// stored form.
    public func storedObject(preserving existing: ICalDocument) throws(ICalError) -> ICalDocument {
        let fresh = try Self.parseTree(try storedObject())
        let merged = try Self.parseTree(existing)
        guard let theirs = Self.masterEvent(uid: uid, in: merged.raw), let ours = Self.masterEvent(uid: uid, in: fresh.raw) else {
            return try storedObject()
        }
        for kind in Self.ownedProperties {
            for property in Libical.properties(of: theirs, kind: kind) {
                icalcomponent_remove_property(theirs, property)
                icalproperty_free(property)
            }
        }
        if let old = Libical.xProperty(named: Self.bookingIDProperty, of: theirs) {
            icalcomponent_remove_property(theirs, old)
            icalproperty_free(old)
        }
        let keepTheirNotes = Libical.firstProperty(ICAL_DESCRIPTION_PROPERTY, of: theirs) != nil
        let keepTheirCategories = Libical.firstProperty(ICAL_CATEGORIES_PROPERTY, of: theirs) != nil
        for property in Libical.properties(of: ours) {
            let kind = icalproperty_isa(property)
            if kind == ICAL_UID_PROPERTY { continue }
            if kind == ICAL_DESCRIPTION_PROPERTY && keepTheirNotes { continue }
            if kind == ICAL_CATEGORIES_PROPERTY && keepTheirCategories { continue }
            icalcomponent_add_property(theirs, icalproperty_new_clone(property))
        }
        // Our VTIMEZONE replaces any of the same TZID, so the zone rules match our times.
        for zone in Libical.children(of: fresh.raw, kind: ICAL_VTIMEZONE_COMPONENT) {
            let tzid = Libical.firstProperty(ICAL_TZID_PROPERTY, of: zone).map(Libical.wireValue(of:))
            for old in Libical.children(of: merged.raw, kind: ICAL_VTIMEZONE_COMPONENT)
            where Libical.firstProperty(ICAL_TZID_PROPERTY, of: old).map(Libical.wireValue(of:)) == tzid {
                icalcomponent_remove_component(merged.raw, old)
                icalcomponent_free(old)
            }
            icalcomponent_add_component(merged.raw, icalcomponent_new_clone(zone))
        }
        if Libical.firstProperty(ICAL_METHOD_PROPERTY, of: merged.raw) != nil {
            for method in Libical.properties(of: merged.raw, kind: ICAL_METHOD_PROPERTY) {
                icalcomponent_remove_property(merged.raw, method)
                icalproperty_free(method)
            }
        }
        return ICalDocument(tree: merged)
    }

    private static func parseTree(_ document: ICalDocument) throws(ICalError) -> ComponentTree {
        try ICalDocument.parseTree(document.text)
    }

    /// The VEVENT with `uid` and no RECURRENCE-ID.
    static func masterEvent(uid: String, in calendar: OpaquePointer) -> OpaquePointer? {
        Libical.children(of: calendar, kind: ICAL_VEVENT_COMPONENT).first { event in
            Libical.firstProperty(ICAL_RECURRENCEID_PROPERTY, of: event) == nil
                && Libical.firstProperty(ICAL_UID_PROPERTY, of: event).map(Libical.textValue(of:)) == uid
        }
    }
}
