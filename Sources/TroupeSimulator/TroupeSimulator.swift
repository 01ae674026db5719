// A local, stateful provider simulator speaking the GrsAI, AceData and OpenAI-style APIs.
//
// Start it with ``SimulatorServer/start(_:)`` (in-process, loopback, port 0 = ephemeral) or build
// the Hummingbird application with ``buildSimulatorApplication(_:onServerRunning:)``.
//
// ## Endpoints (one port)
// - GrsAI: `POST /v1/video/sora-video`, `/v1/video/sora-upload-character`,
//   `/v1/video/sora-create-character` (delivery: stream when `webHook` is absent, callback POSTs
//   when it is a URL, poll when it is `"-1"`), `POST /v1/draw/result` (`code -22` = unknown id).
// - GrsAI Veo: `POST /v1/video/veo` (models `veo3.1-fast`, `veo3.1-fast-1080p`, `veo3.1-fast-4k`,
//   `veo3.1-pro`, `veo3.1-pro-1080p`, `veo3.1-pro-4k`; `urls` ≤ 3 reference images, or
//   `firstFrameUrl` [+ `lastFrameUrl`]), delivered and polled as `sora-video`; the result is at
//   `url` and `results[0].url`, with no pid. Sora-only fields are refused; `@name` is plain text.
// - AceData: `POST /sora/videos` (synchronous: the answer waits `latency`; or `callback_url`),
//   `POST /sora/tasks` (`retrieve`, `retrieve_batch`); `POST /seedance/videos` (`content` parts,
//   `async: true` or `callback_url` answer the task id at once, else synchronous) and
//   `POST /seedance/tasks`. A task is found only on the service that made it.
// - OpenAI-style: `POST /v1/videos` (JSON or multipart), `GET /v1/videos`, `GET|DELETE
//   /v1/videos/{id}`, `GET /v1/videos/{id}/content`, `POST /v1/videos/{id}/remix`,
//   `POST /v1/videos/characters` (multipart `video` 2–4 s MP4 + `name`), `GET /v1/videos/characters/{id}`.
// - Files: `GET /files/<pid>.mp4?se=<ISO-8601 expiry>&sig=<HMAC-SHA256 hex>`: 403 once expired
//   (`urlTTL` after the task finished) or when the signature does not match. No key needed.
// - Admin (no key): `GET /_sim/health`, `GET /_sim/ledger`, `GET /_sim/tasks`,
//   `POST /_sim/clock {"advance": seconds}` (moves the simulator's clock: progress and URL expiry),
//   `POST|GET /_sim/hooks/{name}` (a webhook receiver that records what it is sent).
//
// ## Validation
// Request-shape problems (model, duration, aspect, size, a clip longer than 3 s, a remix or an
// extraction of a pid that is not a finished video, a clip outside that video, an unknown
// OpenAI character id, a short balance) are refused with 400 (OpenAI: 400, quota: 429) and
// nothing is charged. Unknown `@mentions` in a prompt are accepted, charged, then fail at once
// with `input_moderation` and are refunded; `@characterN` is known when the GrsAI request
// carries at least N `characters`.
//
// ## Ledger
// Every created task is charged (0.08 a Sora video or remix, 0.01 a character, in every dialect;
// 0.40 a Veo video, 0.30 a Seedance video: chosen figures, not published prices);
// a failed task is refunded when its failure becomes visible.
//
// ## Faults (`failRate`)
// Drawn once per request, from the seeded generator, on exactly these endpoints:
// - paid submissions: GrsAI `sora-video`, `sora-upload-character`, `sora-create-character`;
//   `veo`; AceData `POST /sora/videos`, `POST /seedance/videos`; OpenAI `POST /v1/videos`, `POST /v1/videos/{id}/remix`,
//   `POST /v1/videos/characters`;
// - polls: GrsAI `POST /v1/draw/result`, AceData `POST /sora/tasks`, `POST /seedance/tasks`, OpenAI `GET /v1/videos/{id}`.
// The four faults are equally likely. On a paid submission a **429** (with `Retry-After: 1`)
// means the task was **not** created and nothing was charged; a **500**, a **connection reset**
// (TCP RST, no answer) or **truncated JSON** (200 with half the body) come **after** the task
// was created and charged: the client must reconcile, not pay twice. `GET /_sim/tasks` lists
// each task with the fault its submission got. On a poll a fault changes nothing.
// Downloads, listings, deletes, character look-ups and admin endpoints never fault.
// `moderationRate` fails videos (not characters) with `output_moderation` (refunded).
// The same `seed` and the same sequence of requests repeat ids, faults and moderation.
