from cvcheck.cli import run

run()
