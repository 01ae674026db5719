import Testing
@testable import TroupeWeb

@Suite struct HTMLTests {
    @Test func interpolatedTextIsEscaped() {
        let hostile = "<script>alert(1)</script> & \"quotes\" 'too'"
        let html: HTML = "<p title=\"\(hostile)\">\(hostile)</p>"
        #expect(html.description == "<p title=\"&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;</p>")
    }

    @Test func htmlIsNotEscapedTwice() {
        let inner: HTML = "<b>\("a<b")</b>"
        let outer: HTML = "<p>\(inner)\([inner, inner])</p>"
        #expect(outer.description == "<p><b>a&lt;b</b><b>a&lt;b</b><b>a&lt;b</b></p>")
    }

    @Test func optionalsAndNumbers() {
        let missing: String? = nil
        let html: HTML = "[\(missing)][\(3)][\(Int64(4))][\(2.25)][\(2.0)]"
        #expect(html.description == "[][3][4][2.3][2]")
    }

    @Test func pathSegmentsAndQueriesAreEncoded() {
        #expect(HTML.pathSegment("video#12") == "video%2312")
        #expect(HTML.pathSegment("../etc") == "..%2Fetc")
        #expect(HTML.query([("search", "skate* \"at night\""), ("tag", nil), ("page", "")]) == "?search=skate%2A%20%22at%20night%22")
        #expect(HTML.query([]) == "")
    }
}
