import ArgumentParser
import Foundation
import TroupeWeb

struct WebCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "web",
        abstract: "Serve the catalogue as a local web app: the cast, videos, lineage, a composer, tasks and costs.",
        discussion: """
            Listens on 127.0.0.1 (--port 0 picks a free port) and prints the URL to open. The \
            JSON API is under /api/ (described at /api/openapi.json). Only this machine's \
            browser can reach it: the Host header must name this server (DNS rebinding gets \
            403), every request that changes something carries the page's per-run CSRF token, \
            request bodies are at most 64 KiB, only files the catalogue holds are served, and \
            no page or answer ever holds an API key. With a --host other than loopback, a token \
            is printed once and every request must carry it (?troupe_token=… or its cookie). \
            Paid actions show the price and ask before they send, and go through the journal as \
            the CLI's do. Ctrl-C stops it.

            Example:
              troupe web
              troupe web --port 0 --open
              troupe web --host 192.168.1.20 --port 8790
              troupe web --host 0.0.0.0   # prints a URL per address of this machine
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "Port to listen on (0 picks a free one).") var port: Int = 8790
    @Option(help: "Interface to bind (loopback unless you need otherwise: then a token is required).") var host: String = "127.0.0.1"
    @Flag(help: "Open the URL in the browser (xdg-open) once listening.") var open = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        if host.isEmpty { throw ValidationError("--host needs an address to bind (127.0.0.1 by default)") }
    }

    func run() async throws {
        let studio = try global.openStudio()
        let open = self.open
        try await WebServer.serveListing(studio: studio, host: host, port: port) { urls in
            let url = urls[0]
            // Written unbuffered: the process keeps running and a pipe must see the URL now.
            FileHandle.standardOutput.write(Data("troupe web: \(url)\n".utf8))
            if urls.count > 1 {
                Output.note("listening on every interface (\(host)): also " + urls.dropFirst().joined(separator: ", "))
            }
            Output.note("serving \(studio.catalog.path) (Ctrl-C to stop)")
            if open { WebCommand.openInBrowser(url) }
        }
    }

    /// Runs `xdg-open URL` when it is installed; otherwise says so.
    static func openInBrowser(_ url: String) {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/xdg-open" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { return Output.note("--open: xdg-open is not installed; open \(url) yourself") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { Output.note("--open: xdg-open failed (\(error)); open \(url) yourself") }
    }
}
