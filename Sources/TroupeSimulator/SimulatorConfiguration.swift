/// How a simulator instance behaves: where it listens, how slow and how unreliable it is.
public struct SimulatorConfiguration: Sendable, Equatable {
    /// Interface to bind; loopback by default.
    public var host: String
    /// TCP port; 0 picks a free ephemeral port.
    public var port: Int
    /// Seconds a task takes from submission to its result.
    public var latency: Double
    /// Probability (0…1) that a paid submission or a poll gets an HTTP fault
    /// (429, 500, connection reset or truncated JSON, equally likely).
    public var failRate: Double
    /// Probability (0…1) that a video that would succeed fails with `output_moderation`.
    public var moderationRate: Double
    /// Seconds a signed result URL stays valid after the task completes (GrsAI: 2 hours).
    public var urlTTL: Double
    /// Seed for ids, faults and moderation; nil draws one at random.
    public var seed: UInt64?
    /// The one Bearer key accepted; nil accepts any non-empty key.
    public var key: String?
    /// JSON file holding the state across restarts; nil keeps everything in memory.
    public var statePath: String?
    /// Starting credit on the ledger; a paid call beyond the balance is refused.
    public var credit: Double
    /// Models besides Sora that `/v1/videos` serves, as an OpenAI-style aggregator does (any
    /// whole number of seconds up to 60, any `WxH` size).
    public var openAIModels: [String]
    /// Serve the committed real H.264 clips (4 s each, `FixtureClips`) as video results instead of
    /// synthetic MP4s whose `mvhd` says the requested length.
    public var realClips: Bool

    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        latency: Double = 2,
        failRate: Double = 0,
        moderationRate: Double = 0,
        urlTTL: Double = 7200,
        seed: UInt64? = nil,
        key: String? = nil,
        statePath: String? = nil,
        credit: Double = 1000,
        openAIModels: [String] = [],
        realClips: Bool = false
    ) {
        self.host = host
        self.port = port
        self.latency = latency
        self.failRate = failRate
        self.moderationRate = moderationRate
        self.urlTTL = urlTTL
        self.seed = seed
        self.key = key
        self.statePath = statePath
        self.credit = credit
        self.openAIModels = openAIModels
        self.realClips = realClips
    }

    /// Problems with the values, one line each; empty when the configuration is usable.
    public var problems: [String] {
        var out: [String] = []
        if !(0...65535).contains(port) { out.append("port must be 0…65535, got \(port)") }
        if !(latency >= 0) { out.append("latency must be ≥ 0 seconds, got \(latency)") }
        if !(0...1).contains(failRate) { out.append("failRate must be 0…1, got \(failRate)") }
        if !(0...1).contains(moderationRate) { out.append("moderationRate must be 0…1, got \(moderationRate)") }
        if !(urlTTL > 0) { out.append("urlTTL must be > 0 seconds, got \(urlTTL)") }
        if let key, key.isEmpty { out.append("key must not be empty") }
        if !(credit >= 0) { out.append("credit must be ≥ 0, got \(credit)") }
        return out
    }
}
