/// The page shell: head (stylesheet, script, CSRF token), the top navigation and the footer.
enum Layout {
    /// The sections of the top navigation: page name, label, address.
    static let sections: [(page: String, label: String, href: String)] = [
        ("cast", "Cast", "/"), ("videos", "Videos", "/videos"), ("compose", "Compose", "/compose"),
        ("tasks", "Tasks", "/tasks"), ("costs", "Costs", "/costs"),
    ]

    /// A whole document. `page` goes to `<body data-page>`; `section` is the navigation entry
    /// to mark as current (the page's own, or its parent's: a video page belongs to Videos).
    static func document(title: String, page: String, section: String? = nil, context: PageContext,
                         body: HTML, confirmDialog: Bool = false) -> String {
        let current = section ?? page
        let nav = sections.map { item -> HTML in
            item.page == current
                ? "<a href=\"\(item.href)\" aria-current=\"page\">\(item.label)</a>"
                : "<a href=\"\(item.href)\">\(item.label)</a>"
        }
        let dialog: HTML = confirmDialog ? Self.confirmDialog : .empty
        let html: HTML = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="csrf-token" content="\(context.csrfToken)">
            <title>\(title) · troupe</title>
            <link rel="icon" type="image/svg+xml" href="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 viewBox=%220 0 16 16%22%3E%3Crect width=%2216%22 height=%2216%22 rx=%224%22 fill=%22%233b5bdb%22/%3E%3Cpath d=%22M4 5h8M8 5v7%22 stroke=%22white%22 stroke-width=%222%22/%3E%3C/svg%3E">
            <link rel="stylesheet" href="/assets/app.css">
            <script src="/assets/app.js" defer></script>
            </head>
            <body data-page="\(page)">
            <header class="top"><div class="wrap"><a class="brand" href="/">troupe</a><nav aria-label="Sections">\(nav)</nav></div></header>
            <main class="wrap">
            \(body)
            </main>
            \(dialog)
            <footer class="wrap"><p>troupe web serves this catalogue on this machine only. Every page has its JSON under <a href="/api/openapi.json">/api/</a>.</p></footer>
            </body>
            </html>

            """
        return html.description
    }

    /// The dialog that asks before a paid call is sent: its price and the request as it would go.
    static let confirmDialog: HTML = """
        <dialog id="confirm" aria-labelledby="confirm-title">
        <form method="dialog">
        <h2 id="confirm-title">Send this paid call?</h2>
        <p class="price-line">It costs <strong id="confirm-price">…</strong>, charged by the provider once it takes the call.</p>
        <p id="confirm-note" class="price-line" hidden></p>
        <details open><summary>The request as it will be sent</summary><pre id="confirm-request"></pre></details>
        <div class="buttons"><button value="cancel" type="submit">Cancel</button><button value="send" type="submit" id="confirm-send" class="primary">Send and pay</button></div>
        </form>
        </dialog>
        """
}
