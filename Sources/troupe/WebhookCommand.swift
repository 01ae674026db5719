import ArgumentParser
import Foundation
import TroupeStudio

struct WebhookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook",
        abstract: "Receive provider callbacks for `--delivery webhook` generations.",
        discussion: """
            Example:
              troupe webhook serve --port 8788
              troupe --provider sim video generate "a cat on a skateboard" --delivery webhook
            """,
        subcommands: [Serve.self])

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the webhook receiver until interrupted (loopback by default).",
            discussion: """
                Prints the callback URL: /hooks/<token>, where the token is 32 random bytes kept in \
                the home as `webhook-token` (mode 0600). A wrong token is answered 404 and a body \
                over 1 MiB 413. A callback only makes troupe re-check the task it names by polling \
                the provider, then download the result: what the body claims is never written. \
                While it runs, `video generate --delivery webhook` sends this receiver's URL and \
                returns once the provider has the task; `troupe task resume` still finishes such \
                tasks by polling. Use --public-url when providers reach this machine through a \
                tunnel or a proxy. Slow clients cannot keep callbacks out: a request must arrive in \
                full within 10 s, a silent connection is closed after 5 s, and over 256 connections \
                the oldest one still sending its request is closed.

                OpenAI-style providers send signed events ("standard webhooks") to the URL set in \
                their dashboard: give them this callback URL there, and the signing secret \
                (whsec_…) in TROUPE_WEBHOOK_SECRET (several separated by spaces). An event whose \
                signature does not verify, or whose timestamp is over 5 minutes off, is answered 401. Generate \
                with --no-wait; the event's video is then re-checked and downloaded.

                Example:
                  troupe webhook serve --port 8788
                  troupe webhook serve --public-url https://hooks.example.com
                  TROUPE_WEBHOOK_SECRET=whsec_… troupe webhook serve --port 8788
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: "Port to listen on (0 picks a free one).") var port: Int = 8788
        @Option(help: "Interface to bind (loopback unless you need otherwise).") var host: String = "127.0.0.1"
        @Option(name: .customLong("public-url"), help: ArgumentHelp("The base URL providers reach this receiver at.", valueName: "url"))
        var publicURL: String?

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
            if let publicURL {
                let lower = publicURL.lowercased()
                guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
                    throw ValidationError("--public-url must be an http(s) URL")
                }
            }
        }

        func run() async throws {
            let studio = try global.openStudio()
            let json = global.json
            try await WebhookReceiver.serve(studio: studio, host: host, port: port, publicURL: publicURL,
                                            events: ProgressPrinter().events) { callbackURL in
                // Written unbuffered: the process keeps running and a pipe must see the URL now.
                let object = (try? JSONSerialization.data(withJSONObject: ["callback_url": callbackURL], options: [.withoutEscapingSlashes])) ?? Data()
                let line = json ? String(decoding: object, as: UTF8.self) : callbackURL
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
                if !json { Output.note("webhook receiver listening (Ctrl-C to stop); `--delivery webhook` now sends this URL") }
            }
        }
    }
}
