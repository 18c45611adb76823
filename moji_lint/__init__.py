"""moji-lint: find and repair text whose encoding went wrong."""

__version__ = "0.1.0"
