/// Nearest known handles for an unknown one, by edit distance.
public enum Suggestions {
    /// Up to `limit` known handles close to `handle`, closest first.
    public static func nearest(to handle: String, in known: Set<String>, limit: Int = 3) -> [String] {
        let target = Array(handle.lowercased().unicodeScalars)
        // 1 edit for up to 3 characters, 2 up to 6, then 3.
        let threshold = max(1, min(3, (target.count + 2) / 3))
        var scored: [(distance: Int, handle: String)] = []
        for candidate in known {
            let scalars = Array(candidate.lowercased().unicodeScalars)
            if abs(scalars.count - target.count) > threshold { continue }
            let distance = editDistance(target, scalars, cutoff: threshold)
            if distance <= threshold { scored.append((distance, candidate)) }
        }
        scored.sort { ($0.distance, $0.handle) < ($1.distance, $1.handle) }
        return scored.prefix(limit).map(\.handle)
    }

    /// Levenshtein distance; stops early (returning more than `cutoff`) once it exceeds `cutoff`.
    static func editDistance<T: Equatable>(_ a: [T], _ b: [T], cutoff: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > cutoff { return rowMinimum }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
