"""The archive build: seeds/ → articles → Markdown pages under docs/."""
