/// The OpenAPI 3.1 document served at `/api/openapi.json`, describing every `/api/` route.
enum OpenAPI {
    /// Filters `GET /api/videos` takes (those of `troupe video list`).
    static let videoFilters = ["search", "character", "status", "provider", "model", "since", "tag", "limit", "offset"]

    static let document: String = {
        func parameter(_ name: String, in place: String = "query", type: String = "string", required: Bool = false) -> String {
            "{\"name\":\"\(name)\",\"in\":\"\(place)\",\"required\":\(required),\"schema\":{\"type\":\"\(type)\"}}"
        }
        let csrf = parameter("X-CSRF-Token", in: "header", required: true)
        func ref(_ name: String) -> String { "{\"$ref\":\"#/components/schemas/\(name)\"}" }
        func array(_ name: String) -> String { "{\"type\":\"array\",\"items\":\(ref(name))}" }
        func answer(_ schema: String, _ description: String = "OK") -> String {
            "{\"200\":{\"description\":\"\(description)\",\"content\":{\"application/json\":{\"schema\":\(schema)}}},"
                + "\"400\":{\"description\":\"bad input: {error}\"},\"403\":{\"description\":\"wrong Host, missing token or CSRF token\"},"
                + "\"404\":{\"description\":\"not in the catalogue: {error}\"}}"
        }
        func get(_ summary: String, _ parameters: [String], _ schema: String) -> String {
            "{\"get\":{\"summary\":\"\(summary)\",\"parameters\":[\(parameters.joined(separator: ","))],\"responses\":\(answer(schema))}}"
        }
        func post(_ summary: String, _ parameters: [String], body: String, _ schema: String) -> String {
            "{\"post\":{\"summary\":\"\(summary)\",\"parameters\":[\(([csrf] + parameters).joined(separator: ","))],"
                + "\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{\"schema\":\(ref(body))}}},"
                + "\"responses\":\(answer(schema))}}"
        }
        let sendOrConfirm = "{\"oneOf\":[\(ref("ConfirmNeeded")),\(ref("Sent"))]}"
        let paths: [(String, String)] = [
            ("/api/videos", get("Videos as `troupe video list --json`, a page at a time", videoFilters.map { parameter($0, type: ["limit", "offset"].contains($0) ? "integer" : "string") }, ref("VideoList"))),
            ("/api/videos/{pid}", get("One video (a pid, a unique start of one, or video#ID)", [parameter("pid", in: "path", required: true)], ref("VideoReport"))),
            ("/api/characters", get("Characters as `troupe character list --json`", [parameter("tag"), parameter("status")], array("CharacterReport"))),
            ("/api/characters/{handle}", get("One character", [parameter("handle", in: "path", required: true)], ref("CharacterReport"))),
            ("/api/lineage/{subject}", get("The lineage graph of a pid or an @handle, as `troupe lineage --format json`", [parameter("subject", in: "path", required: true), parameter("direction"), parameter("depth", type: "integer")], ref("Lineage"))),
            ("/api/tasks", get("Journaled calls, newest first", [parameter("open", type: "boolean"), parameter("limit", type: "integer")], array("TaskReport"))),
            ("/api/tasks/{id}", get("One journaled call", [parameter("id", in: "path", type: "integer", required: true)], ref("TaskReport"))),
            ("/api/costs", get("Costs by day, provider and currency, with a total per currency", [], ref("Costs"))),
            ("/api/models", get("The models a provider can use", [parameter("provider")], array("ModelReport"))),
            ("/api/providers", get("The providers (key variable names only, never a key)", [], array("ProviderReport"))),
            ("/api/events", "{\"get\":{\"summary\":\"Server-Sent Events: `event: task` with a TaskReport whenever a task changes\",\"responses\":{\"200\":{\"description\":\"an event stream\",\"content\":{\"text/event-stream\":{\"schema\":{\"type\":\"string\"}}}}}}}"),
            ("/api/compile", post("Compile a prompt, spending nothing: the request and price, or every problem", [], body: "Prompt", "{\"oneOf\":[\(ref("Compiled")),\(ref("Problems"))]}")),
            ("/api/generate", post("Generate a video: without confirm only the price and request; with it, journaled and sent", [], body: "Prompt", sendOrConfirm)),
            ("/api/videos/{pid}/remix", post("Remix a video (same rules as generate)", [parameter("pid", in: "path", required: true)], body: "Prompt", sendOrConfirm)),
            ("/api/characters/extract", post("Make a character from a clip of a video", [], body: "Extract", sendOrConfirm)),
            ("/api/tasks/{id}/resume", post("Resume every open task, not only this one (polls and downloads; nothing is sent again, nothing charged)", [parameter("id", in: "path", type: "integer", required: true)], body: "Confirm", "{\"oneOf\":[\(ref("FreeConfirmNeeded")),\(ref("Sent"))]}")),
            ("/api/reconcile", post("Settle an unknown call: its remote id, not taken, or (neither) looked for in an OpenAI-style provider's list; no task_id: every unknown call", [], body: "Reconcile", "{\"oneOf\":[\(ref("ConfirmNeeded")),\(ref("FreeConfirmNeeded")),\(ref("TaskReport"))]}")),
        ]
        func object(_ properties: [(String, String)], required: [String] = []) -> String {
            "{\"type\":\"object\",\"required\":[\(required.map { "\"\($0)\"" }.joined(separator: ","))],\"properties\":{"
                + properties.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}}"
        }
        let string = "{\"type\":\"string\"}"
        let nullableString = "{\"type\":[\"string\",\"null\"]}"
        let integer = "{\"type\":\"integer\"}"
        let strings = "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}"
        let anyObject = "{\"type\":\"object\"}"
        let schemas: [(String, String)] = [
            ("VideoReport", object([("id", integer), ("pid", nullableString), ("task_id", "{\"type\":[\"integer\",\"null\"]}"), ("provider", nullableString),
                                    ("status", string), ("parent_pid", nullableString), ("prompt", nullableString), ("compiled_prompt", nullableString),
                                    ("model", nullableString), ("asset", "{\"type\":[\"object\",\"null\"],\"properties\":{\"sha256\":\(string),\"bytes\":\(integer),\"path\":\(string)}}"),
                                    ("features", strings), ("tags", strings), ("notes", string), ("created_at", string)])),
            ("VideoList", object([("videos", array("VideoReport")), ("total", integer), ("offset", integer)], required: ["videos", "total", "offset"])),
            ("CharacterReport", object([("handle", string), ("character_id", nullableString), ("provider", nullableString), ("status", string),
                                        ("source", anyObject), ("image", "{\"type\":[\"object\",\"null\"]}"), ("notes", string), ("tags", strings), ("created_at", string)])),
            ("Lineage", object([("root", string), ("direction", string), ("nodes", "{\"type\":\"array\",\"items\":\(anyObject)}"), ("edges", "{\"type\":\"array\",\"items\":\(anyObject)}")])),
            ("TaskReport", object([("id", integer), ("kind", string), ("provider", string), ("model", nullableString), ("remote_id", nullableString), ("state", string),
                                   ("attempts", integer), ("failure_reason", nullableString), ("error", nullableString), ("cost", "{\"type\":\"number\"}"),
                                   ("refunded", "{\"type\":\"boolean\"}"), ("created_at", string)])),
            ("Costs", object([("lines", "{\"type\":\"array\",\"items\":\(anyObject)}"), ("totals", "{\"type\":\"array\",\"items\":\(anyObject)}")])),
            ("ModelReport", anyObject),
            ("ProviderReport", object([("name", string), ("kind", string), ("base_url", string), ("key_env", nullableString), ("default", "{\"type\":\"boolean\"}")])),
            ("Prompt", object([("prompt", string), ("provider", string), ("model", string), ("vars", "{\"type\":\"object\",\"additionalProperties\":\(string)}"),
                               ("confirm", "{\"type\":\"boolean\"}")], required: ["prompt"])),
            ("Extract", object([("pid", string), ("clip", string), ("name", string), ("provider", string), ("confirm", "{\"type\":\"boolean\"}")], required: ["pid", "clip", "name"])),
            ("Confirm", object([("confirm", "{\"type\":\"boolean\"}")])),
            ("Reconcile", object([("task_id", integer), ("remote_id", string), ("not_taken", "{\"type\":\"boolean\"}"), ("confirm", "{\"type\":\"boolean\"}")], required: [])),
            ("Compiled", object([("ok", "{\"const\":true}"), ("compiled", anyObject), ("request", string), ("price", string), ("currency", string)])),
            ("Problems", object([("ok", "{\"const\":false}"), ("problems", "{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":{\"kind\":\(string),\"message\":\(string),\"start\":\(integer),\"end\":\(integer),\"subject\":\(nullableString),\"suggestions\":\(strings)}}}")])),
            ("ConfirmNeeded", object([("confirm_needed", "{\"const\":true}"), ("price", string), ("currency", string), ("request", string)])),
            ("FreeConfirmNeeded", object([("confirm_needed", "{\"const\":true}"), ("charges", "{\"const\":false}"), ("request", string),
                                          ("open_tasks", "{\"type\":\"array\",\"items\":\(integer)}")])),
            ("Sent", object([("task_id", integer), ("state", string), ("ending", string)])),
        ]
        return "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"troupe web\",\"version\":\"1\",\"description\":\"The JSON API of `troupe web`: the shapes of the CLI's --json. Every POST needs the X-CSRF-Token header.\"},"
            + "\"paths\":{" + paths.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "},"
            + "\"components\":{\"schemas\":{" + schemas.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}}}"
    }()
}
