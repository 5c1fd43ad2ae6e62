#!/usr/bin/env python3
"""Compile time of the generated crate against `huawei-cloud-api-definitions-DBSS` (issue 9.5).

Makes a throwaway workspace in a temporary directory with two members:

* `ours`: a copy of the generated crate (default `generated/`), its path dependency on
  `huaweicloud-sdk-core` pointed at this repository's `runtime/`;
* `typify`: an empty crate depending on `huawei-cloud-api-definitions-DBSS = "=0.1.20260710"`
  with every feature (its `full` feature lists all 100 operations).

It builds every dependency first, so that only the measured crate compiles, then times N clean
debug builds of each alternately (`cargo clean -p <crate>` before each run) and prints the
medians and their ratio (the issue's target: ours at most half of theirs), in wall-clock time and
in CPU time (user + system of cargo and rustc; far less sensitive to other load on the machine). Where our crate has
cargo features per API group, it also times each group alone (`--no-default-features --features
<group>`) and reports the largest and the median group against our full build (target: at most a
quarter). `uptime` is printed before and after: the machine is shared, so read the numbers with
the load.

Usage: scripts/compile_time.py [CRATE_DIR] [--runs N] [--groups a,b] [--runtime DIR] [--tmp DIR]
                                   [--keep]

Everything is built in the temporary directory's own target directory (CARGO_TARGET_DIR is
overridden), never in the repository's target, and the directory is removed at the end unless
`--keep` is given. Needs network access (or a warm cargo cache) for the typify crate and its
dependencies.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
THEIRS = "huawei-cloud-api-definitions-DBSS"
THEIRS_VERSION = "=0.1.20260710"
# Features of the generated crate that are not API groups.
NOT_GROUPS = {"default", "mock", "full", "all"}


@dataclass
class Timing:
    """One build: wall-clock seconds, and CPU seconds (user + system) of cargo and rustc.

    CPU time is what the build costs; it is much less sensitive than wall time to other
    processes on a shared machine, so both are reported."""

    wall: float
    cpu: float


def fail(message: str) -> None:
    print(f"compile_time: {message}", file=sys.stderr)
    sys.exit(2)


def run(cmd: list[str], cwd: Path, env: dict[str, str], quiet: bool = True) -> Timing:
    """Runs `cmd`, returns its wall and CPU time; on failure prints its output and exits."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=quiet, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        if quiet:
            sys.stderr.write(proc.stdout + proc.stderr)
        fail(f"`{' '.join(cmd)}` failed (exit {proc.returncode}) in {cwd}")
    return Timing(wall, cpu)


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def rewrite_manifest(text: str, runtime: Path) -> str:
    """Drops the crate's own `[workspace]` table and points its runtime dependency at `runtime`.

    (`python3 -m doctest scripts/compile_time.py` runs this example.)

    >>> print(rewrite_manifest('[package]\\nname = "x"\\n[dependencies]\\n'
    ...     'huaweicloud-sdk-core = { path = "../runtime" }\\n[workspace]\\nresolver = "3"\\n'
    ...     '[features]\\nmock = []\\n', Path("/r/runtime")), end="")
    [package]
    name = "x"
    [dependencies]
    huaweicloud-sdk-core = { path = "/r/runtime" }
    [features]
    mock = []
    """
    out, skipping = [], False
    for line in text.splitlines():
        header = re.match(r"\s*\[([^\]]+)\]\s*(#.*)?$", line)
        if header:
            skipping = header.group(1).strip() == "workspace"
        if skipping:
            continue
        if re.match(r"\s*huaweicloud-sdk-core\s*=", line):
            new = re.sub(r'path\s*=\s*"[^"]*"', f'path = "{runtime.as_posix()}"', line)
            if new == line:
                fail(f"the huaweicloud-sdk-core dependency has no path to rewrite: {line!r}")
            line = new
        out.append(line)
    return "\n".join(out) + "\n"


def make_workspace(tmp: Path, crate: Path, runtime: Path) -> tuple[str, list[str]]:
    """Writes the two-member workspace; returns our package name and its group features."""
    ours = tmp / "ours"
    shutil.copytree(crate, ours, ignore=shutil.ignore_patterns("target", "Cargo.lock"))
    manifest_path = ours / "Cargo.toml"
    manifest_path.write_text(rewrite_manifest(manifest_path.read_text(), runtime))
    manifest = tomllib.loads(manifest_path.read_text())
    name = manifest["package"]["name"]
    groups = sorted(f for f in manifest.get("features", {}) if f not in NOT_GROUPS)

    typify = tmp / "typify"
    (typify / "src").mkdir(parents=True)
    (typify / "Cargo.toml").write_text(
        f"""[package]
name = "typify-baseline"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
{THEIRS} = {{ version = "{THEIRS_VERSION}", features = ["full"] }}
"""
    )
    (typify / "src" / "lib.rs").write_text(
        "pub use huawei_cloud_api_definitions_DBSS as definitions;\n"
    )
    # Dependencies are built without debug information, which only the measured crates need:
    # it saves a gigabyte of disk and does not change how long the measured crates take.
    (tmp / "Cargo.toml").write_text(
        f"""[workspace]
resolver = "3"
members = ["ours", "typify"]

[profile.dev.package."*"]
debug = false

[profile.dev.package.{THEIRS}]
debug = true
"""
    )
    # Start from the repository's lock file so our crate's dependencies have the versions the
    # repository builds with; cargo adds the typify crate's.
    if (REPO / "Cargo.lock").exists():
        shutil.copy(REPO / "Cargo.lock", tmp / "Cargo.lock")
    return name, groups


def show(t: Timing) -> str:
    return f"{t.wall:.2f} s wall / {t.cpu:.2f} s cpu"


def median(timings: list[Timing]) -> Timing:
    """The median wall time and the median CPU time (each over all runs)."""
    return Timing(statistics.median(t.wall for t in timings),
                  statistics.median(t.cpu for t in timings))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("crate", nargs="?", default=str(REPO / "generated"))
    parser.add_argument("--runs", type=int, default=5, help="timed builds of each (default 5)")
    parser.add_argument("--groups", help="comma-separated group features (default: all but "
                        + ", ".join(sorted(NOT_GROUPS)) + ")")
    parser.add_argument("--group-runs", type=int, help="timed builds per group (default --runs)")
    parser.add_argument("--runtime", default=str(REPO / "runtime"),
                        help="the huaweicloud-sdk-core crate (default: this repo's runtime/)")
    parser.add_argument("--tmp", help="where to make the temporary workspace (default: the "
                        "system's temporary directory; /dev/shm when the disk is short: the "
                        "builds need about 1 GB)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary workspace")
    args = parser.parse_args()
    if args.runs < 1:
        fail("--runs must be at least 1")
    crate = Path(args.crate).resolve()
    runtime = Path(args.runtime).resolve()
    if not (crate / "Cargo.toml").is_file():
        fail(f"{crate} has no Cargo.toml: give the generated crate's directory")
    if not (runtime / "Cargo.toml").is_file():
        fail(f"{runtime} has no Cargo.toml: give the runtime crate's directory with --runtime")

    # A SIGTERM unwinds like Ctrl-C, so the temporary workspace is still removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    tmp = Path(tempfile.mkdtemp(prefix="compile-time.", dir=args.tmp))
    env = dict(os.environ)
    env["CARGO_TARGET_DIR"] = str(tmp / "target")  # never the repository's target
    # Both crates are compiled the way a dependency is: without incremental compilation.
    env["CARGO_INCREMENTAL"] = "0"
    env.pop("RUSTFLAGS", None)
    try:
        name, groups = make_workspace(tmp, crate, runtime)
        if args.groups is not None:
            groups = [g for g in args.groups.split(",") if g]
        rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout
        print(f"crate: {crate} ({name}); runtime: {runtime}")
        print(f"baseline: {THEIRS} {THEIRS_VERSION}, feature full; {rustc.strip()}; "
              f"debug profile, CARGO_INCREMENTAL=0; workspace {tmp}")
        print(f"groups: {', '.join(groups) if groups else '(none: the crate has no group features)'}")

        ours_full = ["cargo", "build", "-q", "-p", name, "--all-features"]
        theirs = ["cargo", "build", "-q", "-p", "typify-baseline"]
        group_cmd = {g: ["cargo", "build", "-q", "-p", name, "--no-default-features",
                         "--features", g] for g in groups}
        print("building dependencies ...", flush=True)
        for cmd in [ours_full, theirs, *group_cmd.values()]:
            run(cmd, tmp, env, quiet=False)

        clean_ours = ["cargo", "clean", "-q", "-p", name]
        clean_theirs = ["cargo", "clean", "-q", "-p", THEIRS]
        print(f"uptime before: {uptime()}", flush=True)
        ours_t: list[Timing] = []
        theirs_t: list[Timing] = []
        for i in range(args.runs):
            run(clean_ours, tmp, env)
            ours_t.append(run(ours_full, tmp, env))
            run(clean_theirs, tmp, env)
            theirs_t.append(run(theirs, tmp, env))
            print(f"  run {i + 1}: ours {show(ours_t[-1])}, typify {show(theirs_t[-1])}",
                  flush=True)
        group_t: dict[str, list[Timing]] = {}
        for g in groups:
            group_t[g] = []
            for _ in range(args.group_runs or args.runs):
                run(clean_ours, tmp, env)
                group_t[g].append(run(group_cmd[g], tmp, env))
            print(f"  group {g}: {', '.join(show(t) for t in group_t[g])}", flush=True)
        print(f"uptime after: {uptime()}")

        ours_m, theirs_m = median(ours_t), median(theirs_t)
        print()
        print(f"ours, every feature:   median {show(ours_m)}")
        print(f"typify, every feature: median {show(theirs_m)}")
        for kind in ("wall", "cpu"):
            ratio = getattr(ours_m, kind) / getattr(theirs_m, kind)
            verdict = "meets" if ratio <= 0.5 else "misses"
            print(f"ratio ours/typify ({kind}): {ratio:.2f} ({verdict} the target of at most 0.50)")
        if group_t:
            medians = {g: median(t) for g, t in group_t.items()}
            for kind in ("wall", "cpu"):
                of = {g: getattr(m, kind) / getattr(ours_m, kind) for g, m in medians.items()}
                largest = max(of, key=lambda g: of[g])
                verdict = "meets" if of[largest] <= 0.25 else "misses"
                print(f"largest group alone ({kind}): {largest}, {of[largest]:.2f} of our full "
                      f"build ({verdict} the target of at most 0.25); median group: "
                      f"{statistics.median(of.values()):.2f}")
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
