import Foundation

// The hot answers written without `JSONEncoder`; keys in sorted order, as it sorts them.

extension SlotsJSON: JSONBytesWritable {
    public func write(to json: inout JSONBytes) {
        json.object { json in
            json.key("sessionType")
            json.string(sessionType)
            json.key("slots")
            json.array(slots) { json, row in
                json.object { json in
                    json.key("end")
                    json.date(row.end)
                    json.key("local")
                    json.string(row.local)
                    json.key("staff")
                    json.array(row.staff) { json, key in json.string(key) }
                    json.key("start")
                    json.date(row.start)
                }
            }
            json.key("zone")
            json.string(zone)
        }
    }
}

extension MoneyJSON: JSONBytesWritable {
    public func write(to json: inout JSONBytes) {
        json.object { json in
            json.key("amount")
            json.string(amount)
            json.key("currency")
            json.string(currency)
        }
    }
}

extension BookingJSON: JSONBytesWritable {
    public func write(to json: inout JSONBytes) {
        json.object { json in
            json.key("amount")
            amount.write(to: &json)
            json.key("charge")
            json.string(charge)
            json.field("closedAt", ifPresent: closedAt) { $0.date($1) }
            json.key("company")
            json.string(company)
            json.key("contact")
            json.string(contact)
            json.key("emergency")
            json.bool(emergency)
            json.key("end")
            json.date(end)
            json.field("feeScheduleVersion", ifPresent: feeScheduleVersion) { $0.string($1) }
            json.key("id")
            json.string(id)
            json.field("joinedAt", ifPresent: joinedAt) { $0.date($1) }
            json.key("kind")
            json.string(kind)
            json.field("links", ifPresent: links) { json, links in
                json.object { json in
                    for name in links.keys.sorted() {
                        json.key(name)
                        json.string(links[name]!)
                    }
                }
            }
            json.key("local")
            json.string(local)
            json.key("minutes")
            json.int(minutes)
            json.key("needsRefundReview")
            json.bool(needsRefundReview)
            json.key("sequence")
            json.int(sequence)
            json.key("staff")
            json.string(staff)
            json.key("start")
            json.date(start)
            json.key("status")
            json.string(status)
            json.key("zone")
            json.string(zone)
        }
    }
}
