"""The Ray engine gives the local engine's briefing, survives dying workers, and skips an
article that kills every worker that touches it.

One local Ray instance (2 CPUs) serves the whole module; it is skipped where Ray (the
``ray`` extra) is not installed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")
pytest.importorskip("ray.data")

from briefing.pipeline import BuildOptions, build_briefing  # noqa: E402
from briefing.ray_engine import CRASHED, RayOptions, run_on_ray  # noqa: E402
from briefing.render import render  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
TESTS = Path(__file__).resolve().parent

GOOD = (
    "Dockworkers at the port of Valmont agreed on Tuesday to end a nine-day strike after the"
    " operator raised its pay offer to 6.5 per cent. The union said members had voted by a"
    " large margin to accept the deal. Shipping lines had diverted more than 40 vessels to"
    " other ports during the dispute. The operator said normal working would resume on"
    " Wednesday morning.\n"
)


@pytest.fixture(scope="module")
def crash_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("crash")


@pytest.fixture(scope="module", autouse=True)
def local_ray(crash_dir: Path) -> Iterator[None]:
    paths = [str(ROOT), str(TESTS), os.environ.get("PYTHONPATH", "")]
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={
            "env_vars": {
                "PYTHONPATH": os.pathsep.join(p for p in paths if p),
                "BRIEFING_CRASH_DIR": str(crash_dir),
            }
        },
    )
    try:
        yield
    finally:
        ray.shutdown()


def _json(briefing: object) -> dict[str, object]:
    data = json.loads(render(briefing, "json"))  # type: ignore[arg-type]
    assert isinstance(data, dict)
    return data


def test_same_briefing_as_the_local_engine_on_the_samples() -> None:
    options = BuildOptions(date="2026-11-28")
    local = build_briefing([str(SAMPLES)], options)
    on_ray = run_on_ray([str(SAMPLES)], options, RayOptions(batch_size=2))
    assert render(on_ray, "json") == render(local, "json")
    assert len(on_ray.stories) >= 5


def test_a_worker_that_dies_has_its_articles_retried(
    tmp_path: Path, crash_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-strike.txt").write_text("Port strike ends\n\n" + GOOD, encoding="utf-8")
    (folder / "b-crash.txt").write_text(
        "Council backs bridge\n\nCRASH-ONCE The city council approved the new harbour bridge"
        " on Monday after a two-year review of its costs. Construction will start in May and"
        " take three years, the council said.\n",
        encoding="utf-8",
    )
    options = BuildOptions(summarizer="ray_crashy:CrashingLead", date="2026-11-28", extract=False)
    on_ray = run_on_ray([str(folder)], options, RayOptions(batch_size=1))
    assert (crash_dir / "crashed-once").exists(), "the worker never crashed"
    assert not on_ray.skipped
    # Locally the marker now exists, so the same summariser no longer crashes.
    monkeypatch.setenv("BRIEFING_CRASH_DIR", str(crash_dir))
    monkeypatch.syspath_prepend(str(TESTS))
    local = build_briefing([str(folder)], options)
    assert render(on_ray, "json") == render(local, "json")


def test_an_article_that_kills_every_worker_is_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-strike.txt").write_text("Port strike ends\n\n" + GOOD, encoding="utf-8")
    (folder / "b-poison.txt").write_text(
        "Poison\n\nCRASH-ALWAYS This article brings down every worker that reads it, and the"
        " run must go on without it.\n",
        encoding="utf-8",
    )
    options = BuildOptions(summarizer="ray_crashy:CrashingLead", date="2026-11-28", extract=False)
    on_ray = run_on_ray([str(folder)], options, RayOptions(batch_size=2, retries=1))
    assert [s.reason for s in on_ray.skipped] == [CRASHED]
    assert on_ray.skipped[0].input.endswith("b-poison.txt")
    assert [story.headline for story in on_ray.stories] == ["Port strike ends"]
    data = _json(on_ray)
    assert data["skipped"] == [{"input": on_ray.skipped[0].input, "reason": CRASHED}]


def test_articles_ray_loses_twice_are_prepared_on_the_driver(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A dying actor can take a neighbour's task (and its retries) down with it, so an
    # innocent article can be missing after both passes on Ray. Simulate the worst case, Ray
    # returning nothing at all: the driver prepares each article in a process of its own,
    # and only the one that kills its process alone is skipped.
    import briefing.ray_engine as engine

    monkeypatch.setattr(engine, "_prepare_pass", lambda *args, **kwargs: {})
    monkeypatch.syspath_prepend(str(TESTS))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-strike.txt").write_text("Port strike ends\n\n" + GOOD, encoding="utf-8")
    (folder / "b-poison.txt").write_text(
        "Poison\n\nCRASH-ALWAYS This article brings down every process that reads it.\n",
        encoding="utf-8",
    )
    options = BuildOptions(summarizer="ray_crashy:CrashingLead", date="2026-11-28", extract=False)
    on_ray = run_on_ray([str(folder)], options, RayOptions(batch_size=2, retries=0))
    assert [story.headline for story in on_ray.stories] == ["Port strike ends"]
    assert [(Path(s.input).name, s.reason) for s in on_ray.skipped] == [("b-poison.txt", CRASHED)]


def test_cli_engine_ray_writes_the_same_json(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from briefing.cli import cli

    runner = CliRunner()
    args = ["build", str(SAMPLES), "-f", "json", "--date", "2026-11-28"]
    local = runner.invoke(cli, [*args, "-o", str(tmp_path / "local.json")])
    assert local.exit_code == 0, local.output
    on_ray = runner.invoke(cli, [*args, "--engine", "ray", "-o", str(tmp_path / "ray.json")])
    assert on_ray.exit_code == 0, on_ray.output
    assert (tmp_path / "ray.json").read_bytes() == (tmp_path / "local.json").read_bytes()
