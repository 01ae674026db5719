import CCurl
import Foundation

/// Limits applied by the event loop to all transfers.
public struct HTTPClientConfiguration: Sendable, Hashable {
    /// Most connections open to one host at once; further transfers wait in libcurl's queue.
    public var maxConnectionsPerHost: Int
    /// Most connections open at once (0: no limit).
    public var maxConnections: Int
    /// Size of the idle-connection cache kept for reuse.
    public var connectionCacheSize: Int

    /// Creates a configuration.
    public init(maxConnectionsPerHost: Int = 16, maxConnections: Int = 0, connectionCacheSize: Int = 64) {
        self.maxConnectionsPerHost = maxConnectionsPerHost
        self.maxConnections = maxConnections
        self.connectionCacheSize = connectionCacheSize
    }
}

/// One thread driving a curl multi handle. Transfers are handed over through a
/// lock-protected queue and `curl_multi_wakeup`; everything else happens on the thread.
final class CurlLoop: @unchecked Sendable {
    private let multi: UnsafeMutableRawPointer
    private let lock = NSLock()
    private var incoming: [Transfer] = []
    private var cancelled: Set<Int> = []
    private var stopping = false
    private var polling = false
    private var woken = false
    /// Loop thread only.
    private var active: [Int: Transfer] = [:]

    init(configuration: HTTPClientConfiguration) {
        _ = Curl.initialized
        multi = curl_multi_init()
        _ = troupe_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxConnectionsPerHost)
        _ = troupe_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, configuration.maxConnections)
        _ = troupe_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, configuration.connectionCacheSize)
        let thread = Thread { [self] in run() }
        thread.name = "troupe-curl"
        thread.start()
    }

    /// Starts a transfer; its sink is told when it ends.
    func submit(_ transfer: Transfer) {
        lock.lock()
        let refused = stopping
        if !refused { incoming.append(transfer) }
        // Wake the thread only if it sleeps in curl_multi_poll and nobody woke it yet.
        let wake = !refused && polling && !woken
        if wake { woken = true }
        lock.unlock()
        if refused {
            transfer.sink.finish(transfer, error: CancellationError())
        } else if wake {
            curl_multi_wakeup(multi)
        }
    }

    /// Stops a transfer; its sink finishes with `CancellationError`. No effect once it ended.
    func cancel(_ id: Int) {
        lock.lock()
        cancelled.insert(id)
        lock.unlock()
        curl_multi_wakeup(multi)
    }

    /// Ends the thread; transfers still running finish with `CancellationError`.
    func shutdown() {
        lock.lock()
        stopping = true
        lock.unlock()
        curl_multi_wakeup(multi)
    }

    private func run() {
        var running: Int32 = 0
        while true {
            lock.lock()
            let adds = incoming
            incoming.removeAll(keepingCapacity: true)
            var cancels = cancelled
            let stop = stopping
            lock.unlock()

            for transfer in adds {
                let code = curl_multi_add_handle(multi, transfer.easy)
                if code == CURLM_OK {
                    active[transfer.id] = transfer
                } else {
                    let message = String(cString: curl_multi_strerror(code))
                    transfer.sink.finish(transfer, error: HTTPError(kind: .other, message: message, url: transfer.redactedURL))
                }
            }
            if stop { cancels.formUnion(active.keys) }
            if !cancels.isEmpty {
                var handled: [Int] = []
                for id in cancels {
                    guard let transfer = active.removeValue(forKey: id) else { continue }
                    curl_multi_remove_handle(multi, transfer.easy)
                    transfer.sink.finish(transfer, error: CancellationError())
                    handled.append(id)
                }
                lock.lock()
                // Keep ids whose transfer was not seen yet (cancelled before submit).
                for id in handled { cancelled.remove(id) }
                lock.unlock()
            }
            if stop { break }

            curl_multi_perform(multi, &running)
            var left: Int32 = 0
            while let message = curl_multi_info_read(multi, &left) {
                guard message.pointee.msg == CURLMSG_DONE else { continue }
                let easy = message.pointee.easy_handle
                let result = message.pointee.data.result
                var context: UnsafeMutableRawPointer?
                _ = troupe_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &context)
                guard let context else { continue }
                let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
                curl_multi_remove_handle(multi, easy)
                active.removeValue(forKey: transfer.id)
                transfer.sink.finish(transfer, error: transfer.error(for: result))
            }
            lock.lock()
            let idle = incoming.isEmpty
            if idle {
                polling = true
                woken = false
            }
            lock.unlock()
            if idle {
                curl_multi_poll(multi, nil, 0, 1000, nil)
                lock.lock()
                polling = false
                lock.unlock()
            }
        }
        curl_multi_cleanup(multi)
    }
}
