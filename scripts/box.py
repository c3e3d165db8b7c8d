"""Print a file inside a box under a title: python scripts/box.py TITLE FILE."""

import sys
from pathlib import Path


def boxed(title: str, lines: list[str]) -> str:
    width = max(len(line) for line in [title, *lines])
    rule = "─" * (width + 2)
    rows = [f"┌{rule}┐", f"│ {title:<{width}} │", f"├{rule}┤"]
    rows += [f"│ {line:<{width}} │" for line in lines]
    rows.append(f"└{rule}┘")
    return "\n".join(rows)


if __name__ == "__main__":
    title, path = sys.argv[1:3]
    print(boxed(title, Path(path).read_text(encoding="utf-8").expandtabs().splitlines()))
