"""The channel-layer group of a case's watchers: the kernel pushes to it, the case feed listens on it."""


def case_group(case_id: int) -> str:
    return f"case-{case_id}"
