extension String {
    /// The text between two UTF-8 offsets that fall on scalar boundaries (O(1) for native strings).
    func slice(_ range: Range<Int>) -> Substring {
        let start = utf8.startIndex
        return self[utf8.index(start, offsetBy: range.lowerBound)..<utf8.index(start, offsetBy: range.upperBound)]
    }
}
