from guide.cli import run

raise SystemExit(run())
