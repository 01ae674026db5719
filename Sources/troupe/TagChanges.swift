import ArgumentParser
import TroupeDomain

/// Tag edits as `tag` commands take them: `+name` (or `name`) adds, `-name` removes.
struct TagChanges {
    var adding: [Tag] = []
    var removing: [Tag] = []

    init(_ arguments: [String]) throws {
        var afterSeparator = false
        for argument in arguments {
            // `--` ends the options: what follows may remove a tag spelled like one.
            if argument == "--", !afterSeparator {
                afterSeparator = true
                continue
            }
            if argument.hasPrefix("--"), !afterSeparator {
                throw ValidationError("unknown option '\(argument)': tags are +name to add, -name to remove")
            }
            let text = argument.hasPrefix("+") || argument.hasPrefix("-") ? String(argument.dropFirst()) : argument
            let tag: Tag
            do { tag = try Tag(text) } catch { throw ValidationError(error.message + " (write +tag to add it, -tag to remove it)") }
            if argument.hasPrefix("-") {
                adding.removeAll { $0 == tag }
                removing.append(tag)
            } else {
                removing.removeAll { $0 == tag }
                adding.append(tag)
            }
        }
    }

    var isEmpty: Bool { adding.isEmpty && removing.isEmpty }
}
