/// Numbers as people and providers write them: seconds `3`, not `3.0`; `1.5`; JSON's `10`.
public enum PlainNumber {
    /// `value` without a trailing `.0` when it is whole (below 10^15); else as Swift prints it.
    public static func text(_ value: Double) -> String {
        // Integer conversion rather than `rounded()`, which needs libm at link time on Linux.
        if value.isFinite, abs(value) < 1e15, Double(Int64(value)) == value { return String(Int64(value)) }
        return String(value)
    }
}
