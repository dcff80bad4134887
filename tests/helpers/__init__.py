"""What the tests share: sheet writers, hand-made tables, and running a build as a user would."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
