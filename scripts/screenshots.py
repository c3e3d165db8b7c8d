"""Screenshots of every page type, at desktop (1280 px) and phone (390 px) width.

For reviewing the look by eye: run it against a running demo (`make demo`) and open
the PNG files. It uses the same Debian Chromium as the browser tests.

    .venv/bin/python scripts/screenshots.py [--base http://127.0.0.1:8000] [--out DIR]
        [--lang en]
"""

import argparse
import os
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("KENNISBANK_CHROMIUM", "/usr/bin/chromium")
WIDTHS = {"desktop": 1280, "mobile": 390}
PAGES = {
    "home": "/",
    "municipality-index": "/utrecht/",
    "casusblad": "/utrecht/veilig-op-huisbezoek-afspraken-voor-keukentafelgesprekken-in-de-wijk/",
    "les": "/almere/vertel-in-het-formulier-wat-er-daarna-gebeurt/",
    "theme-listing": "/onderwerpen/thema/integriteit/",
    "topic-overview": "/onderwerpen/",
    "municipalities": "/gemeenten/",
    "not-found": "/bestaat-niet/",
    "member-login": "/_util/login/",
    "admin-login": "/admin/login/",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--lang", default="", help="language prefix, e.g. en")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    prefix = f"/{args.lang}" if args.lang else ""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless=new", "--no-sandbox"]
        )
        for device, width in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            for name, path in PAGES.items():
                if not path.startswith(("/admin", "/_util")):
                    path = prefix + path
                response = page.goto(args.base + path)
                status = response.status if response else "?"
                target = args.out / f"{name}{'-' + args.lang if args.lang else ''}-{device}.png"
                page.screenshot(path=target, full_page=True)
                print(f"{status} {path} -> {target}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
