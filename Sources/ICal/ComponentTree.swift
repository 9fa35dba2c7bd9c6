internal import CLibical

/// A libical component tree. Owns its root pointer and frees it once.
final class ComponentTree {
    let raw: OpaquePointer  // icalcomponent*

    init(taking raw: OpaquePointer) {
        self.raw = raw
    }

    deinit { icalcomponent_free(raw) }

    /// A deep copy of `component` (which stays owned by its tree).
    static func cloning(_ component: OpaquePointer) -> ComponentTree {
        ComponentTree(taking: icalcomponent_new_clone(component))
    }

    /// The RFC 5545 text: CRLF line ends, lines folded at 75 octets.
    func serialized() -> String {
        guard let cString = icalcomponent_as_ical_string_r(raw) else { return "" }
        defer { free(cString) }
        return LineFolding.refold(String(cString: cString))
    }
}

@available(*, unavailable, message: "libical trees are not thread-safe; copy values out instead")
extension ComponentTree: Sendable {}

/// Borrowed views into a tree owned by a `ComponentTree`; valid only while that owner lives.
enum Libical {
    static func children(of component: OpaquePointer, kind: icalcomponent_kind = ICAL_ANY_COMPONENT) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = icalcomponent_get_first_component(component, kind)
        while let current = child {
            result.append(current)
            child = icalcomponent_get_next_component(component, kind)
        }
        return result
    }

    static func properties(of component: OpaquePointer, kind: icalproperty_kind = ICAL_ANY_PROPERTY) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var property = icalcomponent_get_first_property(component, kind)
        while let current = property {
            result.append(current)
            property = icalcomponent_get_next_property(component, kind)
        }
        return result
    }

    static func parameters(of property: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var parameter = icalproperty_get_first_parameter(property, ICAL_ANY_PARAMETER)
        while let current = parameter {
            result.append(current)
            parameter = icalproperty_get_next_parameter(property, ICAL_ANY_PARAMETER)
        }
        return result
    }

    static func name(of component: OpaquePointer) -> String {
        // libical 3.0 keeps no name for X- components; they all read as "X".
        guard let name = icalcomponent_kind_to_string(icalcomponent_isa(component)) else { return "UNKNOWN" }
        return String(cString: name)
    }

    static func name(ofProperty property: OpaquePointer) -> String {
        guard let name = icalproperty_get_property_name_r(property) else { return "" }
        defer { free(name) }
        return String(cString: name)
    }

    /// The value as it stands in the text (escaped, as RFC 5545 writes it).
    static func wireValue(of property: OpaquePointer) -> String {
        guard let value = icalproperty_get_value_as_string_r(property) else { return "" }
        defer { free(value) }
        return String(cString: value)
    }

    /// TEXT values unescaped; other values in their wire form.
    static func textValue(of property: OpaquePointer) -> String {
        if let value = icalproperty_get_value(property), icalvalue_isa(value) == ICAL_TEXT_VALUE,
            let text = icalvalue_get_text(value)
        {
            return String(cString: text)
        }
        return wireValue(of: property)
    }

    static func parameter(_ kind: icalparameter_kind, of property: OpaquePointer) -> OpaquePointer? {
        icalproperty_get_first_parameter(property, kind)
    }

    /// `NAME=value` split in two; the value keeps no surrounding quotes.
    static func nameAndValue(ofParameter parameter: OpaquePointer) -> (name: String, value: String) {
        guard let text = icalparameter_as_ical_string_r(parameter) else { return ("", "") }
        defer { free(text) }
        let whole = String(cString: text)
        guard let equals = whole.firstIndex(of: "=") else { return (whole, "") }
        var value = String(whole[whole.index(after: equals)...])
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
            value = String(value.dropFirst().dropLast())
        }
        return (String(whole[..<equals]), value)
    }

    static func xParameter(named name: String, of property: OpaquePointer) -> String? {
        for parameter in parameters(of: property) {
            let pair = nameAndValue(ofParameter: parameter)
            if pair.name.caseInsensitiveCompare(name) == .orderedSame { return pair.value }
        }
        return nil
    }

    static func firstProperty(_ kind: icalproperty_kind, of component: OpaquePointer) -> OpaquePointer? {
        icalcomponent_get_first_property(component, kind)
    }

    static func xProperty(named name: String, of component: OpaquePointer) -> OpaquePointer? {
        for property in properties(of: component, kind: ICAL_X_PROPERTY) {
            if let x = icalproperty_get_x_name(property), String(cString: x).caseInsensitiveCompare(name) == .orderedSame {
                return property
            }
        }
        return nil
    }
}
