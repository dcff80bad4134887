"""CCHC report pipeline: raw score sheets -> tidy table -> analysis -> notebook -> HTML and PDF."""

__version__ = "0.1.0"
