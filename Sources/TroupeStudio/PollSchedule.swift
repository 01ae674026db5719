/// Rows waiting for a poll, as a binary min-heap on the due time.
struct PollSchedule {
    private var heap: [(due: ContinuousClock.Instant, row: Int, cursor: PollCursor)] = []

    var first: (due: ContinuousClock.Instant, row: Int)? { heap.first.map { ($0.due, $0.row) } }

    mutating func insert(row: Int, cursor: PollCursor, due: ContinuousClock.Instant) {
        heap.append((due, row, cursor))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].due < heap[parent].due else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func removeFirst() -> (row: Int, cursor: PollCursor) {
        let top = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count && heap[left].due < heap[smallest].due { smallest = left }
                if right < heap.count && heap[right].due < heap[smallest].due { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return (top.row, top.cursor)
    }
}
