"""Fills a catalogue that `troupe` created with the synthetic cast of `scripts/bench-web`.

Usage: python3 scripts/bench-web-seed.py TROUPE_HOME CLIPS_DIR

10,000 videos (prompts, statuses, providers, models, tags, notes; 60 % of the succeeded ones
play a real clip from CLIPS_DIR, copied into the vault by hash), 500 characters (some extracted
from videos, each featured in videos), random remix chains, and one 1,000-node remix tree whose
root it prints as `tree-root s_…`. Deterministic (a fixed random seed).

It writes rows with Python's sqlite3 into the catalogue `troupe` made and migrated (so the
schema, triggers and FTS index are the shipped ones), in one transaction: about a second, where
10,000 `troupe video add` runs would take minutes. SQL stays out of Sources/ but for TroupeCatalog;
this script is a benchmark tool, outside the shipped code.
"""

import hashlib
import os
import random
import shutil
import sqlite3
import sys

VIDEOS = 10_000
CHARACTERS = 500
TREE = 1_000

WORDS = ("cat fox owl robot dancer skater knight pilot chef diver market rooftop forest desert harbour "
         "subway glacier carnival library garden neon rain snow dawn dusk night storm fog sunlight "
         "slow-motion close-up tracking aerial handheld dolly timelapse vintage anime clay watercolour "
         "skateboards runs dances jumps sings cooks paints chases hides flies swims laughs waves").split()
TAGS = ("keeper", "draft", "client", "b-roll", "music", "promo", "test", "night", "hero-shot", "v2")
STATUSES = (("succeeded", 80), ("failed", 10), ("running", 4), ("pending", 3), ("unknown", 3))
PROVIDERS = (("grsai", ("sora-2", "veo3.1-fast", "veo3.1-pro")),
             ("acedata", ("sora-2", "sora-2-pro", "doubao-seedance-1-0-pro-250528", "doubao-seedance-2-0-260128")),
             ("sim", ("sora-2",)))


def stamp(day: int, second: int) -> str:
    """An ISO-8601 UTC time in 2026, `day` days after 1 January."""
    month_days = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    month = 0
    while day >= month_days[month]:
        day -= month_days[month]
        month += 1
    hours, rest = divmod(second, 3600)
    return f"2026-{month + 1:02d}-{day + 1:02d}T{hours:02d}:{rest // 60:02d}:{rest % 60:02d}.000Z"


def add_clips(db: sqlite3.Connection, home: str, clips_dir: str) -> list:
    """Copies every clip into the vault under its SHA-256 and catalogues it as an asset."""
    hashes = []
    for name in sorted(os.listdir(clips_dir)):
        if not name.endswith(".mp4"):
            continue
        path = os.path.join(clips_dir, name)
        data = open(path, "rb").read()
        sha = hashlib.sha256(data).hexdigest()
        target = os.path.join(home, "vault", sha[:2], sha + ".mp4")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(path, target)
        portrait = "portrait" in name  # scripts/make-fixture-clips: 4 s, 180×320 or 320×180
        db.execute("INSERT INTO asset (sha256, bytes, mediaType, durationSeconds, width, height) VALUES (?, ?, 'video/mp4', 4.0, ?, ?)",
                   (sha, len(data), 180 if portrait else 320, 320 if portrait else 180))
        hashes.append(sha)
    if not hashes:
        raise SystemExit(f"no .mp4 clips in {clips_dir}")
    return hashes


def main() -> None:
    home, clips_dir = sys.argv[1], sys.argv[2]
    rng = random.Random(16)
    db = sqlite3.connect(os.path.join(home, "catalog.sqlite"), isolation_level=None)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("BEGIN")
    clips = add_clips(db, home, clips_dir)
    statuses = [s for s, weight in STATUSES for _ in range(weight)]

    # Videos: ids 1…TREE are the tree (id 1 its root), the rest a forest of random remix chains.
    appearances = []
    for video_id in range(1, VIDEOS + 1):
        provider, models = PROVIDERS[rng.randrange(len(PROVIDERS))]
        model = rng.choice(models)
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 30))]
        prompt = " ".join(words)
        if video_id <= TREE:
            # A tree with long chains and fans: mostly the previous take, sometimes any earlier one.
            parent = None if video_id == 1 else (video_id - 1 if rng.random() < 0.7 else rng.randint(1, video_id - 1))
            status = "succeeded"
        else:
            parent = rng.randint(TREE + 1, video_id - 1) if video_id > TREE + 1 and rng.random() < 0.3 else None
            status = rng.choice(statuses)
        asset = rng.choice(clips) if status == "succeeded" and rng.random() < 0.6 else None
        day, second = (video_id * 365) // (VIDEOS + 1), rng.randrange(86_400)
        created = stamp(day, second)
        db.execute(
            """INSERT INTO video (id, pid, providerName, origin, prompt, compiledPrompt, model, aspect, duration,
                                  parentId, status, progress, failureReason, assetSha256, cost, notes, createdAt, updatedAt)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (video_id, f"s_{0x10000000 + video_id:x}", provider, "generated" if rng.random() < 0.8 else "registered",
             prompt, prompt.replace("@", ""), model, rng.choice(("9:16", "16:9")), rng.choice((10, 15)),
             parent, status, 100 if status == "succeeded" else rng.randrange(100),
             "content_policy" if status == "failed" else None, asset,
             round(rng.choice((0.08, 0.15, 0.40, 0.60)), 2) if status == "succeeded" else None,
             rng.choice(("", "", "", "best take so far", "client wants the night version", "colour is off")),
             created, created))
        for tag in rng.sample(TAGS, rng.choice((0, 0, 1, 1, 2))):
            db.execute("INSERT INTO videoTag (videoId, tag) VALUES (?, ?)", (video_id, tag))

    # Characters: 500, a fifth extracted from a video outside the tree, each featured in videos
    # outside the tree (so the tree's lineage is its 1,000 videos).
    for character_id in range(1, CHARACTERS + 1):
        provider = ("grsai", "acedata", "sim")[character_id % 3]
        extracted = character_id % 5 == 0
        source_video = rng.randint(TREE + 1, VIDEOS) if extracted else None
        created = stamp(character_id * 365 // (CHARACTERS + 1), rng.randrange(86_400))
        db.execute(
            """INSERT INTO character (id, handle, providerName, characterId, sourceKind, sourceVideoId, sourceAssetSha256,
                                      clipStart, clipEnd, status, notes, tags, createdAt, updatedAt)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (character_id, f"{rng.choice(WORDS[:10])}{character_id}", provider, f"char_{character_id:05d}",
             "extract" if extracted else "registered", source_video, rng.choice(clips) if extracted else None,
             1.0 if extracted else None, 3.0 if extracted else None,
             rng.choice(("ready",) * 8 + ("pending", "retired")), "", ",".join(rng.sample(TAGS, rng.choice((0, 1, 2)))),
             created, created))
        for video_id in rng.sample(range(TREE + 1, VIDEOS + 1), rng.randint(1, 12)):
            appearances.append((video_id, character_id))
    db.executemany("INSERT OR IGNORE INTO appearance (videoId, characterId) VALUES (?, ?)", appearances)
    db.execute("COMMIT")
    db.close()
    print(f"tree-root s_{0x10000000 + 1:x}")


if __name__ == "__main__":
    main()
